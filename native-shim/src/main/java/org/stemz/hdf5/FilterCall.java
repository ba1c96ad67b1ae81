package org.stemz.hdf5;

import org.stemz.StemzException;

/** What both HDF5 entry points (the JNA filter and the native plugin) do with a chunk and with a failure. */
final class FilterCall {
    /** H5Z_FLAG_REVERSE: set when HDF5 reads (decodes). */
    static final int FLAG_REVERSE = 0x100;

    private FilterCall() {
    }

    /** Encodes or decodes one chunk; each chunk uses every core, since HDF5 passes chunks one at a time. */
    static byte[] apply(int flags, int[] cdValues, byte[] data) {
        int threads = Runtime.getRuntime().availableProcessors();
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
