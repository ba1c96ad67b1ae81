package org.stemz.codec;

/**
 * The encoder's side of {@link BandLoop}: turns the frames of a version-2 INT chunk into symbols and raw bits, in
 * the banded order of {@link CodedOrder}, in one pass per frame. It walks the decoder's padded layout
 * ({@link PaddedPixels}: margin pixels are constant, their offsets 0, so the neighbour sums need no border code),
 * computes each context from the neighbours where the symbol is emitted (no raster pass, no per-pixel order
 * table), and keeps the output positions and the raw-bit accumulator in local variables. Symbols are packed as in
 * {@link ChunkEncoder.Analysis}: {@code (table << 7 | token) << 2 | row of the band}.
 */
final class BandAnalysis {
    private static final long M = 0xFFFF_FFFFL;
    /** A pixel whose kind masked with this is CONSTANT takes no symbol (no flag, no value). */
    private static final int SKIP_IF = PixelModel.CONSTANT | PixelModel.GROUP_START;
    private static final int TOKEN_BITS = 7;
    private static final java.lang.invoke.VarHandle LE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private BandAnalysis() {
    }

    static ChunkEncoder.Analysis analyse(PixelModel pm, SampleFormat format, byte[] src, int offset, int frames) {
        PaddedPixels pp = pm.padded();
        int pixels = pm.pixels();
        int w = pm.width;
        int stride = pp.stride;
        int frameBytes = pixels * format.type().size();
        int[] flat = new int[pixels];
        int[] u = new int[pp.rows * stride]; // margins stay 0: the value of a neighbour outside the frame
        // a band emits at most a flag and a value for each of its pixels, and at most 32 raw bits per value
        int bandSymbols = 2 * CodedOrder.BAND_ROWS * w;
        int bandRawBytes = 4 * CodedOrder.BAND_ROWS * w;
        Output out = new Output(Math.max(bandSymbols, frames * (pixels / 2)) + bandSymbols,
                Math.max(bandRawBytes, frames * pixels / 4) + bandRawBytes + 8);
        boolean[] zeroGroup = new boolean[CodedOrder.BAND_ROWS];
        boolean[] earlierNonzero = new boolean[CodedOrder.BAND_ROWS];
        for (int f = 0; f < frames; f++) {
            format.readOffsets(src, offset + f * frameBytes, pm.base, flat, pixels);
            for (int y = 0; y < pm.height; y++) {
                System.arraycopy(flat, y * w, u, pp.index(y, 0), w);
            }
            for (int y0 = 0; y0 < pm.height; y0 += CodedOrder.BAND_ROWS) {
                out.ensure(bandSymbols, bandRawBytes);
                band(pm, pp, u, y0, out, zeroGroup, earlierNonzero);
            }
        }
        return new ChunkEncoder.Analysis(java.util.Arrays.copyOf(out.symbols, out.n), out.finishRaw());
    }

    /** The symbols and raw bits written so far; grown between bands, never inside one. */
    private static final class Output {
        int[] symbols;
        int n;
        byte[] raw;
        int rawPos;
        long acc;
        int bits;

        Output(int symbolCapacity, int rawCapacity) {
            symbols = new int[symbolCapacity];
            raw = new byte[rawCapacity];
        }

        void ensure(int moreSymbols, int moreRawBytes) {
            if (n + moreSymbols > symbols.length) {
                symbols = java.util.Arrays.copyOf(symbols, Math.max(2 * symbols.length, n + moreSymbols));
            }
            if (rawPos + moreRawBytes + 8 > raw.length) {
                raw = java.util.Arrays.copyOf(raw, Math.max(2 * raw.length, rawPos + moreRawBytes + 8));
            }
        }

        byte[] finishRaw() {
            int tail = (bits + 7) / 8;
            byte[] result = java.util.Arrays.copyOf(raw, rawPos + tail);
            for (int i = 0; i < tail; i++) {
                result[rawPos + i] = (byte) (acc >>> (8 * i));
            }
            return result;
        }
    }

    /** All steps of the band whose first row is {@code y0}: row k of the band at step t is pixel x = t - 2k. */
    private static void band(PixelModel pm, PaddedPixels pp, int[] u, int y0, Output out, boolean[] zeroGroup,
                             boolean[] earlierNonzero) {
        int stride = pp.stride;
        int steps = pm.width + 2 * (CodedOrder.BAND_ROWS - 1);
        int limit = pm.mode.contexts - 1;
        int[] cb = pp.contextBase;
        int[] groupBase = pp.groupBase;
        byte[] kind = pp.kind;
        int[] sym = out.symbols;
        int n = out.n;
        byte[] raw = out.raw;
        int rawPos = out.rawPos;
        long acc = out.acc;
        int bits = out.bits;
        int first = pp.index(y0, 0);
        for (int t = 0; t < steps; t++) {
            for (int k = 0, p = first + t; k < CodedOrder.BAND_ROWS; k++, p += stride - 2) {
                int kd = kind[p];
                if ((kd & SKIP_IF) == PixelModel.CONSTANT
                        || (kd & PixelModel.GROUP_MEMBER) != 0 && zeroGroup[k]) {
                    continue;
                }
                int up = p - stride;
                long ns = (u[p - 1] & M) + (u[up - 1] & M) + (u[up] & M) + (u[up + 1] & M);
                int gain = ns < Contexts.SMALL ? Contexts.LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16);
                if ((kd & PixelModel.GROUP_START) != 0) {
                    boolean zero = (u[p] | u[p + 1] | u[p + 2] | u[p + 3]) == 0;
                    zeroGroup[k] = zero;
                    earlierNonzero[k] = false;
                    int gc = groupBase[p] + gain;
                    int flagTable = PixelModel.FLAG_TABLES + (gc < 0 ? 0 : Math.min(gc, limit));
                    sym[n++] = (flagTable << TOKEN_BITS | (zero ? 1 : 0)) << 2 | k;
                    if (zero || (kd & PixelModel.CONSTANT) != 0) {
                        continue;
                    }
                }
                int v = u[p];
                int tables = 0;
                if ((kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0) {
                    tables = PixelModel.groupPixelTables(t - 2 * k, earlierNonzero[k]);
                    earlierNonzero[k] |= v != 0;
                }
                int c = cb[p] + gain;
                int token = token(v);
                sym[n++] = ((tables + (c < 0 ? 0 : Math.min(c, limit))) << TOKEN_BITS | token) << 2 | k;
                int nb = CodingMode.INT_RAW_BITS[token];
                acc |= ((v & M) & ((1L << nb) - 1)) << bits;
                bits += nb;
                if (bits >= 32) {
                    LE32.set(raw, rawPos, (int) acc);
                    rawPos += 4;
                    acc >>>= 32;
                    bits -= 32;
                }
            }
        }
        out.n = n;
        out.rawPos = rawPos;
        out.acc = acc;
        out.bits = bits;
    }

    /** {@link CodingMode#intToken} of an offset in [0, 2^32) held in an int. */
    static int token(int v) {
        if ((v & ~(CodingMode.DIRECT_TOKENS - 1)) == 0) {
            return v;
        }
        int e = 31 - Integer.numberOfLeadingZeros(v);
        return CodingMode.DIRECT_TOKENS + ((e - 4) << 2) + ((v >>> (e - 2)) & 3);
    }
}
