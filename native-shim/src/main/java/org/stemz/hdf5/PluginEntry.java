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

    /**
     * Checks, when a dataset is created, the cd_values {@code set_local} computed: whatever the encoder would
     * refuse later (limits of the stemz format) fails dataset creation instead.
     */
    public static void check(int[] cdValues) {
        try {
            FilterParameters.parse(cdValues);
        } catch (Throwable t) {
            throw new IllegalStateException(FilterCall.describe("stemz filter cannot be applied to this dataset", t));
        }
    }

    /** Encodes the chunk in {@code chunk} and returns its payload. */
    public static byte[] encode(int[] cdValues, ByteBuffer chunk) {
        try {
            int length = chunk.remaining();
            byte[] scratch = scratch(length);
            chunk.get(scratch, 0, length);
            return FilterCall.encode(cdValues, scratch, length);
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
            byte[] scratch = scratch(length);
            payload.get(scratch, 0, length);
            FilterCall.decode(cdValues, scratch, length, out);
        } catch (Throwable t) {
            throw new IllegalStateException(FilterCall.describe(FilterCall.DECODE_FAILED, t));
        }
    }

    /**
     * The chunk or payload needs to be on the Java heap for the codec; reusing one array per HDF5 thread saves
     * allocating and zeroing megabytes per chunk. More than {@link #SCRATCH_MAX} bytes get an array of their own.
     */
    private static byte[] scratch(int length) {
        byte[] scratch = SCRATCH.get();
        if (scratch.length >= length) {
            return scratch;
        }
        byte[] fresh = new byte[length];
        if (length <= SCRATCH_MAX) {
            SCRATCH.set(fresh);
        }
        return fresh;
    }

    private static final int SCRATCH_MAX = 64 << 20;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);
}
