package org.stemz.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.stemz.DataType;

/**
 * Converts between stored element bytes and the long samples the coder works on: the integer value in INT mode
 * (floats cast exactly), the raw IEEE bit pattern in float modes. Both directions are bit-exact.
 */
public final class SampleFormat {
    private final DataType type;
    private final CodingMode mode;
    private final VarHandle view;

    public SampleFormat(DataType type, ByteOrder order, CodingMode mode) {
        this.type = type;
        this.mode = mode;
        Class<?> arrayClass = switch (type.size()) {
            case 1 -> null;
            case 2 -> short[].class;
            case 4 -> int[].class;
            default -> long[].class;
        };
        this.view = arrayClass == null ? null : MethodHandles.byteArrayViewVarHandle(arrayClass, order);
    }

    public DataType type() {
        return type;
    }

    /** Reads {@code count} elements starting at byte {@code srcOffset}. */
    public void read(byte[] src, int srcOffset, long[] dst, int dstOffset, int count) {
        int size = type.size();
        for (int i = 0; i < count; i++) {
            dst[dstOffset + i] = sample(src, srcOffset + i * size);
        }
    }

    long sample(byte[] src, int at) {
        return switch (type) {
            case UINT8 -> src[at] & 0xFFL;
            case INT8 -> src[at];
            case UINT16 -> (short) view.get(src, at) & 0xFFFFL;
            case INT16 -> (short) view.get(src, at);
            case UINT32 -> (int) view.get(src, at) & 0xFFFF_FFFFL;
            case INT32 -> (int) view.get(src, at);
            case FLOAT32 -> mode == CodingMode.INT ? (long) Float.intBitsToFloat((int) view.get(src, at))
                    : (int) view.get(src, at) & 0xFFFF_FFFFL;
            case FLOAT64 -> mode == CodingMode.INT ? (long) Double.longBitsToDouble((long) view.get(src, at))
                    : (long) view.get(src, at);
        };
    }

    /** Writes {@code count} samples as elements starting at byte {@code dstOffset}. */
    public void write(long[] src, int srcOffset, byte[] dst, int dstOffset, int count) {
        int size = type.size();
        for (int i = 0; i < count; i++) {
            long v = src[srcOffset + i];
            int at = dstOffset + i * size;
            switch (type) {
                case UINT8, INT8 -> dst[at] = (byte) v;
                case UINT16, INT16 -> view.set(dst, at, (short) v);
                case UINT32, INT32 -> view.set(dst, at, (int) v);
                case FLOAT32 -> view.set(dst, at, mode == CodingMode.INT ? Float.floatToRawIntBits((float) v) : (int) v);
                case FLOAT64 -> view.set(dst, at, mode == CodingMode.INT ? Double.doubleToRawLongBits((double) v) : v);
            }
        }
    }

    /**
     * True if the element at {@code at} is an integer that INT mode reproduces bit-exactly (no -0.0, NaN,
     * infinity or fraction) and lies within +-2^53.
     */
    public static boolean isExactInteger(DataType type, VarHandle view, byte[] src, int at) {
        if (type == DataType.FLOAT32) {
            int bits = (int) view.get(src, at);
            float f = Float.intBitsToFloat(bits);
            long l = (long) f;
            return Math.abs(l) <= (1L << 53) && Float.floatToRawIntBits((float) l) == bits;
        }
        long bits = (long) view.get(src, at);
        double d = Double.longBitsToDouble(bits);
        long l = (long) d;
        return Math.abs(l) <= (1L << 53) && Double.doubleToRawLongBits((double) l) == bits;
    }

    static VarHandle viewFor(DataType type, ByteOrder order) {
        return type.size() == 4 ? MethodHandles.byteArrayViewVarHandle(int[].class, order)
                : MethodHandles.byteArrayViewVarHandle(long[].class, order);
    }
}
