package org.stemz.cli.input;

/**
 * Unscrambles Merlin raw (R64) frames: the readout stores pixels in 64-bit words with their order reversed
 * within each word; a quad stores the four chips' rows side by side with the lower two chips rotated by 180
 * degrees. 24-bit frames are two 12-bit frames, most significant first. Output is big-endian, like U16/U32.
 */
final class MerlinRawDecoder implements FileFrames.FrameDecoder {
    private static final int CHIP = 256;
    private final int width;
    private final int height;
    private final int counterDepth;
    private final boolean quad;
    /** Per-thread scratch: the writer reads frames from several threads at once. */
    private final ThreadLocal<int[][]> scratch;

    MerlinRawDecoder(int width, int height, int counterDepth, boolean quad) {
        this.width = width;
        this.height = height;
        this.counterDepth = counterDepth;
        this.quad = quad;
        this.scratch = ThreadLocal.withInitial(() -> new int[][] {new int[width * height], new int[width * height]});
    }

    /** Bits each pixel occupies in a raw frame of the given counter depth (-1 if unsupported). */
    static int storedBits(int counterDepth) {
        switch (counterDepth) {
            case 1:
                return 1;
            case 6:
                return 8;
            case 12:
            case 24:
                return 16;
            default:
                return -1;
        }
    }

    /** Bytes of one stored raw frame. */
    static long storedBytes(int width, int height, int counterDepth) {
        long plane = (long) width * height * storedBits(counterDepth) / 8;
        return counterDepth == 24 ? 2 * plane : plane;
    }

    @Override
    public void decode(byte[] stored, byte[] dst, int offset) {
        int bits = storedBits(counterDepth);
        int plane = width * height * bits / 8;
        int[] values = scratch.get()[0];
        int[] low = scratch.get()[1];
        unscramble(stored, 0, bits, values);
        if (counterDepth == 24) {
            unscramble(stored, plane, bits, low);
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] << 12) | low[i];
            }
        }
        int size = counterDepth <= 6 ? 1 : counterDepth == 12 ? 2 : 4;
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            int at = offset + i * size;
            for (int b = size - 1; b >= 0; b--) {
                dst[at + b] = (byte) v;
                v >>>= 8;
            }
        }
    }

    private void unscramble(byte[] src, int base, int bits, int[] out) {
        if (!quad) {
            decodeRun(src, base, width * height, bits, out, 0, 1);
            return;
        }
        int rowBytes = CHIP * bits / 8;
        int stride = 4 * rowBytes;
        for (int r = 0; r < CHIP; r++) {
            int in = base + r * stride;
            decodeRun(src, in + 3 * rowBytes, CHIP, bits, out, r * width, 1);
            decodeRun(src, in + 2 * rowBytes, CHIP, bits, out, r * width + CHIP, 1);
            int flipped = (2 * CHIP - 1 - r) * width;
            decodeRun(src, in + rowBytes, CHIP, bits, out, flipped + CHIP - 1, -1);
            decodeRun(src, in, CHIP, bits, out, flipped + 2 * CHIP - 1, -1);
        }
    }

    /** Decodes {@code n} pixels starting at {@code in}; pixel k goes to out[start + step * k]. */
    private static void decodeRun(byte[] src, int in, int n, int bits, int[] out, int start, int step) {
        if (bits == 1) {
            for (int k = 0; k < n; k++) {
                int word = k >>> 6;
                int bit = k & 63;
                int b = src[in + word * 8 + 7 - (bit >>> 3)] & 0xff;
                out[start + step * k] = (b >>> (bit & 7)) & 1;
            }
        } else if (bits == 8) {
            for (int i = 0; i < n; i++) {
                int k = (i & ~7) + 7 - (i & 7);
                out[start + step * k] = src[in + i] & 0xff;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int k = (i & ~3) + 3 - (i & 3);
                out[start + step * k] = ((src[in + 2 * i] & 0xff) << 8) | (src[in + 2 * i + 1] & 0xff);
            }
        }
    }
}
