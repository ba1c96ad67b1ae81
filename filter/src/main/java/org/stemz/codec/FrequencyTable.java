package org.stemz.codec;

import java.util.Arrays;

/**
 * A static probability table for rANS: integer frequencies over a symbol alphabet that sum to 2^scaleBits.
 * Decoding tables are built on first use (encoders never need them).
 */
public final class FrequencyTable {
    final int scaleBits;
    final int[] freq;
    final int[] cum;
    private volatile Decoding decoding;

    /** Slot lookup for decoding: for each slot, the symbol and (freq << 16 | slot - cum). */
    static final class Decoding {
        final short[] symbol;
        final int[] info;

        Decoding(short[] symbol, int[] info) {
            this.symbol = symbol;
            this.info = info;
        }
    }

    FrequencyTable(int scaleBits, int[] freq) {
        this.scaleBits = scaleBits;
        this.freq = freq;
        this.cum = new int[freq.length + 1];
        for (int s = 0; s < freq.length; s++) {
            cum[s + 1] = cum[s] + freq[s];
        }
    }

    Decoding decoding() {
        Decoding d = decoding;
        if (d == null) {
            int total = 1 << scaleBits;
            short[] symbol = new short[total];
            int[] info = new int[total];
            for (int s = 0; s < freq.length; s++) {
                for (int slot = cum[s]; slot < cum[s + 1]; slot++) {
                    symbol[slot] = (short) s;
                    info[slot] = freq[s] << 16 | (slot - cum[s]);
                }
            }
            d = new Decoding(symbol, info);
            decoding = d;
        }
        return d;
    }

    /**
     * Scales counts to frequencies summing to 2^scaleBits; every symbol with a non-zero count keeps a frequency of at
     * least 1. Deterministic: the algorithm is part of the encoder only, decoders just check the sum.
     */
    public static FrequencyTable normalize(long[] counts, int scaleBits) {
        int total = 1 << scaleBits;
        int last = counts.length;
        while (last > 0 && counts[last - 1] == 0) {
            last--;
        }
        long sum = 0;
        int used = 0;
        for (int s = 0; s < last; s++) {
            sum += counts[s];
            used += counts[s] > 0 ? 1 : 0;
        }
        if (used == 0 || used > total) {
            throw new IllegalArgumentException("cannot normalise " + used + " symbols to " + total);
        }
        int[] freq = new int[last];
        int assigned = 0;
        int largest = -1;
        for (int s = 0; s < last; s++) {
            if (counts[s] > 0) {
                freq[s] = (int) Math.max(1, (counts[s] * total + sum / 2) / sum);
                assigned += freq[s];
                if (largest < 0 || counts[s] > counts[largest]) {
                    largest = s;
                }
            }
        }
        // Fix the rounding error: take from or give to the largest symbols, never below 1.
        while (assigned != total) {
            int diff = total - assigned;
            if (diff > 0 || freq[largest] + diff >= 1) {
                freq[largest] += diff;
                assigned = total;
            } else {
                int taken = freq[largest] - 1;
                freq[largest] = 1;
                assigned -= taken;
                largest = nextLargest(freq);
            }
        }
        return new FrequencyTable(scaleBits, freq);
    }

    private static int nextLargest(int[] freq) {
        int best = 0;
        for (int s = 1; s < freq.length; s++) {
            if (freq[s] > freq[best]) {
                best = s;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequencyTable t && t.scaleBits == scaleBits && Arrays.equals(t.freq, freq);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(freq) * 31 + scaleBits;
    }
}
