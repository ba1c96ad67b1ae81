package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/**
 * Bounds-checked little-endian reader over a byte range. Every read past the end raises TRUNCATED with the file
 * offset, so parsers of untrusted input never see an ArrayIndexOutOfBoundsException.
 */
public final class ByteSource {
    private final byte[] buf;
    private final int end;
    private final long fileBase;
    private int pos;

    /** {@code fileBase} is the file offset of array index 0 (for error messages). */
    public ByteSource(byte[] buf, int offset, int length, long fileBase) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.fileBase = fileBase;
    }

    public ByteSource(byte[] buf) {
        this(buf, 0, buf.length, 0);
    }

    /** File offset of the next byte. */
    public long position() {
        return fileBase + pos;
    }

    public byte[] array() {
        return buf;
    }

    public int offsetInArray() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(long n, String what) {
        if (n > end - pos) {
            throw new CorruptInputException(ErrorCode.TRUNCATED, position(),
                    what + " needs " + n + " bytes, only " + (end - pos) + " left");
        }
    }

    public int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    public int u16(String what) {
        need(2, what);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public long u32(String what) {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (buf[pos + i] & 0xFFL) << (8 * i);
        }
        pos += 4;
        return v;
    }

    public long u64(String what) {
        long low = u32(what);
        return low | u32(what) << 32;
    }

    public long varint() {
        return varint("varint");
    }

    /** Unsigned LEB128 of at most 10 bytes. */
    public long varint(String what) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8(what);
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new CorruptInputException(ErrorCode.BAD_MODEL, position(), what + ": varint longer than 10 bytes");
    }

    /** A varint that must lie in [0, max]. */
    public int varint(String what, int max) {
        long at = position();
        long v = varint(what);
        if (v < 0 || v > max) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, at, what + " " + Long.toUnsignedString(v)
                    + " out of range [0, " + max + "]");
        }
        return (int) v;
    }

    public long zigzag(String what) {
        long v = varint(what);
        return (v >>> 1) ^ -(v & 1);
    }

    public byte[] bytes(int n, String what) {
        need(n, what);
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    public void skip(int n, String what) {
        need(n, what);
        pos += n;
    }
}
