package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import org.stemz.ErrorCode;

/** SPEC.md section 7.1: a frequency table read and checked. */
final class RefTable {
    final int[] freq;
    final int[] cum;

    private RefTable(int[] freq) {
        this.freq = freq;
        cum = new int[freq.length + 1];
        for (int t = 0; t < freq.length; t++) {
            cum[t + 1] = cum[t] + freq[t];
        }
    }

    static RefTable read(RefInput in, int alphabet, int scaleBits) {
        long total = 1L << scaleBits;
        long used = in.varint();
        if (used > alphabet || used == 0) {
            throw fail(ErrorCode.BAD_MODEL, "symbol count " + used);
        }
        int[] freq = new int[alphabet];
        long s = -1;
        long sum = 0;
        for (long i = 0; i < used; i++) {
            long step = in.varint();
            if (step > alphabet || step < 0) {
                throw fail(ErrorCode.BAD_MODEL, "symbol step " + step);
            }
            s = s + 1 + step;
            if (s >= alphabet) {
                throw fail(ErrorCode.BAD_MODEL, "symbol " + s);
            }
            long f1 = in.varint();
            if (f1 > total - 1 || f1 < 0) {
                throw fail(ErrorCode.BAD_MODEL, "frequency " + f1);
            }
            freq[(int) s] = (int) f1 + 1;
            sum += freq[(int) s];
        }
        if (sum != total) {
            throw fail(ErrorCode.BAD_MODEL, "frequencies sum to " + sum + ", not " + total);
        }
        return new RefTable(freq);
    }

    /** The symbol s with cum[s] <= slot < cum[s+1] (binary search). */
    int symbolAt(int slot) {
        int lo = 0;
        int hi = freq.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cum[mid] <= slot) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
