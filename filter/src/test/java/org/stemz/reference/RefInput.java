package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import org.stemz.ErrorCode;

/** SPEC.md section 2: little-endian integers, varints of at most 10 bytes, zigzag; reading past the end is TRUNCATED. */
final class RefInput {
    final byte[] b;
    int pos;
    final int end;

    RefInput(byte[] b, int pos, int end) {
        this.b = b;
        this.pos = pos;
        this.end = end;
    }

    int remaining() {
        return end - pos;
    }

    int u8() {
        if (pos >= end) {
            throw fail(ErrorCode.TRUNCATED, "input ends at " + pos);
        }
        return b[pos++] & 0xFF;
    }

    long le(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    long varint() {
        long v = 0;
        for (int i = 0; i < 10; i++) {
            int x = u8();
            v |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw fail(ErrorCode.BAD_MODEL, "varint longer than 10 bytes");
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    byte[] bytes(long n) {
        if (n > remaining()) {
            throw fail(ErrorCode.TRUNCATED, "needs " + n + " bytes");
        }
        byte[] r = java.util.Arrays.copyOfRange(b, pos, pos + (int) n);
        pos += (int) n;
        return r;
    }
}
