package org.stemz.codec;

/**
 * The version-2 coded order of an INT-mode frame: bands of {@link #BAND_ROWS} rows, each row of a band lagging two
 * pixels behind the row above it, one pixel of every row of the band per step. A pixel's context needs its left,
 * up-left, up and up-right neighbours; the lag makes all of them earlier in this order, and the rows of a band
 * become independent dependency chains the decoder overlaps (row k of a band uses rANS state k). Constant pixels
 * take no symbol.
 */
final class CodedOrder {
    static final int BAND_ROWS = 4;

    private CodedOrder() {
    }

    /** Receives the pixels of a frame in coded order. */
    interface PixelVisitor {
        void visit(int y, int x, int lane);
    }

    static void forEach(int height, int width, PixelVisitor v) {
        for (int y0 = 0; y0 < height; y0 += BAND_ROWS) {
            int rows = Math.min(BAND_ROWS, height - y0);
            int steps = width + 2 * (rows - 1);
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < rows && t - 2 * k >= 0; k++) {
                    int x = t - 2 * k;
                    if (x < width) {
                        v.visit(y0 + k, x, k);
                    }
                }
            }
        }
    }
}
