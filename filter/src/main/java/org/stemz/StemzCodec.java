package org.stemz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory entry point: compress an array into a self-contained stemz archive (format-spec/SPEC.md) and back.
 * The same encoder and reader as {@link ArchiveWriter} and {@link ArchiveReader}, with arrays instead of files.
 * Every decode is checked against the stored checksums.
 */
public final class StemzCodec {
    private StemzCodec() {
    }

    /** Compresses {@code data} (C order, in {@code descriptor}'s byte order) with default options. */
    public static byte[] compress(ArrayDescriptor descriptor, byte[] data) {
        return compress(descriptor, data, CodecOptions.defaults());
    }

    public static byte[] compress(ArrayDescriptor descriptor, byte[] data, CodecOptions options) {
        if (data.length != descriptor.byteSize()) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "data holds " + data.length
                    + " bytes but " + descriptor + " needs " + descriptor.byteSize());
        }
        return compress(descriptor, data, 0, options);
    }

    /** Compresses the array held in {@code data} from byte {@code offset} on; the rest of {@code data} is ignored. */
    public static byte[] compress(ArrayDescriptor descriptor, byte[] data, int offset, CodecOptions options) {
        if (offset < 0 || data.length - offset < descriptor.byteSize()) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "data holds " + (data.length - offset)
                    + " bytes from offset " + offset + " but " + descriptor + " needs " + descriptor.byteSize());
        }
        long frameBytes = (long) descriptor.framePixels() * descriptor.type().size();
        // Chunks are views of the caller's array: no copies.
        ArchiveEncoder.Chunks chunks = (c, first, frames) ->
                new ArchiveEncoder.Slice(data, offset + (int) (first * frameBytes));
        Parts parts = new Parts();
        try {
            ArchiveEncoder.encode(descriptor, chunks, options, true, parts, ProgressListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts.join();
    }

    /** Collects the archive's pieces and joins them once their total size is known. */
    private static final class Parts implements ArchiveEncoder.Output {
        private final List<byte[]> parts = new ArrayList<>();
        private long total;

        @Override
        public void write(byte[] bytes) {
            total += bytes.length;
            if (total > Integer.MAX_VALUE - 16) {
                throw new LimitExceededException(-1, "archive of over " + total
                        + " bytes does not fit in memory: use ArchiveWriter to stream it to a file");
            }
            parts.add(bytes);
        }

        byte[] join() {
            byte[] out = new byte[(int) total];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

    /** Decodes a whole stream on all cores. */
    public static DecodedArray decompress(byte[] stream) {
        return decompress(stream, Runtime.getRuntime().availableProcessors());
    }

    public static DecodedArray decompress(byte[] stream, int threads) {
        return ArchiveReader.of(stream).readAll(threads);
    }
}
