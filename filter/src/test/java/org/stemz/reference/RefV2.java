package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stemz.ErrorCode;

/**
 * format-spec/SPEC-V2-CODING.md, written from the text alone: the version-2 model body (V2.1 to V2.3) and coded
 * frames (V2.4). Float modes keep version 1's coded order with 12-bit tables.
 */
final class RefV2 {
    static final int[] ALPHABET = {128, 2048, 4096};
    static final int[] CONTEXTS = {2560, 1024, 2048};
    static final int CONSTANT = 1;
    static final int START = 2;
    static final int MEMBER = 4;

    /** A parsed version-2 model. */
    static final class Model {
        int mode;
        int scaleBits;
        long[] base;
        int[] level;
        int[] contextBase;
        int[] kind;
        int[] groupBase;
        RefTable[] tables;
    }

    private RefV2() {
    }

    static Model readModel(byte[] field, int h, int w) {
        RefInput packed = new RefInput(field, 0, field.length);
        byte[] body = RefModel.unpack(packed, true);
        if (packed.remaining() != 0) {
            throw fail(ErrorCode.BAD_MODEL, "bytes after the packed model");
        }
        RefInput in = new RefInput(body, 0, body.length);
        Model m = new Model();
        int modeByte = in.u8();
        boolean rawBases = modeByte == 16; // V2.1: INT mode, bases not predicted
        m.mode = rawBases ? 0 : modeByte;
        if (m.mode > 2) {
            throw fail(ErrorCode.RESERVED_VALUE, "mode " + m.mode);
        }
        m.scaleBits = in.u8();
        if (m.scaleBits > 12 || m.scaleBits < (m.mode == 0 ? 10 : 12)) {
            throw fail(ErrorCode.BAD_MODEL, "scale bits " + m.scaleBits);
        }
        int pixels = h * w;
        if (in.remaining() < (long) pixels * (m.mode == 0 ? 2 : 1)) {
            throw fail(ErrorCode.TRUNCATED, "model too short for " + pixels + " pixels");
        }
        m.base = new long[pixels];
        if (m.mode == 0) {
            for (int p = 0; p < pixels; p++) {
                long left = p % w > 0 ? m.base[p - 1] : p >= w ? m.base[p - w] : 0;
                long predicted = rawBases ? 0 : p >= w ? Math.min(left, m.base[p - w]) : left;
                m.base[p] = predicted + in.zigzag();
            }
        }
        int maxLevel = m.mode == 0 ? 320 : ALPHABET[m.mode] / 2 - 1;
        m.level = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            long predicted = p % w > 0 ? m.level[p - 1] : p >= w ? m.level[p - w] : 0;
            long v = predicted + in.zigzag();
            if (v < 0 || v > maxLevel) {
                throw fail(ErrorCode.BAD_MODEL, "level " + v);
            }
            m.level[p] = (int) v;
        }
        m.contextBase = RefModel.contextBase(m.mode, m.level, h, w); // section 6.3, as version 1
        m.kind = new int[pixels];
        m.groupBase = new int[pixels];
        if (m.mode == 0) {
            boolean[] constant = runs(in, pixels);
            boolean[] zeroGroups = runs(in, h * (w / 4));
            for (int p = 0; p < pixels; p++) {
                m.kind[p] = constant[p] ? CONSTANT : 0;
            }
            for (int g = 0; g < zeroGroups.length; g++) {
                if (zeroGroups[g]) {
                    int p = (g / (w / 4)) * w + (g % (w / 4)) * 4;
                    m.kind[p] |= START;
                    m.kind[p + 1] |= MEMBER;
                    m.kind[p + 2] |= MEMBER;
                    m.kind[p + 3] |= MEMBER;
                    long sum = 0;
                    for (int i = 0; i < 4; i++) {
                        sum += RefMath.exp(m.level[p + i]);
                    }
                    m.groupBase[p] = RefMath.lg(sum) + m.contextBase[p] - m.level[p];
                }
            }
        }
        long count = in.varint();
        if (count > CONTEXTS[m.mode] || count < 0) {
            throw fail(ErrorCode.BAD_MODEL, "table count " + count);
        }
        m.tables = new RefTable[CONTEXTS[m.mode]];
        long context = -1;
        for (long i = 0; i < count; i++) {
            long step = in.varint();
            if (step > CONTEXTS[m.mode] || step < 0) {
                throw fail(ErrorCode.BAD_MODEL, "context step " + step);
            }
            context = context + 1 + step;
            if (context >= CONTEXTS[m.mode]) {
                throw fail(ErrorCode.BAD_MODEL, "context " + context);
            }
            m.tables[(int) context] = RefTable.read(in, ALPHABET[m.mode], m.scaleBits);
        }
        if (in.remaining() != 0) {
            throw fail(ErrorCode.BAD_MODEL, "bytes after the last table");
        }
        return m;
    }

    /** V2.2. */
    private static boolean[] runs(RefInput in, int n) {
        boolean[] set = new boolean[n];
        long count = in.varint();
        if (count > n || count < 0) {
            throw fail(ErrorCode.BAD_MODEL, "run count " + count);
        }
        long end = 0;
        for (long i = 0; i < count; i++) {
            long gap = in.varint();
            if (gap > n || gap < 0) {
                throw fail(ErrorCode.BAD_MODEL, "run gap " + gap);
            }
            long len = in.varint() + 1;
            if (len > n || len < 1) {
                throw fail(ErrorCode.BAD_MODEL, "run length " + len);
            }
            long first = end + gap;
            if (first + len > n || (i > 0 && gap == 0)) {
                throw fail(ErrorCode.BAD_MODEL, "run [" + first + ", " + (first + len) + ")");
            }
            for (long q = first; q < first + len; q++) {
                set[(int) q] = true;
            }
            end = first + len;
        }
        return set;
    }

    /** Coded frames of a chunk (section 8.1 layout: varint R, rANS stream, raw bits) into element bytes. */
    static byte[] decodeFrames(byte[] a, int offset, int length, int g, int h, int w, Model m, int dtype,
                               boolean bigEndian, int elementSize) {
        RefInput in = new RefInput(a, offset, offset + length);
        long r = in.varint();
        if (r > in.remaining() || r < 0) {
            throw fail(ErrorCode.BAD_CHUNK, "rANS length");
        }
        RefRans rans = new RefRans(a, in.pos, (int) r);
        RefBits raw = new RefBits(a, in.pos + (int) r, offset + length - in.pos - (int) r);
        int pixels = h * w;
        long[][] value = new long[g][pixels];
        if (m.mode == 0) {
            for (int f = 0; f < g; f++) {
                intFrame(m, rans, raw, value[f], h, w);
            }
        } else {
            long k = 0;
            int rawBits = m.mode == 1 ? 21 : 52;
            for (int f = 0; f < g; f += 2) {
                for (int p = 0; p < pixels; p++) {
                    for (int q = f; q < Math.min(f + 2, g); q++) {
                        int token = rans.decode((int) (k++ % 4), table(m, m.contextBase[p]), m.scaleBits);
                        value[q][p] = ((long) token << rawBits) | raw.read(rawBits);
                    }
                }
            }
        }
        rans.finish();
        raw.finish();
        ByteBuffer out = ByteBuffer.allocate(g * pixels * elementSize)
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < g; f++) {
            for (int p = 0; p < pixels; p++) {
                RefDecoder.store(out, dtype, m.mode, value[f][p]);
            }
        }
        return out.array();
    }

    /** V2.4: one INT-mode frame. */
    private static void intFrame(Model m, RefRans rans, RefBits raw, long[] value, int h, int w) {
        long[] u = new long[h * w];
        boolean[] zero = new boolean[4];
        boolean[] earlier = new boolean[4];
        for (int y0 = 0; y0 < h; y0 += 4) {
            int n = Math.min(4, h - y0);
            for (int t = 0; t <= w - 1 + 2 * (n - 1); t++) {
                for (int k = 0; k < n; k++) {
                    int x = t - 2 * k;
                    if (x >= 0 && x < w) {
                        pixel(m, rans, raw, u, y0 + k, x, w, k, zero, earlier);
                    }
                }
            }
        }
        for (int p = 0; p < u.length; p++) {
            value[p] = m.base[p] + u[p];
        }
    }

    private static void pixel(Model m, RefRans rans, RefBits raw, long[] u, int y, int x, int w, int j,
                              boolean[] zero, boolean[] earlier) {
        int p = y * w + x;
        int kind = m.kind[p];
        if ((kind & MEMBER) != 0 && zero[j]) {
            return;
        }
        int tables = 0;
        if ((kind & START) != 0) {
            int flag = rans.decode(j, table(m, 512 + context(m.groupBase, u, y, x, w)), m.scaleBits);
            if (flag > 1) {
                throw fail(ErrorCode.BAD_CHUNK, "zero-group flag " + flag);
            }
            zero[j] = flag == 1;
            if (zero[j]) {
                u[p] = u[p + 1] = u[p + 2] = u[p + 3] = 0;
                return;
            }
            earlier[j] = false;
        }
        if ((kind & CONSTANT) != 0) {
            return;
        }
        boolean grouped = (kind & (START | MEMBER)) != 0;
        if (grouped) {
            tables = earlier[j] ? 1024 : x % 4 == 3 ? 2048 : 1536;
        }
        int token = rans.decode(j, table(m, tables + context(m.contextBase, u, y, x, w)), m.scaleBits);
        long off;
        if (token < 16) {
            off = token;
        } else {
            int nraw = ((token - 16) >> 2) + 2;
            off = ((4L | ((token - 16) & 3)) << nraw) | raw.read(nraw);
        }
        u[p] = off;
        if (grouped) {
            earlier[j] |= off != 0;
        }
    }

    /** Section 8.4's context (also version 2's, V2.4): clamp(B[p] + lg(16 * neighbour sum + 16), 0, 511). */
    static int context(int[] b, long[] u, int y, int x, int w) {
        int p = y * w + x;
        long ns = 0;
        if (x > 0) {
            ns += u[p - 1];
        }
        if (y > 0) {
            ns += u[p - w];
        }
        if (y > 0 && x > 0) {
            ns += u[p - w - 1];
        }
        if (y > 0 && x < w - 1) {
            ns += u[p - w + 1];
        }
        return Math.min(Math.max(b[p] + RefMath.lg(16 * ns + 16), 0), 511);
    }

    private static RefTable table(Model m, int ctx) {
        if (m.tables[ctx] == null) {
            throw fail(ErrorCode.BAD_CHUNK, "table " + ctx + " is missing");
        }
        return m.tables[ctx];
    }
}
