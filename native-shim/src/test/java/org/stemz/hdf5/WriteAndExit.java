package org.stemz.hdf5;

import java.nio.ByteOrder;
import java.nio.file.Path;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

/** Test helper run in its own JVM: writes a stemz dataset through JNA and exits without closing the file. */
public final class WriteAndExit {
    private WriteAndExit() {
    }

    public static void main(String[] args) {
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 3, 16, 16);
        byte[] data = new byte[(int) d.byteSize()];
        for (int i = 0; i < data.length; i += 2) {
            data[i] = (byte) (i % 13 == 0 ? 9 : i % 3);
        }
        Hdf5File f = Hdf5File.create(Path.of(args[0]));
        f.write("/data", d, d.shape(), new long[] {1, 3, 16, 16}, true, data);
        // deliberately not closed: chunks still cached are flushed by the shutdown hook's H5close
        System.exit(0);
    }
}
