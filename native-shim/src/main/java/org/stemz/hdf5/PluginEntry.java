package org.stemz.hdf5;

import java.nio.ByteBuffer;

/**
 * Entry points of the native plugin ({@code src/main/c/stemz_plugin.c}) through JNI. The plugin loads this class
 * from the jar beside the {@code .so} with its own class loader, so it must not need jhdf or JNA. Every failure
 * leaves as an {@link IllegalStateException} whose message is ready for the HDF5 error stack. HDF5's buffers
 * arrive as direct buffers and are not kept after the call.
 */
public final class PluginEntry {
    private PluginEntry() {
    }

    /** Encodes the chunk in {@code chunk} and returns its payload. */
    public static byte[] encode(int[] cdValues, ByteBuffer chunk) {
        try {
            return FilterCall.encode(cdValues, bytes(chunk));
        } catch (Throwable t) {
            throw new IllegalStateException(FilterCall.describe(FilterCall.ENCODE_FAILED, t));
        }
    }

    /** Size in bytes of a decoded chunk, so the plugin can allocate the buffer {@link #decode} fills. */
    public static int decodedBytes(int[] cdValues) {
        try {
            return FilterCall.decodedBytes(cdValues);
        } catch (Throwable t) {
            throw new IllegalStateException(FilterCall.describe(FilterCall.DECODE_FAILED, t));
        }
    }

    /** Decodes {@code payload} into {@code out}, which holds {@link #decodedBytes} bytes. */
    public static void decode(int[] cdValues, ByteBuffer payload, ByteBuffer out) {
        try {
            int length = payload.remaining();
            byte[] scratch = payloadScratch(length);
            payload.get(scratch, 0, length);
            FilterCall.decode(cdValues, scratch, length, out);
        } catch (Throwable t) {
            throw new IllegalStateException(FilterCall.describe(FilterCall.DECODE_FAILED, t));
        }
    }

    /**
     * The payload needs to be on the Java heap for the decoder; reusing one array per HDF5 thread saves allocating
     * and zeroing megabytes per chunk. Payloads above {@link #SCRATCH_MAX} bytes get an array of their own.
     */
    private static byte[] payloadScratch(int length) {
        byte[] scratch = PAYLOAD_SCRATCH.get();
        if (scratch.length >= length) {
            return scratch;
        }
        byte[] fresh = new byte[length];
        if (length <= SCRATCH_MAX) {
            PAYLOAD_SCRATCH.set(fresh);
        }
        return fresh;
    }

    private static final int SCRATCH_MAX = 64 << 20;
    private static final ThreadLocal<byte[]> PAYLOAD_SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
