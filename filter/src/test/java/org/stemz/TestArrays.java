package org.stemz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/** Builds test arrays from per-element value functions. */
final class TestArrays {
    private TestArrays() {
    }

    /** An array whose element i (C order) is {@code value(i)}, stored as {@code type} in {@code order}. */
    static byte[] of(ArrayDescriptor d, LongUnaryOperator value) {
        int n = (int) d.elementCount();
        ByteBuffer b = ByteBuffer.allocate(n * d.type().size()).order(d.order());
        for (int i = 0; i < n; i++) {
            long v = value.applyAsLong(i);
            switch (d.type()) {
                case UINT8, INT8 -> b.put((byte) v);
                case UINT16, INT16 -> b.putShort((short) v);
                case UINT32, INT32 -> b.putInt((int) v);
                case FLOAT32 -> b.putFloat(v);
                case FLOAT64 -> b.putDouble(v);
            }
        }
        return b.array();
    }

    /** Raw IEEE bit patterns as elements (for float special values). */
    static byte[] ofBits(ArrayDescriptor d, LongUnaryOperator bits) {
        int n = (int) d.elementCount();
        ByteBuffer b = ByteBuffer.allocate(n * d.type().size()).order(d.order());
        for (int i = 0; i < n; i++) {
            long v = bits.applyAsLong(i);
            if (d.type().size() == 4) {
                b.putInt((int) v);
            } else {
                b.putLong(v);
            }
        }
        return b.array();
    }

    /** Poisson-like counts with a bright centre disk, as a detector records them. */
    static LongUnaryOperator diffraction(ArrayDescriptor d, long seed, double dose) {
        int h = d.frameHeight();
        int w = d.frameWidth();
        Random r = new Random(seed);
        return i -> {
            int p = (int) (i % ((long) h * w));
            double dy = p / w - h / 2.0;
            double dx = p % w - w / 2.0;
            double mean = dose * (dy * dy + dx * dx < h * w / 16.0 ? 1.0 : 0.02);
            return poisson(r, mean);
        };
    }

    static long poisson(Random r, double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double l = Math.exp(-mean);
        long k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    static ArrayDescriptor shape(DataType t, ByteOrder o, long... shape) {
        return new ArrayDescriptor(t, o, shape);
    }
}
