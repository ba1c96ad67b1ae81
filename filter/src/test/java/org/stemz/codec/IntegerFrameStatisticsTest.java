package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.DataType;

/**
 * {@link IntegerFrameStatistics} gives the minimum, maximum and sum of a plain loop over every value: 16- and
 * 32-bit types, both byte orders, signed and unsigned extremes and values that differ only in one half, frames
 * that do not start on a 4-byte boundary, and more frames than one {@code int} sum holds (the fold into the
 * {@code long} sums).
 */
class IntegerFrameStatisticsTest {
    private static final DataType[] TYPES = {DataType.UINT16, DataType.INT16, DataType.UINT32, DataType.INT32};

    @Test
    void matchesAPlainLoopForEveryTypeAndByteOrder() {
        Random r = new Random(7);
        long[] special = {0, -1, 0x8000, 0x7FFF, 0x8000_0000L, 0x7FFF_FFFFL, 0x1_0000, 0xFFFF, 0x1_FFFF, 0xFFFF_0000L};
        for (DataType type : TYPES) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (int pixels : new int[] {2, 6, 40}) {
                    int frames = 1 + r.nextInt(30);
                    long[] raw = new long[frames * pixels];
                    for (int i = 0; i < raw.length; i++) {
                        raw[i] = r.nextBoolean() ? special[r.nextInt(special.length)] : r.nextLong();
                    }
                    check(type, raw, frames, pixels, order, 3);
                }
            }
        }
        check(DataType.UINT32, new long[] {5, 9, 1}, 3, 1, ByteOrder.LITTLE_ENDIAN, 1);
    }

    @Test
    void sumsMoreFramesThanAnIntHoldsAtTheLargestValue() {
        int frames = 3 * (1 << 15) + 5;
        long[] raw = new long[frames * 2];
        Arrays.fill(raw, -1);
        raw[7] = 1;
        for (DataType type : TYPES) {
            check(type, raw, frames, 2, ByteOrder.LITTLE_ENDIAN, 0);
            check(type, raw, frames, 2, ByteOrder.BIG_ENDIAN, 1);
        }
    }

    @Test
    void handlesSixteenBitFramesOfAnEvenNumberOfPixelsAndAny32BitFrames() {
        assertTrue(IntegerFrameStatistics.handles(DataType.UINT16, 128 * 128));
        assertTrue(IntegerFrameStatistics.handles(DataType.INT16, 2));
        assertTrue(IntegerFrameStatistics.handles(DataType.INT32, 9));
        assertFalse(IntegerFrameStatistics.handles(DataType.UINT16, 9));
        assertFalse(IntegerFrameStatistics.handles(DataType.UINT8, 16));
        assertFalse(IntegerFrameStatistics.handles(DataType.FLOAT32, 16));
    }

    /** Stores the low bytes of {@code raw} as elements of {@code type} and compares with a plain loop. */
    private static void check(DataType type, long[] raw, int frames, int pixels, ByteOrder order, int offset) {
        int size = type.size();
        ByteBuffer b = ByteBuffer.allocate(offset + size * raw.length).order(order);
        long[] expectedMin = new long[pixels];
        long[] expectedMax = new long[pixels];
        long[] expectedSum = new long[pixels];
        Arrays.fill(expectedMin, Long.MAX_VALUE);
        Arrays.fill(expectedMax, Long.MIN_VALUE);
        for (int i = 0; i < raw.length; i++) {
            long v;
            if (size == 2) {
                b.putShort(offset + 2 * i, (short) raw[i]);
                v = type.isSigned() ? (short) raw[i] : raw[i] & 0xFFFF;
            } else {
                b.putInt(offset + 4 * i, (int) raw[i]);
                v = type.isSigned() ? (int) raw[i] : raw[i] & 0xFFFF_FFFFL;
            }
            int p = i % pixels;
            expectedMin[p] = Math.min(expectedMin[p], v);
            expectedMax[p] = Math.max(expectedMax[p], v);
            expectedSum[p] += v;
        }
        long[] min = new long[pixels];
        long[] max = new long[pixels];
        long[] sum = new long[pixels];
        Arrays.fill(min, Long.MAX_VALUE);
        Arrays.fill(max, Long.MIN_VALUE);
        IntegerFrameStatistics.add(type, order, b.array(), offset, frames, pixels, min, max, sum);
        String what = type + " " + order + " " + pixels + " pixels";
        assertArrayEquals(expectedMin, min, "minima, " + what);
        assertArrayEquals(expectedMax, max, "maxima, " + what);
        assertArrayEquals(expectedSum, sum, "sums, " + what);
    }
}
