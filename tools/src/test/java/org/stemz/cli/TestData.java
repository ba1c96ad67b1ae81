package org.stemz.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.cli.input.NpyHeader;

/** Small synthetic arrays and files for tests, plus the location of the shared real datasets. */
public final class TestData {
    private TestData() {
    }

    /** Random elements of {@code d} (valid for every type: any bit pattern is a value). */
    public static byte[] random(ArrayDescriptor d, long seed) {
        byte[] b = new byte[(int) d.byteSize()];
        Random r = new Random(seed);
        if (d.type().isFloating()) {
            r.nextBytes(b);
            return b;
        }
        // small Poisson-like counts, so the codec has something to model
        ByteBuffer buf = ByteBuffer.wrap(b).order(d.order());
        for (long i = 0; i < d.elementCount(); i++) {
            int v = (int) Math.abs(r.nextGaussian() * 3);
            switch (d.type().size()) {
                case 1 -> buf.put((byte) v);
                case 2 -> buf.putShort((short) v);
                default -> buf.putInt(v);
            }
        }
        return b;
    }

    /** Writes a .npy holding {@code data}. */
    public static Path npy(Path file, ArrayDescriptor d, byte[] data) throws IOException {
        byte[] h = NpyHeader.encode(d);
        byte[] all = new byte[h.length + data.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(data, 0, all, h.length, data.length);
        return Files.write(file, all);
    }

    public static ArrayDescriptor uint16(long... shape) {
        return new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, shape);
    }

    /** The folder of real datasets (../shared/data/real from the repository root), or null if absent. */
    public static Path realData() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("stemz"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return null;
        }
        Path real = dir.resolve("../shared/data/real").normalize();
        return Files.isDirectory(real) ? real : null;
    }
}
