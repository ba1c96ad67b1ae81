package org.stemz.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.stemz.DataType;

/**
 * Per-pixel minimum, maximum and sum of 16- and 32-bit integer frames, in loops the JIT turns into vector
 * instructions. Each frame is read as 32-bit words in bulk and everything is kept in {@code int}s, with
 * branch-free minima and maxima, and sums added to the {@code long} results every {@link #FRAMES_PER_FOLD}
 * frames. Values are taken as offsets from their type's minimum (a signed type's sign bit flipped), so 16-bit ones
 * lie in 0 ... 65535 and are compared by the sign of their difference; a word holds two neighbouring 16-bit
 * pixels, whose even and odd pixels have arrays of their own. 32-bit values are compared by their 16-bit halves,
 * and summed as two sums of halves. Java 17's JIT vectorises neither {@code Math.min}, nor the widening of a value
 * into a {@code long}, nor the usual overflow-proof comparison (tried: as slow as the plain loop); reading each
 * value into a {@code long} made this pass a third of the encoding of sparse data (graphene_lowdose_merlin, 26
 * Mpx: about 110 ms that way, 20 ms this way).
 */
public final class IntegerFrameStatistics {
    /** Frames summed in {@code int}s between folds: 2^15 x (2^16 - 1) < 2^31. */
    private static final int FRAMES_PER_FOLD = 1 << 15;

    private IntegerFrameStatistics() {
    }

    /** Whether {@link #add} handles frames of {@code type} with {@code pixels} pixels. */
    public static boolean handles(DataType type, int pixels) {
        return switch (type) {
            case UINT16, INT16 -> pixels % 2 == 0;
            case UINT32, INT32 -> true;
            default -> false;
        };
    }

    /**
     * Adds {@code count} frames of {@code pixels} elements of {@code type} stored from byte {@code offset} of
     * {@code src} to the per-pixel {@code min}, {@code max} and {@code sum}.
     */
    public static void add(DataType type, ByteOrder order, byte[] src, int offset, int count, int pixels, long[] min,
                           long[] max, long[] sum) {
        IntBuffer in = ByteBuffer.wrap(src).position(offset).slice().order(order).asIntBuffer();
        if (type.size() == 2) {
            addSixteenBit(in, type.isSigned(), order, count, pixels, min, max, sum);
        } else {
            addThirtyTwoBit(in, type.isSigned(), count, pixels, min, max, sum);
        }
    }

    private static void addSixteenBit(IntBuffer in, boolean signed, ByteOrder order, int count, int pixels,
                                      long[] min, long[] max, long[] sum) {
        int pairs = pixels / 2;
        // a word's first pixel is in its low half when little-endian
        int[] shift = order == ByteOrder.LITTLE_ENDIAN ? new int[] {0, 16} : new int[] {16, 0};
        int flip = signed ? 0x8000 : 0;
        long typeMin = signed ? Short.MIN_VALUE : 0;
        int[] words = new int[pairs];
        int[][] lowest = new int[2][pairs];
        int[][] highest = new int[2][pairs];
        int[][] total = new int[2][pairs];
        java.util.Arrays.fill(lowest[0], 0xFFFF);
        java.util.Arrays.fill(lowest[1], 0xFFFF);
        for (int start = 0; start < count; start += FRAMES_PER_FOLD) {
            int frames = Math.min(FRAMES_PER_FOLD, count - start);
            for (int f = start; f < start + frames; f++) {
                in.get(f * pairs, words);
                for (int half = 0; half < 2; half++) {
                    accumulateSixteenBit(words, shift[half], flip, lowest[half], highest[half], total[half]);
                }
            }
            for (int half = 0; half < 2; half++) {
                for (int q = 0; q < pairs; q++) {
                    int p = 2 * q + half;
                    min[p] = Math.min(min[p], lowest[half][q] + typeMin);
                    max[p] = Math.max(max[p], highest[half][q] + typeMin);
                    sum[p] += total[half][q] + frames * typeMin;
                }
                java.util.Arrays.fill(total[half], 0);
            }
        }
    }

    private static void accumulateSixteenBit(int[] words, int shift, int flip, int[] lowest, int[] highest,
                                             int[] total) {
        for (int q = 0; q < words.length; q++) {
            int v = ((words[q] >>> shift) & 0xFFFF) ^ flip;
            int below = lowest[q] - v;
            lowest[q] = v + (below & (below >> 31));
            int above = highest[q] - v;
            highest[q] = v + (above & ~(above >> 31));
            total[q] += v;
        }
    }

    private static void addThirtyTwoBit(IntBuffer in, boolean signed, int count, int pixels, long[] min,
                                        long[] max, long[] sum) {
        int flip = signed ? Integer.MIN_VALUE : 0;
        long typeMin = signed ? Integer.MIN_VALUE : 0;
        int[] values = new int[pixels];
        int[] lowest = new int[pixels];
        int[] highest = new int[pixels];
        int[] lowSum = new int[pixels];
        int[] highSum = new int[pixels];
        java.util.Arrays.fill(lowest, -1); // 2^32 - 1 unsigned
        for (int start = 0; start < count; start += FRAMES_PER_FOLD) {
            int frames = Math.min(FRAMES_PER_FOLD, count - start);
            for (int f = start; f < start + frames; f++) {
                in.get(f * pixels, values);
                accumulateThirtyTwoBit(values, flip, lowest, highest, lowSum, highSum);
            }
            for (int p = 0; p < pixels; p++) {
                min[p] = Math.min(min[p], (lowest[p] & 0xFFFF_FFFFL) + typeMin);
                max[p] = Math.max(max[p], (highest[p] & 0xFFFF_FFFFL) + typeMin);
                sum[p] += ((long) highSum[p] << 16) + lowSum[p] + frames * typeMin;
            }
            java.util.Arrays.fill(lowSum, 0);
            java.util.Arrays.fill(highSum, 0);
        }
    }

    /** Unsigned minimum and maximum by the halves' differences (each within +-65535), and sums of the halves. */
    private static void accumulateThirtyTwoBit(int[] values, int flip, int[] lowest, int[] highest, int[] lowSum,
                                               int[] highSum) {
        for (int q = 0; q < values.length; q++) {
            int v = values[q] ^ flip;
            int high = v >>> 16;
            int low = v & 0xFFFF;
            int l = lowest[q];
            int dh = high - (l >>> 16);
            int dl = low - (l & 0xFFFF);
            // -1 where v < l: its high half is smaller, or equal (dh | -dh >= 0 only for 0) with a smaller low half
            int less = (dh >> 31) | (~((dh | -dh) >> 31) & (dl >> 31));
            lowest[q] = l ^ ((l ^ v) & less);
            int h = highest[q];
            int eh = (h >>> 16) - high;
            int el = (h & 0xFFFF) - low;
            int more = (eh >> 31) | (~((eh | -eh) >> 31) & (el >> 31));
            highest[q] = h ^ ((h ^ v) & more);
            lowSum[q] += low;
            highSum[q] += high;
        }
    }
}
