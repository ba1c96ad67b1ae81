package org.stemz.codec;

import java.util.Arrays;

/** A growable little-endian byte buffer with LEB128 varints. */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("buffer over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public ByteSink u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteSink u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    public ByteSink u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    public ByteSink u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    /** Unsigned LEB128. */
    public ByteSink varint(long v) {
        while ((v & ~0x7FL) != 0) {
            u8((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        return u8((int) v);
    }

    /** Bytes {@link #varint} takes for {@code v}. */
    static int varintBytes(long v) {
        int bytes = 1;
        while ((v >>>= 7) != 0) {
            bytes++;
        }
        return bytes;
    }

    public ByteSink zigzag(long v) {
        return varint((v << 1) ^ (v >> 63));
    }

    public ByteSink bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteSink bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public int size() {
        return size;
    }

    /** Overwrites 4 bytes at {@code at} (for lengths and checksums known only later). */
    public void putU32(int at, long v) {
        for (int i = 0; i < 4; i++) {
            buf[at + i] = (byte) (v >>> (8 * i));
        }
    }

    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
