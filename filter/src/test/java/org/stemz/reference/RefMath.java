package org.stemz.reference;

/** SPEC.md section 7.2: lg and exp with the FRAC thresholds and EXP_FRAC values listed there. */
final class RefMath {
    private static final int[] T = {0, 24, 49, 76, 107, 139, 175, 214, 256};
    private static final long[] EXP_FRAC = {256, 279, 304, 332, 362, 395, 431, 470};

    private RefMath() {
    }

    static int frac(int i) {
        int k = 0;
        while (T[k + 1] <= i) {
            k++;
        }
        return k;
    }

    static int lg(long v) {
        int e = 63 - Long.numberOfLeadingZeros(v);
        int f = (int) ((e >= 8 ? v >>> (e - 8) : v << (8 - e)) & 0xFF);
        return 8 * e + frac(f);
    }

    static long exp(int level) {
        int e = level >> 3;
        long m = EXP_FRAC[level & 7];
        return e >= 8 ? m << (e - 8) : m >>> (8 - e);
    }
}
