package org.stemz.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.stemz.DataType;

/**
 * Converts between stored element bytes and the long samples the coder works on: the integer value in INT mode
 * (floats cast exactly), the raw IEEE bit pattern in float modes. Both directions are bit-exact.
 */
public final class SampleFormat {
    private final DataType type;
    private final CodingMode mode;
    private final ByteOrder order;
    private final boolean bigEndian;
    // VarHandles are only fast when the JIT sees them as constants: little-endian only, big-endian swaps bytes.
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public SampleFormat(DataType type, ByteOrder order, CodingMode mode) {
        this.type = type;
        this.mode = mode;
        this.order = order;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
    }

    public DataType type() {
        return type;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Reads {@code count} elements starting at byte {@code srcOffset}. One loop per type keeps the hot loop tight. */
    public void read(byte[] src, int srcOffset, long[] dst, int dstOffset, int count) {
        boolean ints = mode == CodingMode.INT;
        switch (type) {
            case UINT8 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = src[srcOffset + i] & 0xFFL; }
            case INT8 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = src[srcOffset + i]; }
            case UINT16 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = getShort(src, srcOffset + 2 * i) & 0xFFFFL; }
            case INT16 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = getShort(src, srcOffset + 2 * i); }
            case UINT32 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = getInt(src, srcOffset + 4 * i) & 0xFFFF_FFFFL; }
            case INT32 -> { for (int i = 0; i < count; i++) dst[dstOffset + i] = getInt(src, srcOffset + 4 * i); }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    int bits = getInt(src, srcOffset + 4 * i);
                    dst[dstOffset + i] = ints ? (long) Float.intBitsToFloat(bits) : bits & 0xFFFF_FFFFL;
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    long bits = getLong(src, srcOffset + 8 * i);
                    dst[dstOffset + i] = ints ? (long) Double.longBitsToDouble(bits) : bits;
                }
            }
        }
    }

    /**
     * INT mode: reads {@code count} elements from byte {@code at} as unsigned 32-bit offsets from their pixel
     * bases, {@code u[i] = value - base[i]}, in one pass.
     */
    void readOffsets(byte[] src, int at, long[] base, int[] u, int count) {
        switch (type) {
            case UINT8 -> { for (int i = 0; i < count; i++) u[i] = (int) ((src[at + i] & 0xFFL) - base[i]); }
            case INT8 -> { for (int i = 0; i < count; i++) u[i] = (int) (src[at + i] - base[i]); }
            case UINT16 -> {
                for (int i = 0; i < count; i++) u[i] = (int) ((getShort(src, at + 2 * i) & 0xFFFFL) - base[i]);
            }
            case INT16 -> { for (int i = 0; i < count; i++) u[i] = (int) (getShort(src, at + 2 * i) - base[i]); }
            case UINT32 -> {
                for (int i = 0; i < count; i++) u[i] = (int) ((getInt(src, at + 4 * i) & 0xFFFF_FFFFL) - base[i]);
            }
            case INT32 -> { for (int i = 0; i < count; i++) u[i] = (int) (getInt(src, at + 4 * i) - base[i]); }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    u[i] = (int) ((long) Float.intBitsToFloat(getInt(src, at + 4 * i)) - base[i]);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    u[i] = (int) ((long) Double.longBitsToDouble(getLong(src, at + 8 * i)) - base[i]);
                }
            }
        }
    }

    /**
     * Writes {@code count} samples as elements starting at byte {@code dstOffset} of {@code dst} (absolute, so
     * neither its position nor its byte order changes). Heap or direct: the HDF5 plugin decodes straight into the
     * buffer HDF5 allocated.
     */
    public void write(long[] src, int srcOffset, ByteBuffer dst, int dstOffset, int count) {
        boolean ints = mode == CodingMode.INT;
        ByteBuffer b = dst.order() == order ? dst : dst.duplicate().order(order);
        switch (type) {
            case UINT8, INT8 -> { for (int i = 0; i < count; i++) b.put(dstOffset + i, (byte) src[srcOffset + i]); }
            case UINT16, INT16 -> { for (int i = 0; i < count; i++) b.putShort(dstOffset + 2 * i, (short) src[srcOffset + i]); }
            case UINT32, INT32 -> { for (int i = 0; i < count; i++) b.putInt(dstOffset + 4 * i, (int) src[srcOffset + i]); }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    long v = src[srcOffset + i];
                    b.putInt(dstOffset + 4 * i, ints ? Float.floatToRawIntBits((float) v) : (int) v);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    long v = src[srcOffset + i];
                    b.putLong(dstOffset + 8 * i, ints ? Double.doubleToRawLongBits((double) v) : v);
                }
            }
        }
    }

    /**
     * INT mode: writes base[from + i] + u[at + i] (u unsigned 32-bit offsets) for i in [0, count) as elements from
     * byte {@code dstOffset} of {@code dst} (absolute), as {@link #write} does.
     */
    public void writeOffsets(int[] u, int at, long[] base, int from, ByteBuffer dst, int dstOffset, int count) {
        if (dst.hasArray()) {
            writeOffsets(u, at, base, from, dst.array(), dst.arrayOffset() + dstOffset, count);
            return;
        }
        ByteBuffer b = dst.order() == order ? dst : dst.duplicate().order(order);
        switch (type) {
            case UINT8, INT8 -> {
                for (int i = 0; i < count; i++) b.put(dstOffset + i, (byte) (base[from + i] + u[at + i]));
            }
            case UINT16, INT16 -> {
                for (int i = 0; i < count; i++) b.putShort(dstOffset + 2 * i, (short) (base[from + i] + u[at + i]));
            }
            case UINT32, INT32 -> {
                for (int i = 0; i < count; i++) b.putInt(dstOffset + 4 * i, (int) (base[from + i] + u[at + i]));
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    float v = (float) (base[from + i] + (u[at + i] & 0xFFFF_FFFFL));
                    b.putInt(dstOffset + 4 * i, Float.floatToRawIntBits(v));
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    double v = (double) (base[from + i] + (u[at + i] & 0xFFFF_FFFFL));
                    b.putLong(dstOffset + 8 * i, Double.doubleToRawLongBits(v));
                }
            }
        }
    }

    /**
     * As {@link #writeOffsets(int[], int, long[], int, ByteBuffer, int, int)} into an array: VarHandle stores, no
     * buffer checks. Only the little-endian handles, named directly: the JIT inlines a VarHandle only when it is a
     * constant, and one chosen by a ternary cost a quarter of the decoding time (profiled). Big-endian output
     * swaps the bytes first.
     */
    private void writeOffsets(int[] u, int at, long[] base, int from, byte[] dst, int to, int count) {
        switch (type) {
            case UINT8, INT8 -> { for (int i = 0; i < count; i++) dst[to + i] = (byte) (base[from + i] + u[at + i]); }
            case UINT16, INT16 -> {
                for (int i = 0; i < count; i++) {
                    SHORT_LE.set(dst, to + 2 * i, ordered((short) (base[from + i] + u[at + i])));
                }
            }
            case UINT32, INT32 -> {
                for (int i = 0; i < count; i++) {
                    INT_LE.set(dst, to + 4 * i, ordered((int) (base[from + i] + u[at + i])));
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    float v = (float) (base[from + i] + (u[at + i] & 0xFFFF_FFFFL));
                    INT_LE.set(dst, to + 4 * i, ordered(Float.floatToRawIntBits(v)));
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    double v = (double) (base[from + i] + (u[at + i] & 0xFFFF_FFFFL));
                    LONG_LE.set(dst, to + 8 * i, ordered(Double.doubleToRawLongBits(v)));
                }
            }
        }
    }

    private short ordered(short v) {
        return bigEndian ? Short.reverseBytes(v) : v;
    }

    private int ordered(int v) {
        return bigEndian ? Integer.reverseBytes(v) : v;
    }

    private long ordered(long v) {
        return bigEndian ? Long.reverseBytes(v) : v;
    }

    /**
     * True if the float element at byte {@code at} is an integer that INT mode reproduces bit-exactly (no -0.0,
     * NaN, infinity or fraction) and lies within +-2^53.
     */
    boolean isExactInteger(byte[] src, int at) {
        if (type == DataType.FLOAT32) {
            int bits = getInt(src, at);
            long l = (long) Float.intBitsToFloat(bits);
            return Math.abs(l) <= (1L << 53) && Float.floatToRawIntBits((float) l) == bits;
        }
        long bits = getLong(src, at);
        long l = (long) Double.longBitsToDouble(bits);
        return Math.abs(l) <= (1L << 53) && Double.doubleToRawLongBits((double) l) == bits;
    }

    private short getShort(byte[] b, int at) {
        return ordered((short) SHORT_LE.get(b, at));
    }

    int getInt(byte[] b, int at) {
        return ordered((int) INT_LE.get(b, at));
    }

    long getLong(byte[] b, int at) {
        return ordered((long) LONG_LE.get(b, at));
    }
}
