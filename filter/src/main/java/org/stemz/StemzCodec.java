package org.stemz;

/**
 * In-memory entry point: compress an array into a self-contained stemz stream (the archive format of
 * format-spec/SPEC.md) and back. Every decode is checked against the stored checksums.
 */
public final class StemzCodec {
    private StemzCodec() {
    }

    /** Compresses {@code data} (C order, in {@code descriptor}'s byte order) with default options. */
    public static byte[] compress(ArrayDescriptor descriptor, byte[] data) {
        return compress(descriptor, data, CodecOptions.defaults());
    }

    public static byte[] compress(ArrayDescriptor descriptor, byte[] data, CodecOptions options) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Decodes a whole stream on all cores. */
    public static DecodedArray decompress(byte[] stream) {
        return decompress(stream, Runtime.getRuntime().availableProcessors());
    }

    public static DecodedArray decompress(byte[] stream, int threads) {
        throw new UnsupportedOperationException("not yet");
    }
}
