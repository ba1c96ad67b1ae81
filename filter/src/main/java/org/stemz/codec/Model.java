package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/** The complete model: per-pixel statistics and one frequency table per coding context used. */
public final class Model {
    final PixelModel pixels;
    final FrequencyTable[] tables;
    private volatile FrequencyTable.Decoding[] decodings;
    private volatile PackedSlots packedSlots;

    /**
     * INT-mode decoding tables in one array: entry (row[context] + slot) packs freq << 19 | (slot - cum) << 7 |
     * symbol, so a decode step needs one table load. Contexts without a table map to row 0, all zeros: a stream
     * that uses one collapses its rANS state and fails the final-state check.
     */
    static final class PackedSlots {
        final int[] row;
        final int[] entries;

        PackedSlots(int[] row, int[] entries) {
            this.row = row;
            this.entries = entries;
        }
    }

    /**
     * INT-mode decoding tables, compact so the tables of all contexts stay in the core's cache: per context a row
     * of 2^12 one-byte symbols by slot, and per (context, symbol) freq << 16 | cum. Contexts without a table map
     * to row 0, all symbol 0 with frequency 0: a stream that uses one collapses its rANS state and fails the
     * final-state check.
     */
    static final class ByteSlots {
        final int[] row;
        final byte[] symbols;
        final int[] freqCum;

        ByteSlots(int[] row, byte[] symbols, int[] freqCum) {
            this.row = row;
            this.symbols = symbols;
            this.freqCum = freqCum;
        }
    }

    private volatile ByteSlots byteSlots;

    ByteSlots byteSlots() {
        ByteSlots b = byteSlots;
        if (b == null) {
            byte[] symbols = new byte[(tableCount() + 1) << pixels.scaleBits];
            int[] freqCum = new int[(tableCount() + 1) * pixels.mode.alphabet];
            int[] row = slotRows(freqCum, (from, to, s) -> java.util.Arrays.fill(symbols, from, to, (byte) s));
            b = new ByteSlots(row, symbols, freqCum);
            byteSlots = b;
        }
        return b;
    }

    /** Version 2 float-mode decoding tables: as {@link ByteSlots} with two-byte symbols (alphabets of 2^11, 2^12). */
    static final class ShortSlots {
        final int[] row;
        final short[] symbols;
        final int[] freqCum;

        ShortSlots(int[] row, short[] symbols, int[] freqCum) {
            this.row = row;
            this.symbols = symbols;
            this.freqCum = freqCum;
        }
    }

    private volatile ShortSlots shortSlots;

    ShortSlots shortSlots() {
        ShortSlots b = shortSlots;
        if (b == null) {
            short[] symbols = new short[(tableCount() + 1) << pixels.scaleBits];
            int[] freqCum = new int[(tableCount() + 1) * pixels.mode.alphabet];
            int[] row = slotRows(freqCum, (from, to, s) -> java.util.Arrays.fill(symbols, from, to, (short) s));
            b = new ShortSlots(row, symbols, freqCum);
            shortSlots = b;
        }
        return b;
    }

    /**
     * Version 2 FLOAT32 decoding tables, compact enough for the core's L2 cache (si110_empad: 0.3 MB instead of
     * the 0.8 MB of {@link ShortSlots}): a table's slots hold one-byte indices into the at most 256 symbols it
     * uses, and per (table, index) two ints, freq << 16 | cum and the symbol. {@code pixelTable} is each pixel's
     * table number (from its context, which in float modes depends on the pixel alone).
     */
    static final class FloatSlots {
        static final int MAX_USED = 256;
        final int[] pixelTable;
        final byte[] local;
        final int[] entries;

        FloatSlots(int[] pixelTable, byte[] local, int[] entries) {
            this.pixelTable = pixelTable;
            this.local = local;
            this.entries = entries;
        }
    }

    private volatile FloatSlots floatSlots;
    /** Cached in place of the tables when a table uses too many symbols, so that is found out once per model. */
    private static final FloatSlots TOO_MANY_SYMBOLS = new FloatSlots(null, null, null);

    /**
     * The compact FLOAT32 tables, or null when a table uses more than {@link FloatSlots#MAX_USED} symbols (the
     * decoder then takes {@link #shortSlots()}). Throws as the decoder would if a pixel's context has no table.
     */
    FloatSlots floatSlots() {
        FloatSlots f = floatSlots;
        if (f == TOO_MANY_SYMBOLS) {
            return null;
        }
        if (f == null) {
            int[] pixelTable = new int[pixels.pixels()];
            int[] row = new int[tables.length];
            int next = 1;
            for (int c = 0; c < tables.length; c++) {
                row[c] = tables[c] == null ? 0 : next++;
                if (tables[c] != null && usedSymbols(tables[c]) > FloatSlots.MAX_USED) {
                    floatSlots = TOO_MANY_SYMBOLS;
                    return null;
                }
            }
            for (int p = 0; p < pixelTable.length; p++) {
                pixelTable[p] = row[pixels.contextBase[p]];
                if (pixelTable[p] == 0) {
                    throw missingTable(pixels.contextBase[p]);
                }
            }
            int slots = 1 << pixels.scaleBits;
            byte[] local = new byte[next * slots];
            int[] entries = new int[next * 2 * FloatSlots.MAX_USED];
            for (int c = 0; c < tables.length; c++) {
                FrequencyTable t = tables[c];
                if (t == null) {
                    continue;
                }
                int i = 0;
                for (int s = 0; s < t.freq.length; s++) {
                    if (t.freq[s] != 0) {
                        int first = row[c] * slots;
                        java.util.Arrays.fill(local, first + t.cum[s], first + t.cum[s + 1], (byte) i);
                        entries[2 * (row[c] * FloatSlots.MAX_USED + i)] = t.freq[s] << 16 | t.cum[s];
                        entries[2 * (row[c] * FloatSlots.MAX_USED + i) + 1] = s;
                        i++;
                    }
                }
            }
            f = new FloatSlots(pixelTable, local, entries);
            floatSlots = f;
        }
        return f;
    }

    private static int usedSymbols(FrequencyTable t) {
        int n = 0;
        for (int freq : t.freq) {
            n += freq != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Encoding tables in flat arrays (a symbol's frequency and start in two loads instead of five through the
     * table objects): table number n of every context, and per (n, token) freq << 16 | cum. A context without a
     * table maps to table 0, all zeros: the encoder only codes symbols the model was learnt from.
     */
    static final class EncodingTables {
        final int[] row;
        final int[] freqCum;

        EncodingTables(int[] row, int[] freqCum) {
            this.row = row;
            this.freqCum = freqCum;
        }
    }

    private volatile EncodingTables encodingTables;

    EncodingTables encodingTables() {
        EncodingTables e = encodingTables;
        if (e == null) {
            int[] freqCum = new int[(tableCount() + 1) * pixels.mode.alphabet];
            int[] row = slotRows(freqCum, (from, to, s) -> { }); // the decoder's layout, without its slots
            e = new EncodingTables(row, freqCum);
            encodingTables = e;
        }
        return e;
    }

    /** Stores the symbol of slots [from, to) of a version-2 slot table. */
    private interface SlotFill {
        void fill(int from, int to, int symbol);
    }

    /**
     * Lays out version-2 slot tables: table number n (1, 2, ... for the contexts that have a table; 0 for the
     * others) owns slots [n << scaleBits, (n + 1) << scaleBits) and freqCum entries [n * alphabet, (n + 1) *
     * alphabet). Fills both and returns the table number of every context.
     */
    private int[] slotRows(int[] freqCum, SlotFill fill) {
        int slots = 1 << pixels.scaleBits;
        int alphabet = pixels.mode.alphabet;
        int[] row = new int[tables.length];
        int next = 1;
        for (int c = 0; c < tables.length; c++) {
            FrequencyTable t = tables[c];
            if (t != null) {
                row[c] = next;
                for (int s = 0; s < t.freq.length; s++) {
                    fill.fill(next * slots + t.cum[s], next * slots + t.cum[s + 1], s);
                    freqCum[next * alphabet + s] = t.freq[s] << 16 | t.cum[s];
                }
                next++;
            }
        }
        return row;
    }

    Model(PixelModel pixels, FrequencyTable[] tables) {
        this.pixels = pixels;
        this.tables = tables;
    }

    /**
     * Builds the tables from {@code counts[context * alphabet + token]} gathered over all chunks. Version 2 INT
     * models take the smallest table precision (12, 11 or 10 bits) that codes the counts in at most 0.25% more bits
     * than 12: halving the precision halves the decoder's slot tables, and one that fits the core's L2 cache
     * decodes dense frames faster (srtio3_merlin: 1.4x with 10-bit tables, measured).
     */
    public static Model fromCounts(PixelModel pixels, long[] counts) {
        if (!pixels.allowsSmallScale()) {
            return withScale(pixels, counts);
        }
        Model best = withScale(pixels.withScaleBits(PixelModel.V2_SCALE_BITS), counts);
        double budget = best.codedBits(counts) * 1.0025;
        for (int bits = PixelModel.V2_SCALE_BITS - 1; bits >= PixelModel.V2_MIN_INT_SCALE_BITS; bits--) {
            Model smaller = withScale(pixels.withScaleBits(bits), counts);
            if (smaller.codedBits(counts) > budget) {
                break;
            }
            best = smaller;
        }
        return best;
    }

    private static Model withScale(PixelModel pixels, long[] counts) {
        CodingMode mode = pixels.mode;
        FrequencyTable[] tables = new FrequencyTable[pixels.tableContexts()];
        long[] row = new long[mode.alphabet];
        for (int c = 0; c < tables.length; c++) {
            System.arraycopy(counts, c * mode.alphabet, row, 0, mode.alphabet);
            boolean used = false;
            for (long v : row) {
                used |= v != 0;
            }
            if (used) {
                tables[c] = FrequencyTable.normalize(row, pixels.scaleBits);
            }
        }
        return new Model(pixels, tables);
    }

    public PixelModel pixels() {
        return pixels;
    }

    public CodingMode mode() {
        return pixels.mode;
    }

    /** Number of contexts that have a table. */
    public int tableCount() {
        int n = 0;
        for (FrequencyTable t : tables) {
            n += t == null ? 0 : 1;
        }
        return n;
    }

    /**
     * Bits the chunks would take when coded with this model, from the counts it was built from: the rANS code
     * length of every (context, token) pair plus its raw bits. What the encoder compares candidate models by.
     */
    public double codedBits(long[] counts) {
        CodingMode mode = pixels.mode;
        // StrictMath: the same choice, hence the same archive, on every platform
        double ln2 = StrictMath.log(2);
        double bits = 0;
        for (int c = 0; c < tables.length; c++) {
            if (tables[c] == null) {
                continue;
            }
            for (int t = 0; t < mode.alphabet; t++) {
                long n = counts[c * mode.alphabet + t];
                if (n != 0) {
                    double codeBits = pixels.scaleBits - StrictMath.log(tables[c].freq[t]) / ln2;
                    int rawBits = mode == CodingMode.INT ? CodingMode.intRawBits(t) : mode.rawBitsOfFloat();
                    bits += n * (codeBits + rawBits);
                }
            }
        }
        return bits;
    }

    /** Whether every (context, token) pair counted in {@code counts} has a non-zero frequency in this model. */
    public boolean covers(long[] counts) {
        CodingMode mode = pixels.mode;
        for (int c = 0; c < tables.length; c++) {
            FrequencyTable t = tables[c];
            for (int s = 0; s < mode.alphabet; s++) {
                if (counts[c * mode.alphabet + s] != 0 && (t == null || s >= t.freq.length || t.freq[s] == 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Decoding tables by context (null where the model has no table), built once per model. */
    FrequencyTable.Decoding[] decodings() {
        FrequencyTable.Decoding[] d = decodings;
        if (d == null) {
            d = new FrequencyTable.Decoding[tables.length];
            for (int c = 0; c < tables.length; c++) {
                d[c] = tables[c] == null ? null : tables[c].decoding();
            }
            decodings = d;
        }
        return d;
    }

    PackedSlots packedSlots() {
        PackedSlots p = packedSlots;
        if (p == null) {
            int slots = 1 << pixels.scaleBits;
            int[] row = new int[tables.length];
            int[] entries = new int[(tableCount() + 1) * slots];
            int next = slots;
            for (int c = 0; c < tables.length; c++) {
                if (tables[c] != null) {
                    row[c] = next;
                    FrequencyTable t = tables[c];
                    for (int s = 0; s < t.freq.length; s++) {
                        for (int slot = t.cum[s]; slot < t.cum[s + 1]; slot++) {
                            entries[next + slot] = t.freq[s] << 19 | (slot - t.cum[s]) << 7 | s;
                        }
                    }
                    next += slots;
                }
            }
            p = new PackedSlots(row, entries);
            packedSlots = p;
        }
        return p;
    }

    static CorruptInputException missingTable(int context) {
        return new CorruptInputException(ErrorCode.BAD_CHUNK, -1, "sample in context " + context
                + ", which has no frequency table in the model");
    }
}
