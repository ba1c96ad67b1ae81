package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/**
 * Serialises one frequency table: varint count of symbols with non-zero frequency, then for each, in increasing
 * symbol order, varint (symbol - previous symbol - 1) and varint (frequency - 1).
 */
final class TableCodec {
    private TableCodec() {
    }

    static void write(ByteSink out, FrequencyTable t) {
        int used = 0;
        for (int f : t.freq) {
            used += f > 0 ? 1 : 0;
        }
        out.varint(used);
        int previous = -1;
        for (int s = 0; s < t.freq.length; s++) {
            if (t.freq[s] > 0) {
                out.varint(s - previous - 1).varint(t.freq[s] - 1L);
                previous = s;
            }
        }
    }

    static FrequencyTable read(ByteSource in, int alphabet, int scaleBits, String what) {
        long at = in.position();
        int total = 1 << scaleBits;
        int used = in.varint(what + " symbol count", alphabet);
        if (used == 0) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, at, what + ": frequency table without symbols");
        }
        int[] freq = new int[alphabet];
        int symbol = -1;
        long sum = 0;
        for (int i = 0; i < used; i++) {
            symbol += 1 + in.varint(what + " symbol step", alphabet);
            if (symbol >= alphabet) {
                throw new CorruptInputException(ErrorCode.BAD_MODEL, in.position(),
                        what + ": symbol " + symbol + " outside the alphabet of " + alphabet);
            }
            freq[symbol] = 1 + in.varint(what + " frequency", total - 1);
            sum += freq[symbol];
        }
        if (sum != total) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, at,
                    what + ": frequencies sum to " + sum + ", not to the table total " + total);
        }
        return new FrequencyTable(scaleBits, java.util.Arrays.copyOf(freq, symbol + 1));
    }
}
