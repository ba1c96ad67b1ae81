package org.stemz.hdf5;

import org.stemz.StemzException;

/** What both HDF5 entry points (the JNA filter and the native plugin) do with a chunk and with a failure. */
public final class FilterCall {
    /** H5Z_FLAG_REVERSE: set when HDF5 reads (decodes). */
    static final int FLAG_REVERSE = 0x100;

    private FilterCall() {
    }

    /** Threads per chunk; set e.g. through STEMZ_JVM_OPTIONS=-Dstemz.filter.threads=4 for the native plugin. */
    public static final String THREADS_PROPERTY = "stemz.filter.threads";

    /**
     * Encodes or decodes one chunk. HDF5 passes chunks one at a time, so each uses every core unless
     * {@value #THREADS_PROPERTY} says otherwise.
     */
    static byte[] apply(int flags, int[] cdValues, byte[] data) {
        int threads = Math.max(1, Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
        return (flags & FLAG_REVERSE) != 0
                ? ChunkCodec.decode(cdValues, data, threads)
                : ChunkCodec.encode(cdValues, data, data.length, threads);
    }

    /** What a filter call with these flags was doing, for error messages. */
    static String action(int flags) {
        return (flags & FLAG_REVERSE) != 0 ? "stemz filter failed to decode a chunk" : "stemz filter failed to encode a chunk";
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
