package org.stemz.codec;

/** Writes raw bit fields least-significant bit first into little-endian bytes. */
final class BitWriter {
    private static final java.lang.invoke.VarHandle LE32 =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private byte[] out;
    private int pos;
    private long acc;
    private int bits;

    BitWriter(int expectedBytes) {
        out = new byte[Math.max(16, expectedBytes)];
    }

    /** Appends the low {@code n} bits of {@code value} (0 <= n <= 56). */
    void write(long value, int n) {
        acc |= (value & ((1L << n) - 1)) << bits;
        bits += n;
        if (bits >= 32) {
            if (pos + 4 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            LE32.set(out, pos, (int) acc);
            pos += 4;
            acc >>>= 32;
            bits -= 32;
        }
    }

    /** Writes a field of up to 64 bits. */
    void writeLong(long value, int n) {
        if (n > 32) {
            write(value, 32);
            write(value >>> 32, n - 32);
        } else {
            write(value, n);
        }
    }

    /** Flushes the last partial byte (zero padded) and returns the bytes. */
    byte[] finish() {
        byte[] result = java.util.Arrays.copyOf(out, pos + (bits + 7) / 8);
        for (int i = 0; i < (bits + 7) / 8; i++) {
            result[pos + i] = (byte) (acc >>> (8 * i));
        }
        return result;
    }
}
