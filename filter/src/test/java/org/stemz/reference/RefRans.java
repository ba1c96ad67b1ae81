package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import org.stemz.ErrorCode;

/** SPEC.md section 8.3: four 32-bit states in [2^16, 2^32), 16-bit renormalisation, final-state check. */
final class RefRans {
    private static final long L = 1L << 16;
    private final byte[] b;
    private final int start;
    private final int length;
    private int pos;
    private final long[] x = new long[4];

    RefRans(byte[] b, int start, int length) {
        if (length < 16 || (length & 1) != 0) {
            throw fail(ErrorCode.BAD_CHUNK, "rANS stream of " + length + " bytes");
        }
        this.b = b;
        this.start = start;
        this.length = length;
        for (int i = 0; i < 4; i++) {
            x[i] = le(4 * i, 4);
            if (x[i] < L) {
                throw fail(ErrorCode.BAD_CHUNK, "state below L");
            }
        }
        pos = 16;
    }

    private long le(int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (b[start + at + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    int decode(int j, RefTable t, int n) {
        int slot = (int) (x[j] & ((1L << n) - 1));
        int s = t.symbolAt(slot);
        x[j] = t.freq[s] * (x[j] >>> n) + slot - t.cum[s];
        if (x[j] < L) {
            if (pos + 2 > length) {
                throw fail(ErrorCode.BAD_CHUNK, "rANS stream ends early");
            }
            x[j] = (x[j] << 16) | le(pos, 2);
            pos += 2;
        }
        return s;
    }

    void finish() {
        for (long s : x) {
            if (s != L || pos != length) {
                throw fail(ErrorCode.BAD_CHUNK, "rANS final state or length mismatch");
            }
        }
    }
}
