package org.stemz.codec;

/**
 * What the model knows about each detector pixel: its base (minimum value, INT mode) and its level (about 8*log2
 * of 16 times its mean offset in INT mode; the mean token magnitude in float modes). From these it derives, per
 * pixel, the part of the coding context that does not depend on the frame being coded.
 */
public final class PixelModel {
    final CodingMode mode;
    final int height;
    final int width;
    final long[] base;
    final int[] level;
    /** INT: level - lg(16 + sum of the neighbours' representative means); float modes: level. */
    final int[] contextBase;

    PixelModel(CodingMode mode, int height, int width, long[] base, int[] level) {
        this.mode = mode;
        this.height = height;
        this.width = width;
        this.base = base;
        this.level = level;
        this.contextBase = mode == CodingMode.INT ? intContextBase(height, width, level) : level.clone();
    }

    private static int[] intContextBase(int h, int w, int[] level) {
        int[] cb = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long ms = 0;
                if (x > 0) {
                    ms += IntLog.exp(level[y * w + x - 1]);
                }
                if (y > 0) {
                    int up = (y - 1) * w + x;
                    ms += IntLog.exp(level[up]);
                    if (x > 0) {
                        ms += IntLog.exp(level[up - 1]);
                    }
                    if (x < w - 1) {
                        ms += IntLog.exp(level[up + 1]);
                    }
                }
                cb[y * w + x] = level[y * w + x] - IntLog.lg(ms + 16);
            }
        }
        return cb;
    }

    /**
     * Whether this model can code {@code frames} frames stored from byte {@code offset}: in INT mode every value is an
     * exact integer (float types) at most 2^32 - 1 above its pixel's base; float modes code any bit pattern.
     */
    public boolean canCode(SampleFormat format, byte[] src, int offset, int frames) {
        if (mode != CodingMode.INT) {
            return true;
        }
        int pixels = pixels();
        int size = format.type().size();
        long[] values = new long[pixels];
        for (int f = 0; f < frames; f++) {
            int frame = offset + f * pixels * size;
            if (format.type().isFloating()) {
                for (int p = 0; p < pixels; p++) {
                    if (!format.isExactInteger(src, frame + p * size)) {
                        return false;
                    }
                }
            }
            format.read(src, frame, values, 0, pixels);
            for (int p = 0; p < pixels; p++) {
                long u = values[p] - base[p];
                if (u < 0 || u > 0xFFFF_FFFFL) {
                    return false;
                }
            }
        }
        return true;
    }

    public CodingMode mode() {
        return mode;
    }

    public int pixels() {
        return height * width;
    }
}
