package org.stemz;

import org.stemz.codec.CodingMode;
import org.stemz.codec.PixelModel;

/**
 * Counts for the tables of a one-pass writer's model, which must go on coding chunks it has not seen: a table
 * needs a frequency for every symbol it codes, and a chunk's tables learned from that chunk alone miss, in
 * every later chunk, a few hundred symbols out of millions (one token above the largest seen in a quiet
 * context, a context just beside the ones seen). Each such symbol would cost a whole new model in the chunk, so
 * the writer gives those nearby symbols a count of 1: a frequency of 1 in 2^10 to 2^12 each, a negligible cost
 * to the symbols counted.
 */
final class TableSmoothing {
    /**
     * INT: the tokens of offsets up to twice the largest seen plus this many get a count (measured: one token
     * beyond the largest left au_particle_dectris needing 3 more models, +4.0% against +0.5%; each token of
     * count 1 costs the sparse graphene_lowdose_merlin about 0.1%).
     */
    private static final int INT_TOKENS_BEYOND = 3;
    /** Contexts past the first and last seen (of a block) that get a table. */
    private static final int CONTEXTS_BEYOND = 4;
    /** Float tokens either side of the range seen (per sign) that get a count. */
    private static final int FLOAT_TOKENS_BEYOND = 2;
    /** INT-mode tables come in blocks of 512 contexts, one block per kind of symbol. */
    private static final int INT_CONTEXT_BLOCK = 512;

    private TableSmoothing() {
    }

    /** {@code counts} of {@code pm}'s (table, token) cells with the nearby unseen symbols given a count of 1. */
    static long[] smoothed(PixelModel pm, long[] counts) {
        int tables = pm.tableContexts();
        int alphabet = pm.tableCells() / tables;
        long[] out = counts.clone();
        if (pm.mode() == CodingMode.INT) {
            int[] last = lastTokens(counts, tables, alphabet);
            for (int block = 0; block + INT_CONTEXT_BLOCK <= tables; block += INT_CONTEXT_BLOCK) {
                fillContexts(out, last, block, INT_CONTEXT_BLOCK, alphabet);
            }
        } else {
            int half = alphabet / 2;
            for (int c = 0; c < tables; c++) {
                fillRange(out, counts, c * alphabet, half);
                fillRange(out, counts, c * alphabet + half, half);
            }
        }
        return out;
    }

    /** Per table the largest token counted, or -1. */
    private static int[] lastTokens(long[] counts, int tables, int alphabet) {
        int[] last = new int[tables];
        for (int c = 0; c < tables; c++) {
            last[c] = -1;
            for (int t = alphabet - 1; t >= 0; t--) {
                if (counts[c * alphabet + t] != 0) {
                    last[c] = t;
                    break;
                }
            }
        }
        return last;
    }

    /**
     * INT: in the tables {@code [block, block + size)}, from the first seen less {@link #CONTEXTS_BEYOND} to the
     * last seen plus as many, tokens 0 to that of (2 x the largest offset of the table, or of the nearest table
     * seen) + {@link #INT_TOKENS_BEYOND}.
     */
    private static void fillContexts(long[] out, int[] last, int block, int size, int alphabet) {
        int first = -1;
        int end = -1;
        for (int c = block; c < block + size; c++) {
            if (last[c] >= 0) {
                first = first < 0 ? c : first;
                end = c;
            }
        }
        if (first < 0) {
            return;
        }
        for (int c = Math.max(block, first - CONTEXTS_BEYOND); c <= Math.min(block + size - 1, end + CONTEXTS_BEYOND); c++) {
            long reach = 2 * largestOffset(nearestLast(last, c, block, size)) + INT_TOKENS_BEYOND;
            int top = Math.min(alphabet - 1, intTokenOf(reach));
            for (int t = 0; t <= top; t++) {
                if (out[c * alphabet + t] == 0) {
                    out[c * alphabet + t] = 1;
                }
            }
        }
    }

    /** The INT token of offset u (format-spec: below 16 the offset itself, then 4 tokens an octave). */
    static int intTokenOf(long u) {
        if (u < 16) {
            return (int) u;
        }
        int e = 63 - Long.numberOfLeadingZeros(u);
        return 16 + ((e - 4) << 2) + (int) ((u >>> (e - 2)) & 3);
    }

    /** The largest offset INT token t stands for. */
    static long largestOffset(int t) {
        if (t < 16) {
            return t;
        }
        int raw = ((t - 16) >> 2) + 2;
        return ((4L | ((t - 16) & 3)) << raw) + (1L << raw) - 1;
    }

    private static int nearestLast(int[] last, int c, int block, int size) {
        for (int d = 0; d < size; d++) {
            if (c - d >= block && last[c - d] >= 0) {
                return last[c - d];
            }
            if (c + d < block + size && last[c + d] >= 0) {
                return last[c + d];
            }
        }
        return -1;
    }

    /** Floats: in one sign's half of a table that was seen, the tokens around the range seen. */
    private static void fillRange(long[] out, long[] counts, int from, int size) {
        int first = -1;
        int end = -1;
        for (int t = 0; t < size; t++) {
            if (counts[from + t] != 0) {
                first = first < 0 ? t : first;
                end = t;
            }
        }
        if (first < 0) {
            return;
        }
        for (int t = Math.max(0, first - FLOAT_TOKENS_BEYOND); t <= Math.min(size - 1, end + FLOAT_TOKENS_BEYOND); t++) {
            if (out[from + t] == 0) {
                out[from + t] = 1;
            }
        }
    }
}
