package org.stemz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stemz.codec.CodingMode;
import org.stemz.codec.SampleFormat;

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
    private final long[] min;
    private final long[] max;

    private PixelRange(long[] min, long[] max) {
        this.min = min;
        this.max = max;
    }

    /** The range of {@code frames} frames of {@code pixels} elements of an integer type from byte {@code offset}. */
    static PixelRange of(DataType type, ByteOrder order, int pixels, byte[] src, int offset, int frames) {
        long[] min = new long[pixels];
        long[] max = new long[pixels];
        java.util.Arrays.fill(min, Long.MAX_VALUE);
        java.util.Arrays.fill(max, Long.MIN_VALUE);
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
        return new PixelRange(min, max);
    }

    /** The range of both (either may be null). */
    static PixelRange union(PixelRange a, PixelRange b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        long[] min = new long[a.min.length];
        long[] max = new long[a.min.length];
        for (int p = 0; p < min.length; p++) {
            min[p] = Math.min(a.min[p], b.min[p]);
            max[p] = Math.max(a.max[p], b.max[p]);
        }
        return new PixelRange(min, max);
    }

    /**
     * One frame whose pixel p is its minimum less about one standard deviation of Poisson counts at that level
     * (the square root of the minimum above the type's lowest value), never more than the pixel's spread (a pixel
     * that never changed gets no margin) and never below what the type can hold.
     */
    byte[] marginFrame(DataType type, ByteOrder order) {
        long lowest = type.isSigned() ? -(1L << (8 * type.size() - 1)) : 0;
        long[] v = new long[min.length];
        for (int p = 0; p < v.length; p++) {
            long margin = Math.min(MARGIN_SIGMAS * (long) Math.sqrt((double) (min[p] - lowest)) + MARGIN_COUNTS,
                    Math.min(max[p] - min[p], min[p] - lowest));
            // offsets are at most 2^32 - 1 above the base (very wide uint32 pixels keep their minimum)
            v[p] = max[p] - (min[p] - margin) <= 0xFFFF_FFFFL ? min[p] - margin : min[p];
        }
        byte[] frame = new byte[v.length * type.size()];
        new SampleFormat(type, order, CodingMode.INT).write(v, 0, ByteBuffer.wrap(frame), 0, v.length);
        return frame;
    }
}
