package org.stemz.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DecodedArray;
import org.stemz.LimitExceededException;
import org.stemz.StemzCodec;
import org.stemz.cli.input.ArraySource;

/**
 * The one place the commands touch the codec. It uses the in-memory API for now (whole array and archive in
 * memory, so inputs up to 2 GiB); when the streaming ArchiveWriter/ArchiveReader land only this class changes.
 */
public final class Archives {
    /** Read the source in batches of about this many bytes, so progress moves smoothly. */
    private static final long BATCH_BYTES = 8L << 20;
    private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 64;

    private Archives() {
    }

    /** Sizes of a finished compression. */
    public record Result(ArrayDescriptor descriptor, long rawBytes, long archiveBytes) {
    }

    /** Compresses {@code source} into {@code out}. */
    public static Result compress(ArraySource source, CodecOptions options, OutputStream out,
                                  ProgressListener progress) throws IOException {
        byte[] data = readAll(source, progress);
        ArrayDescriptor d = source.descriptor();
        progress.begin("compress", -1);
        byte[] archive = StemzCodec.compress(d, data, options.withMetadata(source.metadataJson()));
        progress.end();
        out.write(archive);
        return new Result(d, data.length, archive.length);
    }

    /** Reads every frame of {@code source} into one array. */
    public static byte[] readAll(ArraySource source, ProgressListener progress) throws IOException {
        ArrayDescriptor d = source.descriptor();
        checkFits(d.byteSize(), "input " + d);
        byte[] data = new byte[(int) d.byteSize()];
        long frameBytes = (long) d.framePixels() * d.type().size();
        int batch = (int) Math.max(1, BATCH_BYTES / Math.max(1, frameBytes));
        progress.begin("read", data.length);
        for (long f = 0; f < d.frames(); f += batch) {
            int n = (int) Math.min(batch, d.frames() - f);
            source.readFrames(data, (int) (f * frameBytes), n);
            progress.advance(n * frameBytes);
        }
        progress.end();
        return data;
    }

    /** Reads an archive's header and index (and keeps its bytes for per-chunk checks). */
    public static Loaded load(Path archive) throws IOException {
        checkFits(Files.size(archive), "archive " + archive);
        byte[] bytes = Files.readAllBytes(archive);
        return new Loaded(bytes, ArchiveLayout.read(bytes));
    }

    /** An archive in memory with its parsed layout. */
    public record Loaded(byte[] bytes, ArchiveLayout layout) {
        public java.util.List<ArchiveLayout.BadChunk> badChunks() {
            return layout.badChunks(bytes);
        }

        public DecodedArray decode(int threads) {
            return StemzCodec.decompress(bytes, threads);
        }
    }

    /** Decodes a whole archive, checking every checksum. */
    public static DecodedArray decode(Path archive, int threads) throws IOException {
        checkFits(Files.size(archive), "archive " + archive);
        return StemzCodec.decompress(Files.readAllBytes(archive), threads);
    }

    /** Decodes frames [from, to) of an archive (flat frame indices). */
    public static DecodedArray decodeFrames(Path archive, long from, long to, int threads) throws IOException {
        DecodedArray all = decode(archive, threads);
        return Slices.frames(all, from, to);
    }

    private static void checkFits(long bytes, String what) {
        if (bytes > MAX_IN_MEMORY) {
            throw new LimitExceededException(-1, what + " takes " + bytes + " bytes; until the streaming archive "
                    + "writer lands the command line handles at most " + MAX_IN_MEMORY + " bytes");
        }
    }
}
