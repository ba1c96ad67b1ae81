package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/**
 * The hot loop of version-2 INT decoding: one band of {@link CodedOrder#BAND_ROWS} = 4 rows, every step of it,
 * on the padded layout of {@link PaddedPixels} (steps outside the frame land on margin pixels, skipped as
 * constant). The four rows' rANS states, the stream position, the raw-bit reader and each row's left neighbour
 * live in local variables (the JIT keeps them in registers), and the rows are written out one after another so
 * the CPU overlaps their dependency chains. Same symbols, same order and same checks as the encoder's banded
 * order (SPEC-V2-CODING.md). Constant pixels are never written (they stay 0 from the start of the chunk) and
 * skipped before any work.
 */
final class BandLoop {
    private static final long M = 0xFFFF_FFFFL;
    /** A pixel whose kind masked with this is CONSTANT has nothing to decode (no flag, no value). */
    private static final int SKIP_IF = PixelModel.CONSTANT | PixelModel.GROUP_START;
    private static final java.lang.invoke.VarHandle LE16 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private BandLoop() {
    }

    /** Whether a pixel of this kind decodes to nothing whatever came before (a constant pixel, no flag). */
    static boolean skipped(byte kind) {
        return (kind & SKIP_IF) == PixelModel.CONSTANT;
    }

    /**
     * Decodes the band whose first row is {@code y0} into {@code u} (offsets from the bases, padded layout): of its
     * {@code width + 2 * (BAND_ROWS - 1)} steps, those of {@link PaddedPixels#bandSteps}.
     */
    static void band(RansDecoder rans, BitReader raw, Model.ByteSlots slots, PixelModel pm, PaddedPixels pp,
                     int[] u, int y0, boolean[] zeroGroup, boolean[] earlierNonzero) {
        int w = pp.stride;
        int limit = pm.mode.contexts - 1;
        int sb = pm.scaleBits;
        int mask = (1 << sb) - 1;
        int[] cb = pp.contextBase;
        int[] groupBase = pp.groupBase;
        byte[] kind = pp.kind;
        int[] rows = slots.row;
        byte[] symbols = slots.symbols;
        int[] freqCum = slots.freqCum;
        byte[] in = rans.in;
        int last = rans.end - 2;
        int pos = rans.pos;
        long x0 = rans.state[0];
        long x1 = rans.state[1];
        long x2 = rans.state[2];
        long x3 = rans.state[3];
        boolean z0 = zeroGroup[0];
        boolean z1 = zeroGroup[1];
        boolean z2 = zeroGroup[2];
        boolean z3 = zeroGroup[3];
        boolean e0 = earlierNonzero[0];
        boolean e1 = earlierNonzero[1];
        boolean e2 = earlierNonzero[2];
        boolean e3 = earlierNonzero[3];
        long acc = raw.acc;
        int bits = raw.bits;
        // each row's left neighbour at step 0 is in the margin
        int l0 = 0;
        int l1 = 0;
        int l2 = 0;
        int l3 = 0;
        int first = pp.index(y0, 0);
        int band = y0 / CodedOrder.BAND_ROWS;
        for (int t = pp.bandSteps[2 * band], end = pp.bandSteps[2 * band + 1]; t < end; t++) {
            int p0 = first + t;
            int p1 = p0 + w - 2;
            int p2 = p1 + w - 2;
            int p3 = p2 + w - 2;

            {
                int p = p0;
                int left = l0; // u[p - 1]: this row's previous pixel, decoded by this state one step ago
                l0 = 0; // what u[p] holds unless a value is decoded below
                int kd = kind[p];
                if ((kd & SKIP_IF) != PixelModel.CONSTANT && ((kd & PixelModel.GROUP_MEMBER) == 0 || !z0)) {
                    int up = p - w;
                    long ns = (left & M) + (u[up - 1] & M) + (u[up] & M) + (u[up + 1] & M);
                    int gain = ns < Contexts.SMALL ? Contexts.LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16);
                    boolean code = (kd & PixelModel.CONSTANT) == 0;
                    if ((kd & PixelModel.GROUP_START) != 0) {
                        e0 = false;
                        int gc = groupBase[p] + gain;
                        int rowF = rows[PixelModel.FLAG_TABLES + (gc < 0 ? 0 : Math.min(gc, limit))];
                        int slotF = (int) x0 & mask;
                        int sF = symbols[(rowF << sb) + slotF];
                        int fcF = freqCum[(rowF << 7) + sF];
                        x0 = (fcF >>> 16) * (x0 >>> sb) + slotF - (fcF & 0xFFFF);
                        int needF = (int) ((x0 - Rans.L) >>> 63);
                        long wordF = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needF << 1;
                        x0 = (x0 << (needF << 4)) | (wordF & -needF);
                        if (sF > 1) {
                            throw new CorruptInputException(ErrorCode.BAD_CHUNK, -1, "zero-group flag " + sF
                                    + " at pixel " + pp.framePixel(p));
                        }
                        z0 = sF == 1;
                        if (z0) {
                            u[p] = u[p + 1] = u[p + 2] = u[p + 3] = 0;
                            code = false;
                        }
                    }
                    if (code) {
                        boolean grouped = (kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0;
                        int tables = grouped ? PixelModel.groupPixelTables(t - 2 * 0, e0) : 0;
                        int c = cb[p] + gain;
                        int rowP = rows[tables + (c < 0 ? 0 : Math.min(c, limit))];
                        int slotP = (int) x0 & mask;
                        int sP = symbols[(rowP << sb) + slotP];
                        int fcP = freqCum[(rowP << 7) + sP];
                        x0 = (fcP >>> 16) * (x0 >>> sb) + slotP - (fcP & 0xFFFF);
                        int needP = (int) ((x0 - Rans.L) >>> 63);
                        long wordP = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needP << 1;
                        x0 = (x0 << (needP << 4)) | (wordP & -needP);
                        long tk = CodingMode.INT_TOKEN[sP];
                        int n = (int) (tk >>> CodingMode.TOKEN_BITS_SHIFT);
                        if (bits < n) {
                            raw.acc = acc;
                            raw.bits = bits;
                            raw.refill(n);
                            acc = raw.acc;
                            bits = raw.bits;
                        }
                        int v = (int) (tk | (acc & ((1L << n) - 1)));
                        u[p] = v;
                        l0 = v;
                        e0 |= grouped & v != 0;
                        acc >>>= n;
                        bits -= n;
                    }
                }
            }
            {
                int p = p1;
                int left = l1; // u[p - 1]: this row's previous pixel, decoded by this state one step ago
                l1 = 0; // what u[p] holds unless a value is decoded below
                int kd = kind[p];
                if ((kd & SKIP_IF) != PixelModel.CONSTANT && ((kd & PixelModel.GROUP_MEMBER) == 0 || !z1)) {
                    int up = p - w;
                    long ns = (left & M) + (u[up - 1] & M) + (u[up] & M) + (u[up + 1] & M);
                    int gain = ns < Contexts.SMALL ? Contexts.LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16);
                    boolean code = (kd & PixelModel.CONSTANT) == 0;
                    if ((kd & PixelModel.GROUP_START) != 0) {
                        e1 = false;
                        int gc = groupBase[p] + gain;
                        int rowF = rows[PixelModel.FLAG_TABLES + (gc < 0 ? 0 : Math.min(gc, limit))];
                        int slotF = (int) x1 & mask;
                        int sF = symbols[(rowF << sb) + slotF];
                        int fcF = freqCum[(rowF << 7) + sF];
                        x1 = (fcF >>> 16) * (x1 >>> sb) + slotF - (fcF & 0xFFFF);
                        int needF = (int) ((x1 - Rans.L) >>> 63);
                        long wordF = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needF << 1;
                        x1 = (x1 << (needF << 4)) | (wordF & -needF);
                        if (sF > 1) {
                            throw new CorruptInputException(ErrorCode.BAD_CHUNK, -1, "zero-group flag " + sF
                                    + " at pixel " + pp.framePixel(p));
                        }
                        z1 = sF == 1;
                        if (z1) {
                            u[p] = u[p + 1] = u[p + 2] = u[p + 3] = 0;
                            code = false;
                        }
                    }
                    if (code) {
                        boolean grouped = (kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0;
                        int tables = grouped ? PixelModel.groupPixelTables(t - 2 * 1, e1) : 0;
                        int c = cb[p] + gain;
                        int rowP = rows[tables + (c < 0 ? 0 : Math.min(c, limit))];
                        int slotP = (int) x1 & mask;
                        int sP = symbols[(rowP << sb) + slotP];
                        int fcP = freqCum[(rowP << 7) + sP];
                        x1 = (fcP >>> 16) * (x1 >>> sb) + slotP - (fcP & 0xFFFF);
                        int needP = (int) ((x1 - Rans.L) >>> 63);
                        long wordP = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needP << 1;
                        x1 = (x1 << (needP << 4)) | (wordP & -needP);
                        long tk = CodingMode.INT_TOKEN[sP];
                        int n = (int) (tk >>> CodingMode.TOKEN_BITS_SHIFT);
                        if (bits < n) {
                            raw.acc = acc;
                            raw.bits = bits;
                            raw.refill(n);
                            acc = raw.acc;
                            bits = raw.bits;
                        }
                        int v = (int) (tk | (acc & ((1L << n) - 1)));
                        u[p] = v;
                        l1 = v;
                        e1 |= grouped & v != 0;
                        acc >>>= n;
                        bits -= n;
                    }
                }
            }
            {
                int p = p2;
                int left = l2; // u[p - 1]: this row's previous pixel, decoded by this state one step ago
                l2 = 0; // what u[p] holds unless a value is decoded below
                int kd = kind[p];
                if ((kd & SKIP_IF) != PixelModel.CONSTANT && ((kd & PixelModel.GROUP_MEMBER) == 0 || !z2)) {
                    int up = p - w;
                    long ns = (left & M) + (u[up - 1] & M) + (u[up] & M) + (u[up + 1] & M);
                    int gain = ns < Contexts.SMALL ? Contexts.LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16);
                    boolean code = (kd & PixelModel.CONSTANT) == 0;
                    if ((kd & PixelModel.GROUP_START) != 0) {
                        e2 = false;
                        int gc = groupBase[p] + gain;
                        int rowF = rows[PixelModel.FLAG_TABLES + (gc < 0 ? 0 : Math.min(gc, limit))];
                        int slotF = (int) x2 & mask;
                        int sF = symbols[(rowF << sb) + slotF];
                        int fcF = freqCum[(rowF << 7) + sF];
                        x2 = (fcF >>> 16) * (x2 >>> sb) + slotF - (fcF & 0xFFFF);
                        int needF = (int) ((x2 - Rans.L) >>> 63);
                        long wordF = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needF << 1;
                        x2 = (x2 << (needF << 4)) | (wordF & -needF);
                        if (sF > 1) {
                            throw new CorruptInputException(ErrorCode.BAD_CHUNK, -1, "zero-group flag " + sF
                                    + " at pixel " + pp.framePixel(p));
                        }
                        z2 = sF == 1;
                        if (z2) {
                            u[p] = u[p + 1] = u[p + 2] = u[p + 3] = 0;
                            code = false;
                        }
                    }
                    if (code) {
                        boolean grouped = (kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0;
                        int tables = grouped ? PixelModel.groupPixelTables(t - 2 * 2, e2) : 0;
                        int c = cb[p] + gain;
                        int rowP = rows[tables + (c < 0 ? 0 : Math.min(c, limit))];
                        int slotP = (int) x2 & mask;
                        int sP = symbols[(rowP << sb) + slotP];
                        int fcP = freqCum[(rowP << 7) + sP];
                        x2 = (fcP >>> 16) * (x2 >>> sb) + slotP - (fcP & 0xFFFF);
                        int needP = (int) ((x2 - Rans.L) >>> 63);
                        long wordP = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needP << 1;
                        x2 = (x2 << (needP << 4)) | (wordP & -needP);
                        long tk = CodingMode.INT_TOKEN[sP];
                        int n = (int) (tk >>> CodingMode.TOKEN_BITS_SHIFT);
                        if (bits < n) {
                            raw.acc = acc;
                            raw.bits = bits;
                            raw.refill(n);
                            acc = raw.acc;
                            bits = raw.bits;
                        }
                        int v = (int) (tk | (acc & ((1L << n) - 1)));
                        u[p] = v;
                        l2 = v;
                        e2 |= grouped & v != 0;
                        acc >>>= n;
                        bits -= n;
                    }
                }
            }
            {
                int p = p3;
                int left = l3; // u[p - 1]: this row's previous pixel, decoded by this state one step ago
                l3 = 0; // what u[p] holds unless a value is decoded below
                int kd = kind[p];
                if ((kd & SKIP_IF) != PixelModel.CONSTANT && ((kd & PixelModel.GROUP_MEMBER) == 0 || !z3)) {
                    int up = p - w;
                    long ns = (left & M) + (u[up - 1] & M) + (u[up] & M) + (u[up + 1] & M);
                    int gain = ns < Contexts.SMALL ? Contexts.LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16);
                    boolean code = (kd & PixelModel.CONSTANT) == 0;
                    if ((kd & PixelModel.GROUP_START) != 0) {
                        e3 = false;
                        int gc = groupBase[p] + gain;
                        int rowF = rows[PixelModel.FLAG_TABLES + (gc < 0 ? 0 : Math.min(gc, limit))];
                        int slotF = (int) x3 & mask;
                        int sF = symbols[(rowF << sb) + slotF];
                        int fcF = freqCum[(rowF << 7) + sF];
                        x3 = (fcF >>> 16) * (x3 >>> sb) + slotF - (fcF & 0xFFFF);
                        int needF = (int) ((x3 - Rans.L) >>> 63);
                        long wordF = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needF << 1;
                        x3 = (x3 << (needF << 4)) | (wordF & -needF);
                        if (sF > 1) {
                            throw new CorruptInputException(ErrorCode.BAD_CHUNK, -1, "zero-group flag " + sF
                                    + " at pixel " + pp.framePixel(p));
                        }
                        z3 = sF == 1;
                        if (z3) {
                            u[p] = u[p + 1] = u[p + 2] = u[p + 3] = 0;
                            code = false;
                        }
                    }
                    if (code) {
                        boolean grouped = (kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0;
                        int tables = grouped ? PixelModel.groupPixelTables(t - 2 * 3, e3) : 0;
                        int c = cb[p] + gain;
                        int rowP = rows[tables + (c < 0 ? 0 : Math.min(c, limit))];
                        int slotP = (int) x3 & mask;
                        int sP = symbols[(rowP << sb) + slotP];
                        int fcP = freqCum[(rowP << 7) + sP];
                        x3 = (fcP >>> 16) * (x3 >>> sb) + slotP - (fcP & 0xFFFF);
                        int needP = (int) ((x3 - Rans.L) >>> 63);
                        long wordP = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
                        pos += needP << 1;
                        x3 = (x3 << (needP << 4)) | (wordP & -needP);
                        long tk = CodingMode.INT_TOKEN[sP];
                        int n = (int) (tk >>> CodingMode.TOKEN_BITS_SHIFT);
                        if (bits < n) {
                            raw.acc = acc;
                            raw.bits = bits;
                            raw.refill(n);
                            acc = raw.acc;
                            bits = raw.bits;
                        }
                        int v = (int) (tk | (acc & ((1L << n) - 1)));
                        u[p] = v;
                        l3 = v;
                        e3 |= grouped & v != 0;
                        acc >>>= n;
                        bits -= n;
                    }
                }
            }
        }
        rans.pos = pos;
        rans.state[0] = x0;
        rans.state[1] = x1;
        rans.state[2] = x2;
        rans.state[3] = x3;
        zeroGroup[0] = z0;
        zeroGroup[1] = z1;
        zeroGroup[2] = z2;
        zeroGroup[3] = z3;
        earlierNonzero[0] = e0;
        earlierNonzero[1] = e1;
        earlierNonzero[2] = e2;
        earlierNonzero[3] = e3;
        raw.acc = acc;
        raw.bits = bits;
    }
}
