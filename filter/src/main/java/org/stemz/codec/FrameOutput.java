package org.stemz.codec;

import java.nio.ByteBuffer;

/**
 * Writes the decoded offsets of a version-2 INT frame as elements. When a quarter or more of a model's pixels are
 * constant (graphene_lowdose_merlin: 76%), frames are written as one copy of the constant pixels' values, the same
 * in every frame, and then only the runs of each row that hold coded pixels are converted: converting every value
 * took a quarter of the decoding of sparse data. The copy is made from the model's second frame on, so a model
 * that decodes a single frame (a one-frame chunk carrying its own model) converts it as before. A constant pixel's
 * offset is always 0, so it gets its value whichever way it is written.
 */
final class FrameOutput {
    /** Constant pixels between two runs of coded ones up to which the runs are written as one. */
    private static final int MERGE_GAP = 16;

    private final PixelModel pm;
    private final PaddedPixels padded;
    private final SampleFormat format;
    /** Whether a quarter or more of the pixels are constant. */
    private final boolean sparse;
    /**
     * Per row y, the runs {@code runs[rowRuns[y]] ... runs[rowRuns[y + 1]]} as pairs of first and end column (sparse
     * models only).
     */
    private final int[] rowRuns;
    private final int[] runs;
    /** The frame's elements with every offset 0, once a second frame is written (sparse models only). */
    private volatile byte[] constantFrame;
    private int framesWritten;

    private FrameOutput(PixelModel pm, SampleFormat format) {
        this.pm = pm;
        this.padded = pm.padded();
        this.format = format;
        int constant = 0;
        for (byte k : pm.kind) {
            constant += (k & PixelModel.CONSTANT) != 0 ? 1 : 0;
        }
        sparse = 4L * constant >= pm.pixels();
        rowRuns = new int[pm.height + 1];
        // each run holds a coded pixel: at most one run (two ints) per coded pixel, none for dense models
        int[] found = new int[sparse ? 2 * (pm.pixels() - constant) : 0];
        int n = 0;
        for (int y = 0; sparse && y < pm.height; y++) {
            int end = -MERGE_GAP - 1; // end of the row's last run
            for (int x = 0; x < pm.width; x++) {
                if ((pm.kind[y * pm.width + x] & PixelModel.CONSTANT) != 0) {
                    continue;
                }
                if (x - end <= MERGE_GAP) {
                    found[n - 1] = x + 1;
                } else {
                    found[n++] = x;
                    found[n++] = x + 1;
                }
                end = x + 1;
            }
            rowRuns[y + 1] = n;
        }
        runs = java.util.Arrays.copyOf(found, n);
    }

    /** The output of {@code pm} in {@code format}, kept with the model for the chunks that follow. */
    static FrameOutput of(PixelModel pm, SampleFormat format) {
        FrameOutput o = pm.frameOutput;
        if (o == null || o.format.type() != format.type() || o.format.bigEndian() != format.bigEndian()) {
            o = new FrameOutput(pm, format);
            pm.frameOutput = o;
        }
        return o;
    }

    /** Whether frames are written as a copy of the constant pixels plus the runs of coded ones (from the second). */
    boolean skipsConstantPixels() {
        return sparse;
    }

    /** Writes the frame of offsets {@code u} (padded layout) as elements from byte {@code at} of {@code dst}. */
    void write(int[] u, ByteBuffer dst, int at) {
        byte[] copy = sparse ? constantFrame() : null;
        int w = pm.width;
        int size = format.type().size();
        if (copy == null) {
            for (int y = 0; y < pm.height; y++) {
                format.writeOffsets(u, padded.index(y, 0), pm.base, y * w, dst, at + y * w * size, w);
            }
            return;
        }
        dst.put(at, copy);
        for (int y = 0; y < pm.height; y++) {
            for (int r = rowRuns[y]; r < rowRuns[y + 1]; r += 2) {
                int x = runs[r];
                int p = y * w + x;
                format.writeOffsets(u, padded.index(y, x), pm.base, p, dst, at + p * size, runs[r + 1] - x);
            }
        }
    }

    /** Null for the first frame written (counted without a lock: a race only makes the copy a frame earlier or later). */
    private byte[] constantFrame() {
        byte[] c = constantFrame;
        if (c == null && framesWritten++ > 0) {
            c = new byte[pm.pixels() * format.type().size()];
            format.write(pm.base, 0, ByteBuffer.wrap(c), 0, pm.pixels());
            constantFrame = c;
        }
        return c;
    }
}
