package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import org.stemz.ErrorCode;

/** SPEC.md section 6: the packed model, its body, and the derived context bases (6.3). */
final class RefModel {
    static final int[] SCALE = {12, 14, 14};
    static final int[] ALPHABET = {128, 2048, 4096};
    static final int[] CONTEXTS = {512, 1024, 2048};
    static final long MAX_UNPACKED = 1L << 28;

    final int mode;
    final long[] base;
    final int[] level;
    final int[] contextBase;
    final RefTable[] tables;

    private RefModel(int mode, long[] base, int[] level, int[] contextBase, RefTable[] tables) {
        this.mode = mode;
        this.base = base;
        this.level = level;
        this.contextBase = contextBase;
        this.tables = tables;
    }

    /** 6.1: the packed byte string of a version-1 model (methods 0 and 1). */
    static byte[] unpack(RefInput in) {
        return unpack(in, false);
    }

    /** 6.1, and with {@code sections} (version 2) also method 2 of SPEC-V2-CODING.md V2.5. */
    static byte[] unpack(RefInput in, boolean sections) {
        long n = in.varint();
        if (n > MAX_UNPACKED || n < 0) {
            throw fail(ErrorCode.LIMIT_EXCEEDED, "model of " + n + " bytes");
        }
        if (n == 0) {
            return new byte[0];
        }
        int method = in.u8();
        if (method != 2 || !sections) {
            return unpackMethod(in, method, n);
        }
        long k = in.varint();
        if (k < 2 || k > n) {
            throw fail(ErrorCode.BAD_MODEL, k + " sections");
        }
        byte[] out = new byte[(int) n];
        long filled = 0;
        for (long i = 0; i < k; i++) {
            long m = in.varint();
            if (m == 0 || m > n - filled) {
                throw fail(ErrorCode.BAD_MODEL, "section " + i + " of " + m + " bytes");
            }
            byte[] part = unpackMethod(in, in.u8(), m);
            System.arraycopy(part, 0, out, (int) filled, part.length);
            filled += m;
        }
        if (filled != n) {
            throw fail(ErrorCode.BAD_MODEL, "sections hold " + filled + " of " + n + " bytes");
        }
        return out;
    }

    /** The n bytes of method 0 (stored) or 1 (rANS), after the method byte. */
    private static byte[] unpackMethod(RefInput in, int method, long n) {
        if (method == 0) {
            return in.bytes(n);
        }
        if (method != 1) {
            throw fail(ErrorCode.RESERVED_VALUE, "packing method " + method);
        }
        RefTable t = RefTable.read(in, 256, 12);
        long r = in.varint();
        if (r > in.remaining() || r < 0) {
            throw fail(ErrorCode.BAD_MODEL, "coded length " + r);
        }
        RefRans rans = new RefRans(in.b, in.pos, (int) r);
        byte[] out = new byte[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) rans.decode(i % 4, t, 12);
        }
        rans.finish();
        in.pos += (int) r;
        return out;
    }

    static RefModel read(byte[] field, int h, int w) {
        RefInput packed = new RefInput(field, 0, field.length);
        byte[] body = unpack(packed);
        if (packed.remaining() != 0) {
            throw fail(ErrorCode.BAD_MODEL, "bytes after the packed model");
        }
        RefInput in = new RefInput(body, 0, body.length);
        int mode = in.u8();
        if (mode > 2) {
            throw fail(ErrorCode.RESERVED_VALUE, "mode " + mode);
        }
        if (in.u8() != SCALE[mode]) {
            throw fail(ErrorCode.BAD_MODEL, "scale bits");
        }
        int pixels = h * w;
        if (in.remaining() < (long) pixels * (mode == 0 ? 2 : 1)) {
            throw fail(ErrorCode.TRUNCATED, "model too short for " + pixels + " pixels");
        }
        long[] base = new long[pixels];
        if (mode == 0) {
            long previous = 0;
            for (int p = 0; p < pixels; p++) {
                previous += in.zigzag();
                base[p] = previous;
            }
        }
        int maxLevel = mode == 0 ? 320 : ALPHABET[mode] / 2 - 1;
        int[] level = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            int x = p % w;
            long predicted = x > 0 ? level[p - 1] : p >= w ? level[p - w] : 0;
            long v = predicted + in.zigzag();
            if (v < 0 || v > maxLevel) {
                throw fail(ErrorCode.BAD_MODEL, "level " + v);
            }
            level[p] = (int) v;
        }
        long count = in.varint();
        if (count > CONTEXTS[mode] || count < 0) {
            throw fail(ErrorCode.BAD_MODEL, "table count " + count);
        }
        RefTable[] tables = new RefTable[CONTEXTS[mode]];
        long context = -1;
        for (long i = 0; i < count; i++) {
            long step = in.varint();
            if (step > CONTEXTS[mode] || step < 0) {
                throw fail(ErrorCode.BAD_MODEL, "context step " + step);
            }
            context = context + 1 + step;
            if (context >= CONTEXTS[mode]) {
                throw fail(ErrorCode.BAD_MODEL, "context " + context);
            }
            tables[(int) context] = RefTable.read(in, ALPHABET[mode], SCALE[mode]);
        }
        if (in.remaining() != 0) {
            throw fail(ErrorCode.BAD_MODEL, "bytes after the last table");
        }
        return new RefModel(mode, base, level, contextBase(mode, level, h, w), tables);
    }

    static int[] contextBase(int mode, int[] level, int h, int w) {
        int[] cb = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (mode != 0) {
                    cb[p] = level[p];
                    continue;
                }
                long ms = 0;
                if (x > 0) {
                    ms += RefMath.exp(level[p - 1]);
                }
                if (y > 0) {
                    ms += RefMath.exp(level[p - w]);
                }
                if (y > 0 && x > 0) {
                    ms += RefMath.exp(level[p - w - 1]);
                }
                if (y > 0 && x < w - 1) {
                    ms += RefMath.exp(level[p - w + 1]);
                }
                cb[p] = level[p] - RefMath.lg(ms + 16);
            }
        }
        return cb;
    }
}
