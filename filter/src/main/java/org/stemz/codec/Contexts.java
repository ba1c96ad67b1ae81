package org.stemz.codec;

/**
 * The coding context of a sample, shared by encoder and decoder. INT mode: the pixel's level scaled by the local
 * gain, i.e. how bright the already-coded neighbours (left, up-left, up, up-right) are compared with their own
 * means: ctx = contextBase[p] + lg(16 * neighbourSum + 16), clamped. Float modes: the pixel's level.
 */
final class Contexts {
    static final int SMALL = 4096;
    static final int[] LG_GAIN = new int[SMALL];

    static {
        for (int i = 0; i < SMALL; i++) {
            LG_GAIN[i] = IntLog.lg(16L * i + 16);
        }
    }

    private Contexts() {
    }

    /**
     * Context of the sample at (y, x) of the frame whose first sample is at {@code frame} in {@code u} (offsets
     * from the base, already known for every earlier sample of the frame).
     */
    static int intContext(int[] contextBase, long[] u, int frame, int y, int x, int width, int limit) {
        int i = frame + y * width + x;
        long ns;
        if (y > 0 && x > 0 && x < width - 1) {
            int up = i - width;
            ns = u[i - 1] + u[up - 1] + u[up] + u[up + 1];
        } else {
            ns = borderNeighbourSum(u, i, y, x, width);
        }
        return context(contextBase[y * width + x], ns, limit);
    }

    /** The context of a pixel with context base {@code base} whose neighbours sum to {@code ns}. */
    static int context(int base, long ns, int limit) {
        int c = base + (ns < SMALL ? LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16));
        return c < 0 ? 0 : Math.min(c, limit);
    }

    /** Neighbour sum on the first row and the first and last columns: neighbours outside the frame count as 0. */
    private static long borderNeighbourSum(long[] u, int i, int y, int x, int width) {
        long ns = x > 0 ? u[i - 1] : 0;
        if (y > 0) {
            int up = i - width;
            ns += u[up];
            if (x > 0) {
                ns += u[up - 1];
            }
            if (x < width - 1) {
                ns += u[up + 1];
            }
        }
        return ns;
    }
}
