package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/** Packing method 2 (SPEC-V2-CODING.md V2.5): sections that repay their own table, and their checks. */
class ByteRansTest {
    /** 60,000 zero bytes with a few ones, then 2,000 bytes spread over the whole byte range: unlike statistics. */
    private static byte[] twoFields() {
        Random r = new Random(7);
        byte[] data = new byte[62_000];
        for (int i = 0; i < 60_000; i += 97) {
            data[i] = 1;
        }
        for (int i = 60_000; i < data.length; i++) {
            data[i] = (byte) r.nextInt(256);
        }
        return data;
    }

    private static byte[] unpack(byte[] packed, boolean sections) {
        return ByteRans.unpack(new ByteSource(packed), 1 << 20, "model", sections);
    }

    @Test
    void fieldsOfUnlikeStatisticsPackSmallerInSections() {
        byte[] data = twoFields();
        byte[] whole = ByteRans.pack(data);
        byte[] sectioned = ByteRans.pack(data, new int[] {60_000});
        assertEquals(2, sectioned[3], "method byte after the 3-byte length");
        assertTrue(sectioned.length < whole.length * 0.9, sectioned.length + " bytes against " + whole.length);
        assertArrayEquals(data, unpack(sectioned, true));
        assertArrayEquals(data, unpack(whole, true));
    }

    @Test
    void cutsThatDoNotPayAreDropped() {
        byte[] data = new byte[10_000]; // one statistic throughout: every cut would only add a table
        Random r = new Random(3);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) r.nextInt(4);
        }
        assertArrayEquals(ByteRans.pack(data), ByteRans.pack(data, new int[] {2_000, 5_000, 5_000, 0, 20_000}));
    }

    @Test
    void version1RefusesMethod2() {
        CorruptInputException e = assertThrows(CorruptInputException.class,
                () -> unpack(ByteRans.pack(twoFields(), new int[] {60_000}), false));
        assertEquals(ErrorCode.RESERVED_VALUE, e.code());
    }

    /** A method-2 string of declared length n from raw sections (each a packed string). */
    private static byte[] sections(long n, long count, byte[]... parts) {
        ByteSink out = new ByteSink(64).varint(n).u8(2).varint(count);
        for (byte[] p : parts) {
            out.bytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] stored(int... bytes) {
        ByteSink out = new ByteSink(16).varint(bytes.length).u8(0);
        for (int b : bytes) {
            out.u8(b);
        }
        return out.toByteArray();
    }

    private static ErrorCode failure(byte[] packed) {
        return assertThrows(CorruptInputException.class, () -> unpack(packed, true)).code();
    }

    @Test
    void malformedSectionsAreRefusedWithTypedErrors() {
        assertArrayEquals(new byte[] {1, 2, 3}, unpack(sections(3, 2, stored(1, 2), stored(3)), true));
        assertEquals(ErrorCode.BAD_MODEL, failure(sections(3, 1, stored(1, 2, 3))), "one section");
        assertEquals(ErrorCode.BAD_MODEL, failure(sections(3, 4, stored(1, 2), stored(3))), "count above n");
        assertEquals(ErrorCode.BAD_MODEL, failure(sections(3, 2, stored(), stored(1, 2, 3))), "empty section");
        assertEquals(ErrorCode.BAD_MODEL, failure(sections(3, 2, stored(1, 2), stored(3, 4))), "past n");
        assertEquals(ErrorCode.BAD_MODEL, failure(sections(4, 2, stored(1, 2), stored(3))), "short of n");
        byte[] nested = sections(2, 2, stored(1), stored(2));
        assertEquals(ErrorCode.RESERVED_VALUE, failure(sections(3, 2, stored(1), nested)), "method 2 inside");
        assertEquals(ErrorCode.TRUNCATED, failure(java.util.Arrays.copyOf(sections(3, 2, stored(1, 2), stored(3)),
                8)), "cut short");
    }
}
