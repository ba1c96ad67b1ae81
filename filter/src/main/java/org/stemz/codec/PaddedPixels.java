package org.stemz.codec;

/**
 * The per-pixel arrays of a version-2 INT model laid out for {@link BandLoop}, with a margin of constant pixels
 * around the frame: {@link #PAD} columns on each side, one row above, and rows below up to a whole band. The
 * band's staggered rows then step on margin pixels, which are skipped like any constant pixel, instead of
 * needing border code, and a margin pixel's offset stays 0, which is the value the contexts give a neighbour
 * outside the frame. Pixel (y, x) of the frame is at index {@link #index}(y, x) of these arrays and of the
 * decoder's offsets. Only {@link #kind} has the rows below the frame: the steps that land there are skipped on
 * their kind alone, so the other arrays and the offsets end with the frame's last row ({@link #valueSize}), which
 * keeps a frame of one row from taking five rows of every array.
 */
final class PaddedPixels {
    /** Row k of a band runs 2k pixels behind row 0, so a band's steps reach 2 (BAND_ROWS - 1) pixels outside. */
    static final int PAD = 2 * (CodedOrder.BAND_ROWS - 1);
    /** Width of a padded row. */
    final int stride;
    final int width;
    final int height;
    final int rows;
    final byte[] kind;
    final int[] contextBase;
    final int[] groupBase;
    /**
     * Per band b, the steps {@code [bandSteps[2b], bandSteps[2b + 1])} of {@link BandLoop} that hold a pixel with
     * something to decode: the steps outside land on constant pixels only, which decode to nothing and leave every
     * state as it was (the top and bottom bands of a sparse frame have none: graphene_lowdose_merlin).
     */
    final int[] bandSteps;

    PaddedPixels(PixelModel pm) {
        this.width = pm.width;
        this.height = pm.height;
        this.stride = pm.width + 2 * PAD;
        int bands = (pm.height + CodedOrder.BAND_ROWS - 1) / CodedOrder.BAND_ROWS;
        this.rows = 1 + bands * CodedOrder.BAND_ROWS;
        kind = new byte[rows * stride];
        contextBase = new int[valueSize()];
        groupBase = new int[valueSize()];
        java.util.Arrays.fill(kind, (byte) PixelModel.CONSTANT);
        for (int y = 0; y < pm.height; y++) {
            int from = y * pm.width;
            int to = index(y, 0);
            System.arraycopy(pm.kind, from, kind, to, pm.width);
            System.arraycopy(pm.contextBase, from, contextBase, to, pm.width);
            System.arraycopy(pm.groupBase, from, groupBase, to, pm.width);
        }
        bandSteps = bandSteps(bands);
    }

    private int[] bandSteps(int bands) {
        int steps = width + 2 * (CodedOrder.BAND_ROWS - 1);
        int[] range = new int[2 * bands];
        for (int b = 0; b < bands; b++) {
            int first = index(b * CodedOrder.BAND_ROWS, 0);
            int start = steps;
            int end = 0;
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < CodedOrder.BAND_ROWS; k++) {
                    if (!BandLoop.skipped(kind[first + t + k * (stride - 2)])) {
                        start = Math.min(start, t);
                        end = t + 1;
                    }
                }
            }
            range[2 * b] = Math.min(start, end);
            range[2 * b + 1] = end;
        }
        return range;
    }

    /**
     * Length of the arrays of per-pixel values (context bases, offsets): the margin row above and the frame's
     * rows, each with its side margins.
     */
    int valueSize() {
        return (1 + height) * stride;
    }

    int index(int y, int x) {
        return (y + 1) * stride + PAD + x;
    }

    /** The frame pixel number (y * width + x) of padded index {@code i}, for messages. */
    int framePixel(int i) {
        return (i / stride - 1) * width + i % stride - PAD;
    }
}
