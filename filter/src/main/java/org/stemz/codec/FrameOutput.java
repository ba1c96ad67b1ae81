package org.stemz.codec;

import java.nio.ByteBuffer;

/**
 * Writes the decoded offsets of a version-2 INT frame as elements. When a quarter or more of a model's pixels are
 * constant (graphene_lowdose_merlin: 76%), a frame is written as one copy of the constant pixels' values, the same
 * in every frame, and then only the runs of each row that hold coded pixels are converted: converting every value
 * took a quarter of the decoding of sparse data. A constant pixel's offset is always 0, so it gets its value
 * whichever way it is written.
 */
final class FrameOutput {
    /** Constant pixels between two runs of coded ones up to which the runs are written as one. */
    private static final int MERGE_GAP = 16;

    private final PixelModel pm;
    private final PaddedPixels padded;
    private final SampleFormat format;
    /** The frame's elements with every offset 0; null when every value is converted. */
    private final byte[] constantFrame;
    /** Per row y, the runs {@code runs[rowRuns[y]] ... runs[rowRuns[y + 1]]} as pairs of first and end column. */
    private final int[] rowRuns;
    private final int[] runs;

    private FrameOutput(PixelModel pm, SampleFormat format) {
        this.pm = pm;
        this.padded = pm.padded();
        this.format = format;
        int w = pm.width;
        int constant = 0;
        for (byte k : pm.kind) {
            constant += (k & PixelModel.CONSTANT) != 0 ? 1 : 0;
        }
        rowRuns = new int[pm.height + 1];
        if (4L * constant < pm.pixels()) {
            constantFrame = null;
            runs = new int[2 * pm.height];
            for (int y = 0; y < pm.height; y++) {
                runs[2 * y + 1] = w;
                rowRuns[y + 1] = 2 * (y + 1);
            }
            return;
        }
        constantFrame = new byte[pm.pixels() * format.type().size()];
        format.write(pm.base, 0, ByteBuffer.wrap(constantFrame), 0, pm.pixels());
        int[] found = new int[2 * pm.pixels() + 2];
        int n = 0;
        for (int y = 0; y < pm.height; y++) {
            int end = -MERGE_GAP - 1; // end of the row's last run
            for (int x = 0; x < w; x++) {
                if ((pm.kind[y * w + x] & PixelModel.CONSTANT) != 0) {
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

    /** Whether frames start as a copy of the constant pixels' values (else every value is converted). */
    boolean copiesConstantPixels() {
        return constantFrame != null;
    }

    /** Writes the frame of offsets {@code u} (padded layout) as elements from byte {@code at} of {@code dst}. */
    void write(int[] u, ByteBuffer dst, int at) {
        if (constantFrame != null) {
            dst.put(at, constantFrame);
        }
        int size = format.type().size();
        for (int y = 0; y < pm.height; y++) {
            for (int r = rowRuns[y]; r < rowRuns[y + 1]; r += 2) {
                int x = runs[r];
                int p = y * pm.width + x;
                format.writeOffsets(u, padded.index(y, x), pm.base, p, dst, at + p * size, runs[r + 1] - x);
            }
        }
    }
}
