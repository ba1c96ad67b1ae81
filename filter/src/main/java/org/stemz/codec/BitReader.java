package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/** Reads the fields written by {@link BitWriter}; reading past the end is reported as a corrupt chunk. */
final class BitReader {
    private static final java.lang.invoke.VarHandle LE64 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private final byte[] in;
    private final int start;
    private final int end;
    private final long baseOffset;
    // package-private for BandLoop, which keeps acc and bits in local variables through its hot loop
    private int pos;
    long acc;
    int bits;

    BitReader(byte[] in, int offset, int length, long baseOffset) {
        this.in = in;
        this.start = offset;
        this.pos = offset;
        this.end = offset + length;
        this.baseOffset = baseOffset;
    }

    /** Reads {@code n} bits, 0 <= n <= 32. */
    long read(int n) {
        if (bits < n) {
            refill(n);
        }
        long v = acc & ((1L << n) - 1);
        acc >>>= n;
        bits -= n;
        return v;
    }

    long readLong(int n) {
        if (n > 32) {
            long low = read(32);
            return low | read(n - 32) << 32;
        }
        return read(n);
    }

    /** Loads whole bytes into the accumulator until it holds at least {@code n} bits (or fails at the end). */
    void refill(int n) {
        if (pos + 8 <= end) {
            // Whole bytes from one 64-bit little-endian load; bits above them are masked off.
            int take = (63 - bits) >>> 3;
            int total = bits + 8 * take;
            acc |= ((long) LE64.get(in, pos) << bits) & ((1L << total) - 1);
            pos += take;
            bits = total;
            if (bits >= n) {
                return;
            }
        }
        while (bits <= 56 && pos < end) {
            acc |= (in[pos++] & 0xFFL) << bits;
            bits += 8;
        }
        if (bits < n) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, baseOffset + pos, "raw bit stream ends early");
        }
    }

    /** Checks that only zero padding (less than a byte) is left. */
    void checkFinished() {
        if (pos != end || bits >= 8 || acc != 0) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, baseOffset + pos,
                    "raw bit stream has " + ((end - pos) * 8 + bits) + " unread bits (consumed " + (pos - start)
                            + " of " + (end - start) + " bytes)");
        }
    }
}
