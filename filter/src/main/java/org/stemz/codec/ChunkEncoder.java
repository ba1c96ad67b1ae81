package org.stemz.codec;

/**
 * Codes the frames of one chunk with a model. Frame-major order (frame by frame, row by row, in pairs of frames)
 * so the decoder writes its output sequentially and each sample's context can use its already-decoded neighbours
 * in the same frame.
 */
public final class ChunkEncoder {
    private ChunkEncoder() {
    }

    /** Symbols of a chunk before entropy coding: per sample its context and token, and the raw bits. */
    public static final class Analysis {
        final short[] context;
        final short[] token;
        final byte[] raw;
        /** rANS state of each symbol (version 2 INT mode); null: symbol k uses state k mod 4. */
        final byte[] lane;

        Analysis(short[] context, short[] token, byte[] raw) {
            this(context, token, raw, null);
        }

        Analysis(short[] context, short[] token, byte[] raw, byte[] lane) {
            this.context = context;
            this.token = token;
            this.raw = raw;
            this.lane = lane;
        }
    }

    // Coding order: frames are coded in pairs, alternating pixel by pixel between the two frames of a pair, so
    // the decoder runs two independent dependency chains (a context needs the left neighbour's value); a last
    // unpaired frame is coded alone. Symbol k of the chunk uses rANS state k mod 4.

    /** Computes contexts, tokens and raw bits of {@code frames} frames stored from byte {@code offset}. */
    public static Analysis analyse(PixelModel pm, SampleFormat format, byte[] src, int offset, int frames) {
        if (pm.version >= 2 && pm.mode == CodingMode.INT) {
            return analyseBands(pm, format, src, offset, frames);
        }
        int pixels = pm.pixels();
        int n = frames * pixels;
        long[] u = new long[n];
        format.read(src, offset, u, 0, n);
        short[] ctx = new short[n];
        short[] tok = new short[n];
        long[] ordered = new long[n]; // the offsets (INT) or bit patterns in coding order, for the raw bits
        CodingMode mode = pm.mode;
        int rawBits = mode == CodingMode.INT ? 0 : mode.rawBitsOfFloat();
        int limit = mode.contexts - 1;
        for (int f = 0; f < frames; f++) {
            int frame = f * pixels;
            boolean paired = (f & 1) == 1 || f + 1 < frames;
            int first = (f & ~1) * pixels + (paired ? f & 1 : 0);
            int step = paired ? 2 : 1;
            if (mode == CodingMode.INT) {
                for (int p = 0; p < pixels; p++) {
                    u[frame + p] -= pm.base[p];
                }
                for (int y = 0, p = 0; y < pm.height; y++) {
                    for (int x = 0; x < pm.width; x++, p++) {
                        int at = first + step * p;
                        ctx[at] = (short) Contexts.intContext(pm.contextBase, u, frame, y, x, pm.width, limit);
                        tok[at] = (short) CodingMode.intToken(u[frame + p]);
                        ordered[at] = u[frame + p];
                    }
                }
            } else {
                for (int p = 0; p < pixels; p++) {
                    int at = first + step * p;
                    ctx[at] = (short) pm.contextBase[p];
                    tok[at] = (short) (u[frame + p] >>> rawBits);
                    ordered[at] = u[frame + p];
                }
            }
        }
        BitWriter raw = new BitWriter(n);
        if (mode == CodingMode.INT) {
            for (int i = 0; i < n; i++) {
                int bits = CodingMode.intRawBits(tok[i]);
                if (bits != 0) {
                    raw.write(ordered[i], bits);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                raw.writeLong(ordered[i], rawBits);
            }
        }
        return new Analysis(ctx, tok, raw.finish());
    }

    /**
     * Version 2, INT mode: frame after frame in the banded order of {@link CodedOrder}; constant pixels take no
     * symbol; a zero group takes a flag (1: its four offsets are all 0 and take no symbol) before its first pixel.
     */
    private static Analysis analyseBands(PixelModel pm, SampleFormat format, byte[] src, int offset, int frames) {
        int pixels = pm.pixels();
        int w = pm.width;
        int most = frames * (pixels + pixels / PixelModel.GROUP);
        short[] ctx = new short[most];
        short[] tok = new short[most];
        byte[] lane = new byte[most];
        BitWriter raw = new BitWriter(frames * pixels);
        int[] u = new int[pixels];
        short[] pixelCtx = new short[pixels];
        short[] groupCtx = new short[pixels];
        int[] order = pm.codedOrder();
        int frameBytes = pixels * format.type().size();
        int n = 0;
        boolean[] zeroGroup = new boolean[CodedOrder.BAND_ROWS];
        boolean[] earlierNonzero = new boolean[CodedOrder.BAND_ROWS];
        for (int f = 0; f < frames; f++) {
            format.readOffsets(src, offset + f * frameBytes, pm.base, u, pixels);
            // Contexts depend on the neighbours only, not on the order: compute them in raster order first.
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
                    ctx[n] = (short) (PixelModel.FLAG_TABLES + groupCtx[p]);
                    tok[n] = (short) (zeroGroup[k] ? 1 : 0);
                    lane[n++] = (byte) k;
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
                ctx[n] = (short) (tables + pixelCtx[p]);
                tok[n] = (short) t;
                lane[n++] = (byte) k;
                int bits = CodingMode.intRawBits(t);
                if (bits != 0) {
                    raw.write(value, bits);
                }
            }
        }
        return new Analysis(java.util.Arrays.copyOf(ctx, n), java.util.Arrays.copyOf(tok, n), raw.finish(),
                java.util.Arrays.copyOf(lane, n));
    }

    /**
     * Pixel contexts (0..511) of a frame of offsets, and the flag contexts of its zero-group starts; only where a
     * symbol needs one: not for constant pixels, nor for the pixels of a zero group that is all 0 (in the sparse
     * periphery that is most of the frame).
     */
    private static void rasterContexts(PixelModel pm, int[] u, short[] pixelCtx, short[] groupCtx) {
        int w = pm.width;
        int limit = pm.mode.contexts - 1;
        int[] cb = pm.contextBase;
        byte[] kind = pm.kind;
        for (int y = 0, p = 0; y < pm.height; y++) {
            for (int x = 0; x < w; x++, p++) {
                int kd = kind[p];
                if (kd == PixelModel.CONSTANT) {
                    continue;
                }
                long ns;
                if (y > 0 && x > 0 && x < w - 1) {
                    int up = p - w;
                    ns = (u[p - 1] & 0xFFFF_FFFFL) + (u[up - 1] & 0xFFFF_FFFFL) + (u[up] & 0xFFFF_FFFFL)
                            + (u[up + 1] & 0xFFFF_FFFFL);
                } else {
                    ns = Contexts.neighbourSum(u, y, x, w);
                }
                if ((kd & PixelModel.GROUP_START) != 0) {
                    groupCtx[p] = (short) Contexts.context(pm.groupBase[p], ns, limit);
                    if ((u[p] | u[p + 1] | u[p + 2] | u[p + 3]) == 0) {
                        x += PixelModel.GROUP - 1;
                        p += PixelModel.GROUP - 1;
                        continue;
                    }
                }
                if ((kd & PixelModel.CONSTANT) == 0) {
                    pixelCtx[p] = (short) Contexts.context(cb[p], ns, limit);
                }
            }
        }
    }

    /** Adds the (context, token) pairs of a chunk to {@code counts[context * alphabet + token]}. */
    public static void count(Analysis a, CodingMode mode, long[] counts) {
        for (int i = 0; i < a.context.length; i++) {
            counts[a.context[i] * mode.alphabet + a.token[i]]++;
        }
    }

    /** Entropy-codes an analysed chunk: varint length of the rANS stream, the rANS stream, the raw bits. */
    public static byte[] encode(Analysis a, Model model) {
        Model.EncodingTables tables = model.encodingTables();
        int scale = model.pixels.scaleBits;
        int alphabet = model.pixels.mode.alphabet;
        RansEncoder rans = new RansEncoder(a.context.length);
        for (int i = a.context.length - 1; i >= 0; i--) {
            int fc = tables.freqCum[tables.row[a.context[i]] * alphabet + a.token[i]];
            if (fc >>> 16 == 0) { // the caller chose a model that cannot code this chunk: never write garbage
                throw new IllegalStateException("token " + a.token[i] + " in context " + a.context[i]
                        + " has no frequency in the model");
            }
            rans.put(a.lane == null ? i & (Rans.STATES - 1) : a.lane[i], fc & 0xFFFF, fc >>> 16, scale);
        }
        byte[] coded = rans.finish();
        ByteSink out = new ByteSink(coded.length + a.raw.length + 8);
        out.varint(coded.length);
        out.bytes(coded, 0, coded.length);
        out.bytes(a.raw, 0, a.raw.length);
        return out.toByteArray();
    }
}
