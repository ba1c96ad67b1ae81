package org.stemz.codec;

/**
 * The hot loop of version-2 FLOAT32 decoding, with the compact tables of {@link Model.FloatSlots}. A float
 * sample is an 11-bit token (rANS, its pixel's table) and 21 raw bits; the contexts do not depend on decoded
 * neighbours, so the four rANS states are four independent chains. They live in local variables (the JIT keeps
 * them in registers), rotated so that local state j serves the symbols k with (index + k) mod 4 = j. Same
 * symbols, same order, same stream checks as the generic path of ChunkDecoder.
 */
final class FloatLoop {
    private static final long M = 0xFFFF_FFFFL;
    private static final int RAW = CodingMode.FLOAT32_RAW_BITS;
    private static final int SLOT_MASK = (1 << PixelModel.V2_SCALE_BITS) - 1;
    private static final java.lang.invoke.VarHandle LE16 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final java.lang.invoke.VarHandle OUT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private FloatLoop() {
    }

    /**
     * Decodes one frame (frame a) or two interleaved ones (symbols a[0], b[0], a[1], b[1], ...) of {@code pixels}
     * samples, written as float32 elements straight into {@code out} from byte {@code atA} (frame a) and
     * {@code atB} (frame b): decoding into int arrays first pushed the slot tables out of the L2 cache and cost a
     * third of the time (si110_empad, measured). {@code index} is the number of the first symbol.
     */
    static void decode(RansDecoder rans, BitReader raw, Model.FloatSlots slots, int pixels, boolean pair,
                       byte[] out, int atA, int atB, boolean bigEndian, int index) {
        int symbols = pair ? 2 * pixels : pixels;
        int[] table = slots.pixelTable;
        byte[] local = slots.local;
        int[] entries = slots.entries;
        byte[] in = rans.in;
        int last = rans.end - 2;
        int pos = rans.pos;
        int r = index & (Rans.STATES - 1);
        long x0 = rans.state[r];
        long x1 = rans.state[(r + 1) & 3];
        long x2 = rans.state[(r + 2) & 3];
        long x3 = rans.state[(r + 3) & 3];
        long acc = raw.acc;
        int bits = raw.bits;
        int k = 0;
        for (; k + 4 <= symbols; k += 4) {
            // symbols k .. k + 3: pixels k/2, k/2, k/2 + 1, k/2 + 1 of frames a, b, a, b; or pixels k .. k + 3 of a
            int p0 = pair ? k >> 1 : k;
            int p1 = pair ? p0 : k + 1;
            int p2 = pair ? p0 + 1 : k + 2;
            int p3 = pair ? p2 : k + 3;

            int t0 = table[p0];
            int s0 = (int) x0 & SLOT_MASK;
            int e0 = 2 * ((t0 << 8) + (local[(t0 << 12) + s0] & 0xFF));
            int fc0 = entries[e0];
            x0 = (fc0 >>> 16) * (x0 >>> 12) + s0 - (fc0 & 0xFFFF);
            int n0 = (int) ((x0 - Rans.L) >>> 63);
            long w0 = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
            pos += n0 << 1;
            x0 = (x0 << (n0 << 4)) | (w0 & -n0);

            int t1 = table[p1];
            int s1 = (int) x1 & SLOT_MASK;
            int e1 = 2 * ((t1 << 8) + (local[(t1 << 12) + s1] & 0xFF));
            int fc1 = entries[e1];
            x1 = (fc1 >>> 16) * (x1 >>> 12) + s1 - (fc1 & 0xFFFF);
            int n1 = (int) ((x1 - Rans.L) >>> 63);
            long w1 = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
            pos += n1 << 1;
            x1 = (x1 << (n1 << 4)) | (w1 & -n1);

            int t2 = table[p2];
            int s2 = (int) x2 & SLOT_MASK;
            int e2 = 2 * ((t2 << 8) + (local[(t2 << 12) + s2] & 0xFF));
            int fc2 = entries[e2];
            x2 = (fc2 >>> 16) * (x2 >>> 12) + s2 - (fc2 & 0xFFFF);
            int n2 = (int) ((x2 - Rans.L) >>> 63);
            long w2 = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
            pos += n2 << 1;
            x2 = (x2 << (n2 << 4)) | (w2 & -n2);

            int t3 = table[p3];
            int s3 = (int) x3 & SLOT_MASK;
            int e3 = 2 * ((t3 << 8) + (local[(t3 << 12) + s3] & 0xFF));
            int fc3 = entries[e3];
            x3 = (fc3 >>> 16) * (x3 >>> 12) + s3 - (fc3 & 0xFFFF);
            int n3 = (int) ((x3 - Rans.L) >>> 63);
            long w3 = (short) LE16.get(in, Math.min(pos, last)) & 0xFFFF;
            pos += n3 << 1;
            x3 = (x3 << (n3 << 4)) | (w3 & -n3);

            // the raw fields, in symbol order: two per refill of the 64-bit accumulator
            if (bits < 2 * RAW) {
                raw.acc = acc;
                raw.bits = bits;
                raw.refill(2 * RAW);
                acc = raw.acc;
                bits = raw.bits;
            }
            int v0 = entries[e0 + 1] << RAW | (int) (acc & ((1 << RAW) - 1));
            int v1 = entries[e1 + 1] << RAW | (int) ((acc >>> RAW) & ((1 << RAW) - 1));
            acc >>>= 2 * RAW;
            bits -= 2 * RAW;
            if (bits < 2 * RAW) {
                raw.acc = acc;
                raw.bits = bits;
                raw.refill(2 * RAW);
                acc = raw.acc;
                bits = raw.bits;
            }
            int v2 = entries[e2 + 1] << RAW | (int) (acc & ((1 << RAW) - 1));
            int v3 = entries[e3 + 1] << RAW | (int) ((acc >>> RAW) & ((1 << RAW) - 1));
            acc >>>= 2 * RAW;
            bits -= 2 * RAW;
            if (bigEndian) {
                v0 = Integer.reverseBytes(v0);
                v1 = Integer.reverseBytes(v1);
                v2 = Integer.reverseBytes(v2);
                v3 = Integer.reverseBytes(v3);
            }
            OUT.set(out, atA + 4 * p0, v0);
            OUT.set(out, (pair ? atB : atA) + 4 * p1, v1);
            OUT.set(out, atA + 4 * p2, v2);
            OUT.set(out, (pair ? atB : atA) + 4 * p3, v3);
        }
        rans.pos = pos;
        rans.state[r] = x0;
        rans.state[(r + 1) & 3] = x1;
        rans.state[(r + 2) & 3] = x2;
        rans.state[(r + 3) & 3] = x3;
        raw.acc = acc;
        raw.bits = bits;
        // the last symbols, fewer than four
        for (; k < symbols; k++) {
            int p = pair ? k >> 1 : k;
            int lane = (index + k) & (Rans.STATES - 1);
            int t = table[p];
            int slot = (int) rans.state[lane] & SLOT_MASK;
            int e = 2 * ((t << 8) + (local[(t << 12) + slot] & 0xFF));
            rans.advance(lane, slot, entries[e], PixelModel.V2_SCALE_BITS);
            int v = entries[e + 1] << RAW | (int) raw.read(RAW);
            OUT.set(out, (pair && (k & 1) == 1 ? atB : atA) + 4 * p, bigEndian ? Integer.reverseBytes(v) : v);
        }
    }
}
