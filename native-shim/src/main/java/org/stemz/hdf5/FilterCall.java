package org.stemz.hdf5;

import java.nio.ByteBuffer;
import org.stemz.StemzException;

/** What both HDF5 entry points (the JNA filter and the native plugin) do with a chunk and with a failure. */
public final class FilterCall {
    /** H5Z_FLAG_REVERSE: set when HDF5 reads (decodes). */
    static final int FLAG_REVERSE = 0x100;

    private FilterCall() {
    }

    static final String ENCODE_FAILED = "stemz filter failed to encode a chunk";
    static final String DECODE_FAILED = "stemz filter failed to decode a chunk";

    /** Threads per chunk; set e.g. through STEMZ_JVM_OPTIONS=-Dstemz.filter.threads=4 for the native plugin. */
    public static final String THREADS_PROPERTY = "stemz.filter.threads";

    /**
     * Compresses one whole chunk held in the first {@code length} bytes of {@code chunk}; HDF5 passes chunks one at a
     * time, so each uses {@link #threads()}.
     */
    static byte[] encode(int[] cdValues, byte[] chunk, int length) {
        return ChunkCodec.encode(cdValues, chunk, length, threads());
    }

    /** Size of the decoded chunk that {@code cdValues} describe. */
    static int decodedBytes(int[] cdValues) {
        return (int) FilterParameters.parse(cdValues).chunkBytes();
    }

    /**
     * Decompresses the payload in the first {@code length} bytes of {@code payload} into the first
     * {@link #decodedBytes} bytes of {@code out}.
     */
    static void decode(int[] cdValues, byte[] payload, int length, ByteBuffer out) {
        ChunkCodec.decode(cdValues, payload, length, out, threads());
    }

    /** Every core unless {@value #THREADS_PROPERTY} says otherwise. */
    private static int threads() {
        return Math.max(1, Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
    }

    /** What a filter call with these flags was doing, for error messages. */
    static String action(int flags) {
        return (flags & FLAG_REVERSE) != 0 ? DECODE_FAILED : ENCODE_FAILED;
    }

    /** A one-line message for the HDF5 error stack: what failed (naming stemz), then the cause chain. */
    static String describe(String what, Throwable t) {
        StringBuilder sb = new StringBuilder(what).append(": ");
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c != t) {
                sb.append("; caused by ");
            }
            sb.append(c instanceof StemzException || c.getMessage() == null ? "" : c.getClass().getSimpleName() + ": ")
                    .append(c.getMessage() == null ? c.getClass().getName() : c.getMessage());
        }
        return sb.toString();
    }
}
