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
        state[lane] = ((x / freq) << scaleBits) + (x % freq) + start;
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
