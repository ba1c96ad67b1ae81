package org.stemz.codec;

/**
 * The encoder's side of {@link BandLoop}: turns the frames of a version-2 INT chunk into symbols and raw bits in
 * the banded order of {@link CodedOrder}, in one pass per frame. Per chunk it lists, in coded order, the pixels
 * that may take a symbol: constant pixels take none and are left out (in a sparse frame most pixels are constant:
 * graphene_lowdose_merlin 75%), so a frame costs what its symbols cost. Each context is computed where its symbol
 * is emitted, from the offsets in the decoder's padded layout ({@link PaddedPixels}: margin offsets are 0, the
 * value of a neighbour outside the frame, so neighbour sums need no border code); output positions and the raw-bit
 * accumulator stay in local variables. Symbols are packed as in {@link ChunkEncoder.Analysis}:
 * {@code (table << 7 | token) << 2 | row of the band}. (Computing every pixel's symbols without branches and
 * advancing by the number emitted measured 1.8x slower on srtio3_merlin; so did two passes, contexts in raster
 * order then a branch-free merge in coded order.)
 */
final class BandAnalysis {
    private static final long M = 0xFFFF_FFFFL;
    private static final int TOKEN_BITS = 7;
    /** Entry bits above the padded pixel index: kind (3 bits), last pixel of its group, row of the band. */
    private static final int KIND_SHIFT = 32;
    private static final int LAST_BIT = 1 << 3;
    private static final int ROW_SHIFT = KIND_SHIFT + 4;
    private static final java.lang.invoke.VarHandle LE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private BandAnalysis() {
    }

    static ChunkEncoder.Analysis analyse(PixelModel pm, SampleFormat format, byte[] src, int offset, int frames) {
        PaddedPixels pp = pm.padded();
        int pixels = pm.pixels();
        int w = pm.width;
        int frameBytes = pixels * format.type().size();
        long[] order = order(pm, pp);
        int[] flat = new int[pixels];
        int[] u = new int[pp.valueSize()]; // margins stay 0
        // at most a value per listed pixel and a flag per zero group: sized once, so
        // the symbols are never copied (at most 5 bytes per pixel, as the short, short and byte arrays were)
        int frameSymbols = order.length + pixels / PixelModel.GROUP + 1;
        Output out = new Output((int) Math.min((long) frames * frameSymbols + 1, Integer.MAX_VALUE - 16),
                frames * pixels / 8 + 16);
        boolean[] zeroGroup = new boolean[CodedOrder.BAND_ROWS];
        boolean[] earlierNonzero = new boolean[CodedOrder.BAND_ROWS];
        for (int f = 0; f < frames; f++) {
            format.readOffsets(src, offset + f * frameBytes, pm.base, flat, pixels);
            for (int y = 0; y < pm.height; y++) {
                System.arraycopy(flat, y * w, u, pp.index(y, 0), w);
            }
            out.ensure(frameSymbols + 1, 4 * order.length + 8); // at most 29 raw bits per value
            frame(pm, pp, order, u, out, zeroGroup, earlierNonzero);
        }
        return new ChunkEncoder.Analysis(out.symbols, out.n, out.finishRaw());
    }

    /** The symbols and raw bits written so far; grown between frames, never inside one. */
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
                symbols = java.util.Arrays.copyOf(symbols, (int) Math.min(Integer.MAX_VALUE - 16,
                        Math.max(2L * symbols.length, (long) n + moreSymbols)));
            }
            if (rawPos + moreRawBytes > raw.length) {
                raw = java.util.Arrays.copyOf(raw, (int) Math.min(Integer.MAX_VALUE - 16,
                        Math.max(2L * raw.length, (long) rawPos + moreRawBytes)));
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

    /**
     * The pixels of a frame that may take a symbol, in coded order: constant pixels are left out unless they start
     * a zero group (whose flag they carry). Each entry packs the padded index, the kind, whether the pixel is the
     * last of its group, and its row of the band.
     */
    private static long[] order(PixelModel pm, PaddedPixels pp) {
        long[] order = new long[pm.pixels()];
        int[] n = {0};
        CodedOrder.forEach(pm.height, pm.width, (y, x, k) -> {
            int p = pp.index(y, x);
            int kd = pp.kind[p];
            if ((kd & (PixelModel.CONSTANT | PixelModel.GROUP_START)) != PixelModel.CONSTANT) {
                int last = (x & (PixelModel.GROUP - 1)) == PixelModel.GROUP - 1 ? LAST_BIT : 0;
                order[n[0]++] = p | (long) (kd | last) << KIND_SHIFT | (long) k << ROW_SHIFT;
            }
        });
        return java.util.Arrays.copyOf(order, n[0]);
    }

    /** Appends the symbols and raw bits of one frame, offsets {@code u}, to {@code out}. */
    private static void frame(PixelModel pm, PaddedPixels pp, long[] order, int[] u, Output out, boolean[] zeroGroup,
                              boolean[] earlierNonzero) {
        int stride = pp.stride;
        int limit = pm.mode.contexts - 1;
        int[] cb = pp.contextBase;
        int[] groupBase = pp.groupBase;
        int[] sym = out.symbols;
        int n = out.n;
        byte[] raw = out.raw;
        int rawPos = out.rawPos;
        long acc = out.acc;
        int bits = out.bits;
        for (long e : order) {
            int kd = (int) (e >>> KIND_SHIFT);
            int k = (int) (e >>> ROW_SHIFT);
            if ((kd & PixelModel.GROUP_MEMBER) != 0 && zeroGroup[k]) {
                continue;
            }
            int p = (int) e;
            int up = p - stride;
            long ns = (u[p - 1] & M) + (u[up - 1] & M) + (u[up] & M) + (u[up + 1] & M);
            int gain = ns < Contexts.SMALL ? Contexts.LG_GAIN[(int) ns] : IntLog.lg(16 * ns + 16);
            int v = u[p];
            int tables = 0;
            if ((kd & PixelModel.GROUP_START) != 0) {
                boolean zero = (v | u[p + 1] | u[p + 2] | u[p + 3]) == 0;
                zeroGroup[k] = zero;
                earlierNonzero[k] = false;
                int gc = groupBase[p] + gain;
                int flagTable = PixelModel.FLAG_TABLES + (gc < 0 ? 0 : Math.min(gc, limit));
                sym[n++] = (flagTable << TOKEN_BITS | (zero ? 1 : 0)) << 2 | k;
                if (zero || (kd & PixelModel.CONSTANT) != 0) {
                    continue;
                }
            }
            if ((kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0) {
                tables = earlierNonzero[k] ? PixelModel.AFTER_NONZERO_TABLES
                        : (kd & LAST_BIT) != 0 ? PixelModel.LAST_NONZERO_TABLES : PixelModel.BEFORE_NONZERO_TABLES;
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
