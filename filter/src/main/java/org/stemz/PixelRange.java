package org.stemz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stemz.codec.CodingMode;
import org.stemz.codec.SampleFormat;
import org.stemz.codec.IntegerFrameStatistics;

/**
 * Per-pixel minimum and maximum of integer frames seen so far by a one-pass writer, and from them a "margin
 * frame": one virtual frame a little below every pixel's minimum. Added to the statistics a model is learned from,
 * it lowers the model's bases so that the next chunks, whose counts dip below the minima seen so far (Poisson
 * noise: a few pixels of every chunk do), can still be coded with that model instead of needing a new one.
 * Immutable once built.
 */
final class PixelRange {
    /**
     * The margin: MARGIN_SIGMAS square roots of the minimum plus MARGIN_COUNTS. Measured on the simulated
     * datasets and synthetic Merlin frames: narrower margins let Poisson dips below the bases force new models
     * (srtio3_merlin +2.5% against +1.1%), and the offsets a margin adds cost little.
     */
    private static final long MARGIN_SIGMAS = 3;
    private static final long MARGIN_COUNTS = 4;
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;
    private final long[] min;
    private final long[] max;
    /** The lowest value of the type. */
    private final long lowest;

    private PixelRange(long[] min, long[] max, long lowest) {
        this.min = min;
        this.max = max;
        this.lowest = lowest;
    }

    /** The range of {@code frames} frames of {@code pixels} elements of an integer type from byte {@code offset}. */
    static PixelRange of(DataType type, ByteOrder order, int pixels, byte[] src, int offset, int frames) {
        long[] min = new long[pixels];
        long[] max = new long[pixels];
        long lowest = type.isSigned() ? -(1L << (8 * type.size() - 1)) : 0;
        if (frames == 0) {
            return new PixelRange(min, max, lowest);
        }
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        java.util.Arrays.fill(max, Long.MIN_VALUE);
        if (IntegerFrameStatistics.handles(type, pixels)) { // 16- and 32-bit types, in vector instructions
            IntegerFrameStatistics.add(type, order, src, offset, frames, pixels, min, max, new long[pixels]);
            return new PixelRange(min, max, lowest);
        }
        if (type == DataType.UINT8) {
            for (int f = 0; f < frames; f++) {
                int at = offset + f * pixels;
                for (int p = 0; p < pixels; p++) {
                    int v = src[at + p] & 0xFF;
                    min[p] = Math.min(min[p], v);
                    max[p] = Math.max(max[p], v);
                }
            }
            return new PixelRange(min, max, lowest);
        }
        SampleFormat format = new SampleFormat(type, order, CodingMode.INT);
        long[] values = new long[pixels];
        int frameBytes = pixels * type.size();
        for (int f = 0; f < frames; f++) {
            format.read(src, offset + f * frameBytes, values, 0, pixels);
            for (int p = 0; p < pixels; p++) {
                long v = values[p];
                min[p] = Math.min(min[p], v);
                max[p] = Math.max(max[p], v);
            }
        }
        return new PixelRange(min, max, lowest);
    }

    /**
     * The minima alone (no maxima) of {@code frames} frames of 8- or 16-bit unsigned elements: all the writer needs
     * of a chunk after the opening, whose maxima cap the margins (offsets of such types always fit in 32 bits).
     * Found by {@link #of}, whose 16-bit vector loop finds the maxima too at no extra cost.
     */
    static PixelRange minimaOf(DataType type, ByteOrder order, int pixels, byte[] src, int offset, int frames) {
        return new PixelRange(of(type, order, pixels, src, offset, frames).min, null, 0);
    }

    /** Whether {@link #minimaOf} serves chunks of this type. */
    static boolean minimaSuffice(DataType type) {
        return type == DataType.UINT16 || type == DataType.UINT8;
    }

    /** The range of both (either may be null; a range of minima alone takes the other's maxima). */
    static PixelRange union(PixelRange a, PixelRange b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        long[] min = new long[a.min.length];
        long[] max = a.max == null ? b.max : b.max == null ? a.max : new long[a.min.length];
        for (int p = 0; p < min.length; p++) {
            min[p] = Math.min(a.min[p], b.min[p]);
        }
        if (a.max != null && b.max != null) {
            for (int p = 0; p < min.length; p++) {
                max[p] = Math.max(a.max[p], b.max[p]);
            }
        }
        return new PixelRange(min, max, a.lowest);
    }

    /**
     * Per pixel its minimum less about three standard deviations of Poisson counts at that level (from the square
     * root of the minimum above the type's lowest value), never more than the pixel's spread (a pixel that never
     * changed gets no margin) and never below what the type can hold.
     */
    long[] marginValues() {
        long[] v = new long[min.length];
        for (int p = 0; p < v.length; p++) {
            v[p] = min[p] - margin(p);
        }
        return v;
    }

    private long margin(int p) {
        long above = min[p] - lowest;
        long spread = max == null ? above : max[p] - min[p];
        long margin = Math.min(MARGIN_SIGMAS * (long) Math.sqrt((double) above) + MARGIN_COUNTS,
                Math.min(spread, above));
        // offsets are at most 2^32 - 1 above the base (very wide uint32 pixels keep their minimum)
        return max == null || max[p] - (min[p] - margin) <= MAX_OFFSET ? margin : 0;
    }

    /** Whether every value lies in [base, base + 2^32 - 1] of its pixel: what an INT model can code. */
    boolean fitsAbove(long[] bases) {
        for (int p = 0; p < min.length; p++) {
            if (min[p] < bases[p] || max != null && max[p] - bases[p] > MAX_OFFSET) {
                return false;
            }
        }
        return true;
    }

    /** One frame of {@code values} in the layout of the stream. */
    static byte[] frame(DataType type, ByteOrder order, long[] values) {
        byte[] frame = new byte[values.length * type.size()];
        new SampleFormat(type, order, CodingMode.INT).write(values, 0, ByteBuffer.wrap(frame), 0, values.length);
        return frame;
    }
}
