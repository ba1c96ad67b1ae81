package org.stemz.codec;

/**
 * Codes the frames of one chunk with a model. Frame-major order (frame by frame, row by row, in pairs of frames)
 * so the decoder writes its output sequentially and each sample's context can use its already-decoded neighbours
 * in the same frame.
 */
public final class ChunkEncoder {
    private ChunkEncoder() {
    }

    /** Symbols of a chunk before entropy coding, in coded order, and the raw bits. */
    public static final class Analysis {
        /**
         * Per symbol {@code (context * alphabet + token) << 2 | state}: its cell of the (context, token) count
         * array and the rANS state that codes it, so counting and coding read one int per symbol.
         */
        final int[] symbols;
        /** Symbols in {@link #symbols} (the array may be longer: sized once for the most a chunk can emit). */
        final int count;
        final byte[] raw;

        Analysis(int[] symbols, int count, byte[] raw) {
            this.symbols = symbols;
            this.count = count;
            this.raw = raw;
        }
    }

    // Coding order: frames are coded in pairs, alternating pixel by pixel between the two frames of a pair, so
    // the decoder runs two independent dependency chains (a context needs the left neighbour's value); a last
    // unpaired frame is coded alone. Symbol k of the chunk uses rANS state k mod 4.

    /** Computes contexts, tokens and raw bits of {@code frames} frames stored from byte {@code offset}. */
    public static Analysis analyse(PixelModel pm, SampleFormat format, byte[] src, int offset, int frames) {
        if (pm.version >= 2 && pm.mode == CodingMode.INT) {
            return BandAnalysis.analyse(pm, format, src, offset, frames);
        }
        int pixels = pm.pixels();
        int n = frames * pixels;
        long[] u = new long[n];
        format.read(src, offset, u, 0, n);
        int[] sym = new int[n];
        long[] ordered = new long[n]; // the offsets (INT) or bit patterns in coding order, for the raw bits
        CodingMode mode = pm.mode;
        int alphabet = mode.alphabet;
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
                        int c = Contexts.intContext(pm.contextBase, u, frame, y, x, pm.width, limit);
                        sym[at] = (c * alphabet + CodingMode.intToken(u[frame + p])) << 2 | at & (Rans.STATES - 1);
                        ordered[at] = u[frame + p];
                    }
                }
            } else {
                for (int p = 0; p < pixels; p++) {
                    int at = first + step * p;
                    int token = (int) (u[frame + p] >>> rawBits);
                    sym[at] = (pm.contextBase[p] * alphabet + token) << 2 | at & (Rans.STATES - 1);
                    ordered[at] = u[frame + p];
                }
            }
        }
        BitWriter raw = new BitWriter(n);
        if (mode == CodingMode.INT) {
            for (int i = 0; i < n; i++) {
                int bits = CodingMode.intRawBits((sym[i] >>> 2) & (alphabet - 1));
                if (bits != 0) {
                    raw.write(ordered[i], bits);
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                raw.writeLong(ordered[i], rawBits);
            }
        }
        return new Analysis(sym, n, raw.finish());
    }

    /** Adds the (context, token) pairs of a chunk to {@code counts[context * alphabet + token]}. */
    public static void count(Analysis a, long[] counts) {
        int[] symbols = a.symbols;
        for (int i = 0; i < a.count; i++) {
            counts[symbols[i] >>> 2]++;
        }
    }

    /** Entropy-codes an analysed chunk: varint length of the rANS stream, the rANS stream, the raw bits. */
    public static byte[] encode(Analysis a, Model model) {
        Model.EncodingTables tables = model.encodingTables();
        CodingMode mode = model.pixels.mode;
        return RansEncoder.encodeChunk(a.symbols, a.count, tables.row, tables.freqCum,
                Integer.numberOfTrailingZeros(mode.alphabet), model.pixels.scaleBits, a.raw);
    }
}
