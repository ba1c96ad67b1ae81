package org.stemz.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

class NpyArrayTest {
    private static final byte[] PIXELS = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0};

    /** A version 1 .npy file of {@code body} with the given header dictionary. */
    private static byte[] npy(String dict, byte[] body) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length + body.length];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, out, 0, 8);
        out[8] = (byte) text.length;
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, 10, text.length);
        System.arraycopy(body, 0, out, 10 + text.length, body.length);
        return out;
    }

    @Test
    void readsShapeTypeOrderAndData() throws IOException {
        NpyArray a = NpyArray.parse("t", npy("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2, 2), }", PIXELS));
        assertEquals(new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 2, 2), a.descriptor);
        assertArrayEquals(PIXELS, a.data);
        NpyArray big = NpyArray.parse("t", npy("{'descr': '>i4', 'fortran_order': False, 'shape': (1, 2, 2), }",
                PIXELS));
        assertEquals(new ArrayDescriptor(DataType.INT32, ByteOrder.BIG_ENDIAN, 1, 2, 2), big.descriptor);
    }

    @Test
    void readsDataNpyInsideNpz(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("data.npz");
        try (OutputStream f = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(f)) {
            zip.putNextEntry(new ZipEntry("other.npy"));
            zip.write(new byte[] {1, 2, 3});
            zip.putNextEntry(new ZipEntry("data.npy"));
            zip.write(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (4, 4), }", PIXELS));
        }
        NpyArray a = NpyArray.load(npz);
        assertEquals(new ArrayDescriptor(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, 4, 4), a.descriptor);
        assertArrayEquals(PIXELS, a.data);
    }

    @Test
    void rejectsWrongLengthFortranOrderAndBadMagic() {
        assertThrows(IOException.class, () -> NpyArray.parse("t",
                npy("{'descr': '<u2', 'fortran_order': False, 'shape': (3, 2, 2), }", PIXELS)));
        assertThrows(IOException.class, () -> NpyArray.parse("t",
                npy("{'descr': '<u2', 'fortran_order': True, 'shape': (2, 2, 2), }", PIXELS)));
        assertThrows(IOException.class, () -> NpyArray.parse("t", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0}));
    }
}
