package org.stemz.codec;

/**
 * Interleaved rANS encoder. Symbols are fed in reverse coding order (last first); {@link #finish()} returns
 * the stream the decoder reads forwards: four 32-bit little-endian final states, then 16-bit little-endian words.
 */
final class RansEncoder {
    private final long[] state = new long[Rans.STATES];
    private char[] words;
    private int pos;

    RansEncoder(int expectedSymbols) {
        words = new char[Math.max(64, expectedSymbols / 2 + 16)];
        pos = words.length;
        java.util.Arrays.fill(state, Rans.L);
    }

    /** Encodes a symbol with frequency {@code freq} and cumulative start {@code start} into state {@code lane}. */
    void put(int lane, int start, int freq, int scaleBits) {
        long x = state[lane];
        long xmax = (long) freq << (32 - scaleBits);
        if (x >= xmax) {
            if (pos == 0) {
                grow();
            }
            words[--pos] = (char) x;
            x >>>= 16;
        }
        long q = quotient(x, freq);
        state[lane] = (q << scaleBits) + (x - q * freq) + start;
    }

    /**
     * x / freq for 0 <= x < 2^32 and 1 <= freq <= 2^14, by a multiplication (a 64-bit division takes tens of
     * cycles). The rounded product is off only where x is a multiple of freq, and then at most one below: one
     * correction step.
     */
    static long quotient(long x, int freq) {
        long q = (long) (x * RECIPROCAL[freq]);
        return q + (~(x - q * freq - freq) >>> 63); // + 1 if the remainder is still freq or more
    }

    /** 1.0 / freq for every frequency a table can hold (14-bit tables at most, version 1 float modes). */
    private static final double[] RECIPROCAL = new double[(1 << 14) + 1];

    static {
        for (int f = 1; f < RECIPROCAL.length; f++) {
            RECIPROCAL[f] = 1.0 / f;
        }
    }

    private void grow() {
        char[] bigger = new char[words.length * 2];
        int used = words.length - pos;
        System.arraycopy(words, pos, bigger, bigger.length - used, used);
        pos = bigger.length - used;
        words = bigger;
    }

    byte[] finish() {
        int used = words.length - pos;
        byte[] out = new byte[Rans.STATES * 4 + used * 2];
        int o = 0;
        for (long s : state) {
            for (int b = 0; b < 4; b++) {
                out[o++] = (byte) (s >>> (8 * b));
            }
        }
        for (int i = pos; i < words.length; i++) {
            out[o++] = (byte) words[i];
            out[o++] = (byte) (words[i] >>> 8);
        }
        return out;
    }
}
