package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.CorruptInputException;
import org.stemz.DataType;
import org.stemz.UnsupportedFormatException;
import org.stemz.cli.TestData;

class NpyReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryTypeInBothByteOrders() throws Exception {
        for (DataType t : DataType.values()) {
            for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                ArrayDescriptor d = new ArrayDescriptor(t, o, 2, 3, 5, 7);
                byte[] data = TestData.random(d, t.ordinal());
                Path f = TestData.npy(dir.resolve(t + "-" + o + ".npy"), d, data);
                ArraySource s = NpyReader.open(f);
                ArrayDescriptor read = s.descriptor();
                assertEquals(t, read.type());
                assertEquals(t.size() == 1 ? ByteOrder.LITTLE_ENDIAN : o, read.order());
                assertArrayEquals(d.shape(), read.shape());
                assertArrayEquals(data, SourceAssertions.readAll(s), t + " " + o);
            }
        }
    }

    @Test
    void rejectsFortranOrderClearly() throws Exception {
        Path f = dir.resolve("f.npy");
        Files.write(f, header("{'descr': '<u2', 'fortran_order': True, 'shape': (2, 2), }", 8));
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> NpyReader.open(f));
        assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void rejectsTruncatedData() throws Exception {
        Path f = dir.resolve("t.npy");
        Files.write(f, header("{'descr': '<u2', 'fortran_order': False, 'shape': (4, 4), }", 31));
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> NpyReader.open(f));
        assertTrue(e.getMessage().contains("needs"), e.getMessage());
    }

    @Test
    void rejectsOneAxisAndUnknownTypes() throws Exception {
        Path one = dir.resolve("one.npy");
        Files.write(one, header("{'descr': '<u2', 'fortran_order': False, 'shape': (4,), }", 8));
        assertThrows(UnsupportedFormatException.class, () -> NpyReader.open(one));
        Path i8 = dir.resolve("i8.npy");
        Files.write(i8, header("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 1), }", 8));
        assertThrows(UnsupportedFormatException.class, () -> NpyReader.open(i8));
    }

    @Test
    void rejectsAbsurdHeaderLength() throws Exception {
        Path f = dir.resolve("h.npy");
        byte[] b = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        Files.write(f, b);
        assertThrows(org.stemz.LimitExceededException.class, () -> NpyReader.open(f));
    }

    /** A version 1 .npy with the given header dict and {@code dataBytes} zero bytes of data. */
    private static byte[] header(String dict, int dataBytes) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length + dataBytes];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, out, 0, 8);
        out[8] = (byte) text.length;
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }
}
