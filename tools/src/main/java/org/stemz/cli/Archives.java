package org.stemz.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.stemz.ArchiveReader;
import org.stemz.ArchiveSummary;
import org.stemz.ArchiveWriter;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.LimitExceededException;
import org.stemz.ProgressListener;
import org.stemz.cli.input.ArraySource;

/**
 * The one place the commands touch the codec: the streaming ArchiveWriter (memory bounded whatever the number
 * of frames; temporary file renamed into place) and the random-access ArchiveReader.
 */
public final class Archives {
    /** Frames are moved in batches of about this many bytes. */
    static final long BATCH_BYTES = 8L << 20;

    private Archives() {
    }

    /** Compresses {@code source} into {@code target} (written under a temporary name, renamed when complete). */
    public static ArchiveSummary compress(ArraySource source, CodecOptions options, Path target,
                                          ProgressListener progress) throws IOException {
        return ArchiveWriter.write(target, source.descriptor(), source.frames(),
                options.withMetadata(source.metadataJson()), progress);
    }

    /**
     * Compresses {@code source} into {@code target}'s temporary file (ArchiveWriter adds one of its own beside it,
     * named after it, which {@link TempFiles} also removes) and publishes it.
     */
    public static ArchiveSummary compress(ArraySource source, CodecOptions options, AtomicOutput target,
                                          ProgressListener progress) throws IOException {
        ArchiveSummary summary = compress(source, options, target.temporaryPath(), progress);
        target.commit();
        return summary;
    }

    /**
     * Opens an archive. An OutOfMemoryError here comes from parsing the model (the only structure whose memory is
     * not bounded by the chunk size): reported as such, with what the JVM may use.
     */
    public static ArchiveReader open(Path archive) throws IOException {
        try {
            return ArchiveReader.open(archive);
        } catch (OutOfMemoryError e) {
            OutOfMemory.release();
            throw new LimitExceededException(-1, archive + ": parsing the archive's model: " + OutOfMemory.detail());
        }
    }

    /**
     * Records, for the out-of-memory message, what decoding {@code archive} on {@code threads} threads needs
     * (from its header and footer; nothing when they cannot be read: opening the archive will say why).
     */
    static void expectDecode(String command, Path archive, int threads, boolean verify) throws IOException {
        HeaderSummary s = HeaderSummary.read(archive);
        OutOfMemory.expect(command, s == null ? null : MemoryEstimate.decode(s, threads, verify));
    }

    /** Decodes frames [first, first + count) of {@code reader} to {@code out}, chunks in parallel. */
    public static void decode(ArchiveReader reader, long first, long count, OutputStream out, int threads,
                              ProgressListener progress) throws IOException {
        reader.readFrames(first, count, out, threads, progress);
    }

    /** Frames per batch for arrays of this descriptor. */
    static int batchFrames(ArrayDescriptor d) {
        long frameBytes = (long) d.framePixels() * d.type().size();
        return (int) Math.max(1, BATCH_BYTES / Math.max(1, frameBytes));
    }

    /** Reads every frame of {@code source} into one array (for the in-memory benchmark). */
    public static byte[] readAll(ArraySource source) throws IOException {
        ArrayDescriptor d = source.descriptor();
        if (d.byteSize() > Integer.MAX_VALUE - 64) {
            throw new LimitExceededException(-1, "input " + d + " takes " + d.byteSize()
                    + " bytes, more than one in-memory array holds");
        }
        byte[] data = new byte[(int) d.byteSize()];
        long frameBytes = (long) d.framePixels() * d.type().size();
        int batch = batchFrames(d);
        for (long f = 0; f < d.frames(); f += batch) {
            int n = (int) Math.min(batch, d.frames() - f);
            source.readFrames(f, n, data, (int) (f * frameBytes));
        }
        return data;
    }
}
