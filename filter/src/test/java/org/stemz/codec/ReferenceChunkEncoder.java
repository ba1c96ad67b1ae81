package org.stemz.codec;

/**
 * The version-2 INT chunk encoder as it was before {@link BandAnalysis} (a raster pass for the contexts, then a walk
 * over the coded order of {@link CodedOrder}; rANS through {@link RansEncoder#put}), kept as the oracle the fast
 * one must match symbol for symbol and byte for byte.
 */
final class ReferenceChunkEncoder {
    private ReferenceChunkEncoder() {
    }

    /** Symbols as {@link ChunkEncoder.Analysis} packs them, and the raw bits. */
    record Symbols(int[] symbols, byte[] raw) {
    }

    static Symbols analyse(PixelModel pm, SampleFormat format, byte[] src, int offset, int frames) {
        int pixels = pm.pixels();
        int w = pm.width;
        int most = frames * (pixels + pixels / PixelModel.GROUP);
        int[] sym = new int[most];
        BitWriter raw = new BitWriter(frames * pixels);
        int[] u = new int[pixels];
        short[] pixelCtx = new short[pixels];
        short[] groupCtx = new short[pixels];
        int[] order = codedOrder(pm);
        int frameBytes = pixels * format.type().size();
        int n = 0;
        boolean[] zeroGroup = new boolean[CodedOrder.BAND_ROWS];
        boolean[] earlierNonzero = new boolean[CodedOrder.BAND_ROWS];
        for (int f = 0; f < frames; f++) {
            format.readOffsets(src, offset + f * frameBytes, pm.base, u, pixels);
            rasterContexts(pm, u, pixelCtx, groupCtx);
            for (int e : order) {
                int p = e >>> 5;
                int kd = (e >>> 2) & 7;
                int k = e & 3;
                if ((kd & PixelModel.GROUP_MEMBER) != 0 && zeroGroup[k]) {
                    continue;
                }
                int tables = 0;
                if ((kd & PixelModel.GROUP_START) != 0) {
                    zeroGroup[k] = (u[p] | u[p + 1] | u[p + 2] | u[p + 3]) == 0;
                    sym[n++] = ((PixelModel.FLAG_TABLES + groupCtx[p]) * 128 + (zeroGroup[k] ? 1 : 0)) << 2 | k;
                    if (zeroGroup[k]) {
                        continue;
                    }
                    earlierNonzero[k] = false;
                }
                if ((kd & (PixelModel.GROUP_START | PixelModel.GROUP_MEMBER)) != 0) {
                    tables = PixelModel.groupPixelTables(p % w, earlierNonzero[k]);
                    earlierNonzero[k] |= u[p] != 0;
                }
                if ((kd & PixelModel.CONSTANT) != 0) {
                    continue;
                }
                long value = u[p] & 0xFFFF_FFFFL;
                int t = CodingMode.intToken(value);
                sym[n++] = ((tables + pixelCtx[p]) * 128 + t) << 2 | k;
                int bits = CodingMode.intRawBits(t);
                if (bits != 0) {
                    raw.write(value, bits);
                }
            }
        }
        return new Symbols(java.util.Arrays.copyOf(sym, n), raw.finish());
    }

    private static void rasterContexts(PixelModel pm, int[] u, short[] pixelCtx, short[] groupCtx) {
        int w = pm.width;
        int limit = pm.mode.contexts - 1;
        for (int y = 0, p = 0; y < pm.height; y++) {
            for (int x = 0; x < w; x++, p++) {
                int kd = pm.kind[p];
                if (kd == PixelModel.CONSTANT) {
                    continue;
                }
                long ns = neighbourSum(u, y, x, w);
                if ((kd & PixelModel.GROUP_START) != 0) {
                    groupCtx[p] = (short) Contexts.context(pm.groupBase[p], ns, limit);
                }
                pixelCtx[p] = (short) Contexts.context(pm.contextBase[p], ns, limit);
            }
        }
    }

    /**
     * The pixels in coded order that take a symbol or a flag, each as {@code p << 5 | kind[p] << 2 | lane}; pixels
     * that are only constant are left out.
     */
    private static int[] codedOrder(PixelModel pm) {
        int[] order = new int[pm.pixels()];
        int[] n = {0};
        CodedOrder.forEach(pm.height, pm.width, (y, x, k) -> {
            int p = y * pm.width + x;
            if (pm.kind[p] != PixelModel.CONSTANT) {
                order[n[0]++] = p << 5 | pm.kind[p] << 2 | k;
            }
        });
        return java.util.Arrays.copyOf(order, n[0]);
    }

    /** Sum of the left, up-left, up and up-right unsigned offsets inside the frame. */
    private static long neighbourSum(int[] u, int y, int x, int width) {
        int i = y * width + x;
        long ns = x > 0 ? u[i - 1] & 0xFFFF_FFFFL : 0;
        if (y > 0) {
            int up = i - width;
            ns += u[up] & 0xFFFF_FFFFL;
            if (x > 0) {
                ns += u[up - 1] & 0xFFFF_FFFFL;
            }
            if (x < width - 1) {
                ns += u[up + 1] & 0xFFFF_FFFFL;
            }
        }
        return ns;
    }

    /** The chunk payload through {@link RansEncoder#put} and {@link ByteSink}. */
    static byte[] encode(int[] symbols, byte[] raw, Model model) {
        Model.EncodingTables tables = model.encodingTables();
        int alphabet = model.pixels.mode.alphabet;
        RansEncoder rans = new RansEncoder(symbols.length);
        for (int i = symbols.length - 1; i >= 0; i--) {
            int cell = symbols[i] >>> 2;
            int fc = tables.freqCum[tables.row[cell / alphabet] * alphabet + cell % alphabet];
            rans.put(symbols[i] & 3, fc & 0xFFFF, fc >>> 16, model.pixels.scaleBits);
        }
        byte[] coded = rans.finish();
        ByteSink out = new ByteSink(coded.length + raw.length + 8);
        out.varint(coded.length);
        out.bytes(coded, 0, coded.length);
        out.bytes(raw, 0, raw.length);
        return out.toByteArray();
    }
}
