package org.stemz.codec;

/**
 * The per-pixel arrays of a version-2 INT model laid out for {@link BandLoop}, with a margin of constant pixels
 * around the frame: {@link #PAD} columns on each side, one row above, and rows below up to a whole band. The
 * band's staggered rows then step on margin pixels, which are skipped like any constant pixel, instead of
 * needing border code, and a margin pixel's offset stays 0, which is the value the contexts give a neighbour
 * outside the frame. Pixel (y, x) of the frame is at index {@link #index}(y, x) of these arrays and of the
 * decoder's offsets.
 */
final class PaddedPixels {
    /** Row k of a band runs 2k pixels behind row 0, so a band's steps reach 2 (BAND_ROWS - 1) pixels outside. */
    static final int PAD = 2 * (CodedOrder.BAND_ROWS - 1);
    /** Width of a padded row. */
    final int stride;
    final int width;
    final int rows;
    final byte[] kind;
    final int[] contextBase;
    final int[] groupBase;

    PaddedPixels(PixelModel pm) {
        this.width = pm.width;
        this.stride = pm.width + 2 * PAD;
        int bands = (pm.height + CodedOrder.BAND_ROWS - 1) / CodedOrder.BAND_ROWS;
        this.rows = 1 + bands * CodedOrder.BAND_ROWS;
        int size = rows * stride;
        kind = new byte[size];
        contextBase = new int[size];
        groupBase = new int[size];
        java.util.Arrays.fill(kind, (byte) PixelModel.CONSTANT);
        for (int y = 0; y < pm.height; y++) {
            int from = y * pm.width;
            int to = index(y, 0);
            System.arraycopy(pm.kind, from, kind, to, pm.width);
            System.arraycopy(pm.contextBase, from, contextBase, to, pm.width);
            System.arraycopy(pm.groupBase, from, groupBase, to, pm.width);
        }
    }

    int index(int y, int x) {
        return (y + 1) * stride + PAD + x;
    }

    /** The frame pixel number (y * width + x) of padded index {@code i}, for messages. */
    int framePixel(int i) {
        return (i / stride - 1) * width + i % stride - PAD;
    }
}
