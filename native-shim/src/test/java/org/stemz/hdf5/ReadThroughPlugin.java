package org.stemz.hdf5;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Test helper run in its own JVM with HDF5_PLUGIN_PATH set: reads a stemz dataset through libhdf5 without
 * registering the JNA filter, so HDF5 loads the native plugin, which must reuse this JVM. Prints the SHA-256 of
 * the raw bytes, or the HDF5 error and exit code 1.
 */
public final class ReadThroughPlugin {
    private ReadThroughPlugin() {
    }

    public static void main(String[] args) throws Exception {
        Hdf5Library h5 = Hdf5Native.library();
        long file = h5.H5Fopen(args[0], 0, 0);
        long d = h5.H5Dopen2(file, args[1], 0);
        long type = h5.H5Dget_type(d);
        long space = h5.H5Dget_space(d);
        long n = h5.H5Sget_simple_extent_npoints(space) * h5.H5Tget_size(type);
        byte[] buf = new byte[(int) n];
        if (file < 0 || d < 0 || h5.H5Dread(d, type, 0, 0, 0, buf) < 0) {
            System.out.println("failed: " + Hdf5Errors.stackText());
            System.exit(1);
        }
        System.out.println(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf)));
        for (long id : new long[] {space, type, d, file}) {
            h5.H5Idec_ref(id);
        }
    }
}
