package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import org.stemz.ErrorCode;

/** SPEC.md section 8.5: raw bits LSB-first; at the end fewer than 8 bits may remain and they must be zero. */
final class RefBits {
    private final byte[] b;
    private final int start;
    private final long bits;
    private long pos;

    RefBits(byte[] b, int start, int length) {
        this.b = b;
        this.start = start;
        this.bits = 8L * length;
    }

    private int bit(long i) {
        return (b[start + (int) (i >>> 3)] >>> (i & 7)) & 1;
    }

    long read(int n) {
        if (pos + n > bits) {
            throw fail(ErrorCode.BAD_CHUNK, "raw bits end early");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) bit(pos + i) << i;
        }
        pos += n;
        return v;
    }

    void finish() {
        if (bits - pos >= 8) {
            throw fail(ErrorCode.BAD_CHUNK, "unused raw bytes");
        }
        for (long i = pos; i < bits; i++) {
            if (bit(i) != 0) {
                throw fail(ErrorCode.BAD_CHUNK, "non-zero padding");
            }
        }
    }
}
