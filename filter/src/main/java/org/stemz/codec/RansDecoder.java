package org.stemz.codec;

import org.stemz.ErrorCode;
import org.stemz.CorruptInputException;

/** Interleaved rANS decoder over a byte range; see {@link RansEncoder} for the layout. */
final class RansDecoder {
    private static final java.lang.invoke.VarHandle LE16 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    // package-private for BandLoop, which keeps them in local variables through its hot loop
    final byte[] in;
    final int end;
    private final long baseOffset;
    int pos;
    final long[] state = new long[Rans.STATES];

    RansDecoder(byte[] in, int offset, int length, long baseOffset) {
        this.in = in;
        this.end = offset + length;
        this.baseOffset = baseOffset;
        if (length < Rans.STATES * 4 || (length & 1) != 0) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, baseOffset + offset,
                    "rANS stream of " + length + " bytes: needs 16 bytes of states and whole 16-bit words");
        }
        int p = offset;
        for (int i = 0; i < Rans.STATES; i++) {
            long s = (in[p] & 0xFFL) | (in[p + 1] & 0xFFL) << 8 | (in[p + 2] & 0xFFL) << 16 | (in[p + 3] & 0xFFL) << 24;
            if (s < Rans.L) {
                throw new CorruptInputException(ErrorCode.BAD_CHUNK, baseOffset + p, "rANS state below its lower bound");
            }
            state[i] = s;
            p += 4;
        }
        pos = p;
    }

    /** Decodes one symbol from state {@code lane} with table {@code d}. */
    int get(int lane, FrequencyTable.Decoding d, int scaleBits) {
        long x = state[lane];
        int slot = (int) x & ((1 << scaleBits) - 1);
        int info = d.info[slot];
        state[lane] = renormalize((info >>> 16) * (x >>> scaleBits) + (info & 0xFFFF));
        return d.symbol[slot];
    }

    /** Decodes one INT-mode symbol from state {@code lane}; {@code row} locates the context's packed slots. */
    int getPacked(int lane, int[] entries, int row) {
        long x = state[lane];
        int slot = (int) x & 0xFFF;
        int e = entries[row + slot];
        state[lane] = renormalize((e >>> 19) * (x >>> 12) + ((e >>> 7) & 0xFFF));
        return e & 0x7F;
    }

    /** Moves state {@code lane} past the symbol at {@code slot}, whose table entry is freq << 16 | cum. */
    void advance(int lane, int slot, int freqCum, int scaleBits) {
        state[lane] = renormalize((freqCum >>> 16) * (state[lane] >>> scaleBits) + slot - (freqCum & 0xFFFF));
    }

    /**
     * Decodes one float-mode symbol from state {@code lane} with the two-byte slot tables of {@link Model.ShortSlots}
     * and an alphabet of 2^{@code alphabetBits}: {@code row} is the context's table number.
     */
    int getShortSlot(int lane, short[] symbols, int[] freqCum, int row, int alphabetBits) {
        long x = state[lane];
        int slot = (int) x & 0xFFF;
        int s = symbols[(row << 12) + slot];
        int fc = freqCum[(row << alphabetBits) + s];
        state[lane] = renormalize((fc >>> 16) * (x >>> 12) + slot - (fc & 0xFFFF));
        return s;
    }

    /**
     * Branch-free renormalisation (the branch would be unpredictable): always load the next word, use it only when
     * the state fell below L. Loads are clamped inside the stream; over-reading is caught by checkFinished.
     */
    private long renormalize(long x) {
        int need = (int) ((x - Rans.L) >>> 63);
        long word = (short) LE16.get(in, Math.min(pos, end - 2)) & 0xFFFF;
        pos += need << 1;
        return (x << (need << 4)) | (word & -need);
    }

    /** Checks that every state returned to its initial value and every word was consumed. */
    void checkFinished() {
        for (long s : state) {
            if (s != Rans.L) {
                throw new CorruptInputException(ErrorCode.BAD_CHUNK, baseOffset + pos, "rANS final state mismatch");
            }
        }
        if (pos != end) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, baseOffset + Math.min(pos, end), pos < end
                    ? (end - pos) + " unused bytes at the end of the rANS stream" : "rANS stream ends early");
        }
    }
}
