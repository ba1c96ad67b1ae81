package org.stemz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams frames from a {@link FrameSource} into an archive file. The model is learned in a first pass over all
 * frames (see {@link ArchiveEncoder}), so memory depends on the frame and chunk size and the thread count, never
 * on the number of frames. The archive is written to a temporary file beside the target and renamed into place
 * only when complete; on any failure the temporary file is deleted and the target is left untouched.
 */
public final class ArchiveWriter {
    private ArchiveWriter() {
    }

    public static ArchiveSummary write(Path target, ArrayDescriptor descriptor, FrameSource source,
                                       CodecOptions options) throws IOException {
        return write(target, descriptor, source, options, ProgressListener.NONE);
    }

    public static ArchiveSummary write(Path target, ArrayDescriptor descriptor, FrameSource source,
                                       CodecOptions options, ProgressListener progress) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            ArchiveSummary summary;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                summary = encode(descriptor, source, options, progress, bytes -> writeFully(out, bytes));
                out.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return summary;
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static ArchiveSummary encode(ArrayDescriptor d, FrameSource source, CodecOptions options,
                                         ProgressListener progress, ArchiveEncoder.Output out) throws IOException {
        long frameBytes = (long) d.framePixels() * d.type().size();
        ArchiveEncoder.Chunks chunks = (c, first, frames) -> {
            byte[] buffer = new byte[(int) (frames * frameBytes)];
            source.readFrames(first, frames, buffer);
            return new ArchiveEncoder.Slice(buffer, 0);
        };
        try {
            return ArchiveEncoder.encode(d, chunks, options, false, out, progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes all of {@code bytes} at the channel's position. */
    static void writeFully(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
