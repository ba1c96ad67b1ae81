package org.stemz.hdf5;

import java.nio.ByteBuffer;

/**
 * Entry points of the native plugin ({@code src/main/c/stemz_plugin.c}) through JNI. The plugin loads this class
 * from the jar beside the {@code .so} with its own class loader, so it must not need jhdf or JNA. Every failure
 * leaves as an {@link IllegalStateException} whose message is ready for the HDF5 error stack.
 */
public final class PluginEntry {
    private PluginEntry() {
    }

    /** Encodes or decodes the chunk HDF5 handed over as a direct buffer (not kept after the call). */
    public static byte[] filter(int flags, int[] cdValues, ByteBuffer chunk) {
        try {
            byte[] in = new byte[chunk.remaining()];
            chunk.get(in);
            return FilterCall.apply(flags, cdValues, in);
        } catch (Throwable t) {
            throw new IllegalStateException(FilterCall.describe(FilterCall.action(flags), t));
        }
    }
}
