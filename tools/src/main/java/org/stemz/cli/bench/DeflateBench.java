package org.stemz.cli.bench;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** gzip's algorithm (java.util.zip Deflater) on the raw bytes, one thread. */
final class DeflateBench {
    private DeflateBench() {
    }

    static BenchRow run(byte[] data, int level, int repetitions) throws Exception {
        byte[][] packed = new byte[1][];
        double enc = Timing.best(repetitions, false, () -> packed[0] = deflate(data, level));
        byte[][] back = new byte[1][];
        double dec = Timing.best(repetitions, false, () -> back[0] = inflate(packed[0], data.length));
        if (!Arrays.equals(back[0], data)) {
            throw new IllegalStateException("deflate round trip failed");
        }
        return new BenchRow("gzip -" + level + " (Deflater)", 1, packed[0].length, 0, enc, dec, "");
    }

    private static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] packed, int size) throws DataFormatException {
        Inflater i = new Inflater();
        try {
            i.setInput(packed);
            byte[] out = new byte[size];
            int n = 0;
            while (n < size && !i.finished()) {
                n += i.inflate(out, n, size - n);
            }
            return out;
        } finally {
            i.end();
        }
    }
}
