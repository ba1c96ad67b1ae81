package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.CorruptInputException;
import org.stemz.UnsupportedFormatException;

class SerReaderTest {
    @TempDir
    Path dir;

    /** A version 0x0210 series of 2x3 uint16 images of 5x4 (width x height), value = 1000 * image + 10 * row + col. */
    private static ByteBuffer series() {
        int images = 6;
        int w = 5;
        int h = 4;
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x4949).putShort((short) 0x0197).putShort((short) 0x0210).putInt(0x4122).putInt(0x4152);
        b.putInt(images).putInt(images);
        int tableAt = b.position();
        b.putInt(0).putInt(2);
        for (int size : new int[] {3, 2}) {
            b.putInt(size).putDouble(0).putDouble(1).putInt(0).putInt(4).put("Scan".getBytes()).putInt(2).put("nm".getBytes());
        }
        int table = b.position();
        b.putInt(tableAt, table);
        b.position(table + 8 * images);
        for (int i = 0; i < images; i++) {
            b.putInt(table + 4 * i, b.position());
            b.putDouble(0).putDouble(1).putInt(0).putDouble(0).putDouble(1).putInt(0).putShort((short) 2).putInt(w).putInt(h);
            for (int stored = 0; stored < h; stored++) {
                int row = h - 1 - stored; // stored bottom row first
                for (int c = 0; c < w; c++) {
                    b.putShort((short) (1000 * i + 10 * row + c));
                }
            }
            b.putInt(table + 4 * images + 4 * i, b.position());
            b.putShort((short) 0x4152).putInt(i);
        }
        return b.flip();
    }

    @Test
    void readsImagesTopDownWithTheScanShape() throws Exception {
        ByteBuffer b = series();
        Path ser = Files.write(dir.resolve("s_1.ser"), java.util.Arrays.copyOf(b.array(), b.limit()));
        ArraySource s = SerReader.open(ser);
        assertArrayEquals(new long[] {2, 3, 4, 5}, s.descriptor().shape());
        ByteBuffer data = ByteBuffer.wrap(SourceAssertions.readAll(s)).order(ByteOrder.LITTLE_ENDIAN);
        short[] got = new short[6 * 20];
        data.asShortBuffer().get(got);
        for (int i = 0; i < 6; i++) {
            for (int p = 0; p < 20; p++) {
                if (got[i * 20 + p] != 1000 * i + 10 * (p / 5) + p % 5) {
                    throw new AssertionError("image " + i + " pixel " + p + ": " + got[i * 20 + p]);
                }
            }
        }
        assertTrue(s.metadataJson().contains("tia-ser"));
    }

    @Test
    void rejectsDamagedSeries() throws Exception {
        ByteBuffer b = series();
        byte[] good = java.util.Arrays.copyOf(b.array(), b.limit());
        Path cut = Files.write(dir.resolve("cut.ser"), java.util.Arrays.copyOf(good, good.length - 60));
        assertThrows(CorruptInputException.class, () -> SerReader.open(cut));
        byte[] spectra = good.clone();
        spectra[6] = 0x20;
        Path s = Files.write(dir.resolve("spectra.ser"), spectra);
        assertThrows(UnsupportedFormatException.class, () -> SerReader.open(s));
        byte[] table = good.clone();
        ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 1 << 30);
        Path t = Files.write(dir.resolve("table.ser"), table);
        assertThrows(CorruptInputException.class, () -> SerReader.open(t));
    }
}
