package org.stemz;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Shape, element type and byte order of an N-dimensional array whose last two axes are the detector frame
 * (det_y, det_x); all leading axes (scan_y, scan_x, ...) enumerate frames in C order.
 */
public final class ArrayDescriptor {
    private final DataType type;
    private final ByteOrder order;
    private final long[] shape;

    public ArrayDescriptor(DataType type, ByteOrder order, long... shape) {
        if (type == null || order == null || shape == null) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "type, order and shape are required");
        }
        if (shape.length < 2) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1,
                    "an array needs at least 2 axes (det_y, det_x), got " + shape.length);
        }
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "negative axis length in " + Arrays.toString(shape));
            }
            elements = d == 0 ? 0 : Math.multiplyHigh(elements, d) != 0 ? -1 : elements * d;
            if (elements < 0) {
                throw new StemzException(ErrorCode.LIMIT_EXCEEDED, -1, "array too large: " + Arrays.toString(shape));
            }
        }
        if (shape[shape.length - 1] > Integer.MAX_VALUE || shape[shape.length - 2] > Integer.MAX_VALUE
                || shape[shape.length - 1] * shape[shape.length - 2] > Limits.MAX_FRAME_PIXELS) {
            throw new StemzException(ErrorCode.LIMIT_EXCEEDED, -1,
                    "frame " + shape[shape.length - 2] + "x" + shape[shape.length - 1] + " exceeds "
                            + Limits.MAX_FRAME_PIXELS + " pixels");
        }
        this.type = type;
        this.order = order;
        this.shape = shape.clone();
    }

    public DataType type() {
        return type;
    }

    public ByteOrder order() {
        return order;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int frameHeight() {
        return (int) shape[shape.length - 2];
    }

    public int frameWidth() {
        return (int) shape[shape.length - 1];
    }

    public int framePixels() {
        return frameHeight() * frameWidth();
    }

    /** Number of frames: the product of all axes but the last two (1 for a 2-D array). */
    public long frames() {
        long n = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            n *= shape[i];
        }
        return framePixels() == 0 ? 0 : n;
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public long byteSize() {
        return elementCount() * type.size();
    }

    /** Same type and shape in another byte order. */
    public ArrayDescriptor withOrder(ByteOrder newOrder) {
        return new ArrayDescriptor(type, newOrder, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayDescriptor a && a.type == type && a.order.equals(order) && Arrays.equals(a.shape, shape);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase() + (order == ByteOrder.BIG_ENDIAN ? " big-endian " : " little-endian ")
                + Arrays.toString(shape);
    }
}
