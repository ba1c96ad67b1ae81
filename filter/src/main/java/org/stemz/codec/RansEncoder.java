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

    private static final java.lang.invoke.VarHandle LE16 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * Codes the first {@code count} of a chunk's symbols, each {@code cell << 2 | state} with {@code cell = context << alphabetBits | token},
     * with the tables {@code row} (table number of each context) and {@code freqCum} (per table number and token
     * freq << 16 | cum), and returns the chunk payload: varint length of the rANS stream, the stream, then
     * {@code raw}. The same stream as {@link #put} and {@link #finish}, in one buffer: each step writes at most
     * one 16-bit word, so the words go backwards into room sized for one per symbol, with no growth checks, and
     * the states and output position stay in local variables.
     */
    static byte[] encodeChunk(int[] symbols, int count, int[] row, int[] freqCum, int alphabetBits, int scaleBits, byte[] raw) {
        int tokenMask = (1 << alphabetBits) - 1;
        int renormShift = 32 - scaleBits;
        int end = Rans.STATES * 4 + 2 * count;
        byte[] buf = new byte[end];
        int pos = end;
        long[] state = {Rans.L, Rans.L, Rans.L, Rans.L};
        for (int i = count - 1; i >= 0; i--) {
            int s = symbols[i];
            int cell = s >>> 2;
            int fc = freqCum[row[cell >>> alphabetBits] << alphabetBits | cell & tokenMask];
            int freq = fc >>> 16;
            if (freq == 0) { // the caller chose a model that cannot code this chunk: never write garbage
                throw new IllegalStateException("token " + (cell & tokenMask) + " in context "
                        + (cell >>> alphabetBits) + " has no frequency in the model");
            }
            int lane = s & (Rans.STATES - 1);
            long x = state[lane];
            if (x >= (long) freq << renormShift) {
                pos -= 2;
                LE16.set(buf, pos, (short) x);
                x >>>= 16;
            }
            long q = quotient(x, freq);
            state[lane] = (q << scaleBits) + (x - q * freq) + (fc & 0xFFFF);
        }
        for (int k = Rans.STATES - 1; k >= 0; k--) {
            pos -= 4;
            LE32.set(buf, pos, (int) state[k]);
        }
        int coded = end - pos;
        return new ByteSink(ByteSink.varintBytes(coded) + coded + raw.length)
                .varint(coded).bytes(buf, pos, coded).bytes(raw).toByteArray();
    }

    /**
     * x / freq for 0 <= x < 2^32 and 1 <= freq <= 2^14, by one 64 x 64-bit multiplication (a 64-bit division takes
     * tens of cycles, the double-precision reciprocal and its correction step about twenty on the chain from one
     * rANS state to the next). Exact: with R = ceil(2^62 / freq), 4x * R / 2^64 = x / freq + e where 0 <= e < x /
     * 2^62 < 2^-30, and x / freq is at most 1 - 1/freq >= 2^-14 below the next integer.
     */
    static long quotient(long x, int freq) {
        return Math.multiplyHigh(x << 2, RECIPROCAL[freq]);
    }

    /** ceil(2^62 / freq) for every frequency a table can hold (14-bit tables at most, version 1 float modes). */
    private static final long[] RECIPROCAL = new long[(1 << 14) + 1];

    static {
        for (int f = 1; f < RECIPROCAL.length; f++) {
            RECIPROCAL[f] = ((1L << 62) + f - 1) / f;
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
