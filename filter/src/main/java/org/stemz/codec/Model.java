package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/** The complete model: per-pixel statistics and one frequency table per coding context used. */
public final class Model {
    final PixelModel pixels;
    final FrequencyTable[] tables;
    private volatile FrequencyTable.Decoding[] decodings;

    Model(PixelModel pixels, FrequencyTable[] tables) {
        this.pixels = pixels;
        this.tables = tables;
    }

    /** Builds the tables from {@code counts[context * alphabet + token]} gathered over all chunks. */
    public static Model fromCounts(PixelModel pixels, long[] counts) {
        CodingMode mode = pixels.mode;
        FrequencyTable[] tables = new FrequencyTable[mode.contexts];
        long[] row = new long[mode.alphabet];
        for (int c = 0; c < mode.contexts; c++) {
            System.arraycopy(counts, c * mode.alphabet, row, 0, mode.alphabet);
            boolean used = false;
            for (long v : row) {
                used |= v != 0;
            }
            if (used) {
                tables[c] = FrequencyTable.normalize(row, mode.scaleBits);
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

    static CorruptInputException missingTable(int context) {
        return new CorruptInputException(ErrorCode.BAD_CHUNK, -1, "sample in context " + context
                + ", which has no frequency table in the model");
    }
}
