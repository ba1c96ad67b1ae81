package org.stemz.codec;

/**
 * Integer logarithms with 1/8-octave resolution, so encoder and decoder (and third-party decoders) compute
 * identical contexts without floating point.
 */
public final class IntLog {
    /** FRAC[i] = floor(8 * log2(1 + i / 256)), for the 8 bits after the leading one. */
    static final int[] FRAC = new int[256];
    /** round(256 * 2^(k/8)), k = 0..7. */
    static final int[] EXP_FRAC = {256, 279, 304, 332, 362, 395, 431, 470};
    private static final int SMALL = 4096;
    private static final int[] LG_SMALL = new int[SMALL];

    static {
        for (int i = 0; i < 256; i++) {
            FRAC[i] = (int) Math.floor(8 * (Math.log1p(i / 256.0) / Math.log(2)));
        }
        for (int v = 1; v < SMALL; v++) {
            LG_SMALL[v] = compute(v);
        }
    }

    private IntLog() {
    }

    /** floor-ish 8*log2(v) for v >= 1: 8 * floor(log2 v) + FRAC[next 8 bits after the leading one]. */
    public static int lg(long v) {
        return v < SMALL ? LG_SMALL[(int) v] : compute(v);
    }

    private static int compute(long v) {
        int e = 63 - Long.numberOfLeadingZeros(v);
        int f = (int) ((e >= 8 ? v >>> (e - 8) : v << (8 - e)) & 0xFF);
        return 8 * e + FRAC[f];
    }

    /** The representative of a level: about 2^(level/8), exact for multiples of 8. */
    public static long exp(int level) {
        int e = level >> 3;
        long m = EXP_FRAC[level & 7];
        return e >= 8 ? m << (e - 8) : m >>> (8 - e);
    }
}
