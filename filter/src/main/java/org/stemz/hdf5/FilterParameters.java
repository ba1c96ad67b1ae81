package org.stemz.hdf5;

import java.nio.ByteOrder;
import java.util.Arrays;
import org.stemz.ArrayDescriptor;
import org.stemz.Checksums;
import org.stemz.DataType;
import org.stemz.FilterConfigException;
import org.stemz.Limits;
import org.stemz.StemzException;

/**
 * The stemz HDF5 filter's {@code cd_values} (format-spec/HDF5-FILTER.md): what {@code set_local} stores and what
 * every chunk is checked against. Slots, each an unsigned 32-bit value:
 * <pre>
 *   0  layout version (1, 2)   3  byte order (0 little-endian, 1 big-endian)
 *   1  stemz DataType code     4  chunk rank r (1..8)
 *   2  element size in bytes   5 .. 5+r-1  chunk dimensions, slowest first
 *   layout 2 only: 5+r  model length L   6+r  CRC-32C of the model   7+r ..  the model, 4 bytes per slot
 * </pre>
 * Layout 2 carries the dataset's model (a version-2 packed model, format-spec/SPEC-V2-CODING.md), stored once.
 */
public final class FilterParameters {
    /** Filter id, in the range HDF5 leaves for unregistered filters (32768-65535) until one is assigned. */
    public static final int FILTER_ID = 36000;
    /** Name HDF5 shows for the filter. */
    public static final String FILTER_NAME = "stemz: lossless 4D-STEM compression";
    public static final int LAYOUT_VERSION = 1;
    /** Layout with the dataset model in cd_values. */
    public static final int MODEL_LAYOUT_VERSION = 2;
    /** Largest model layout 2 holds: cd_values live in an object header message of at most 64 KiB. */
    public static final int MAX_MODEL_BYTES = 60_000;
    static final int FIXED_SLOTS = 5;

    private final DataType type;
    private final ByteOrder order;
    private final long[] chunkShape;
    /** The packed dataset model (layout 2), or null (layout 1: every chunk carries its own). */
    private final byte[] model;

    private FilterParameters(DataType type, ByteOrder order, long[] chunkShape, byte[] model) {
        this.type = type;
        this.order = order;
        this.chunkShape = chunkShape;
        this.model = model;
    }

    /** Parameters for a dataset with the given element type and chunk shape; checks they are supported. */
    public static FilterParameters of(DataType type, ByteOrder order, long... chunkShape) {
        check(type != null && order != null && chunkShape != null, "element type, byte order and chunk shape are required");
        check(chunkShape.length >= 1 && chunkShape.length <= Limits.MAX_AXES,
                "chunk rank " + chunkShape.length + " is outside 1.." + Limits.MAX_AXES);
        long elements = 1;
        for (long d : chunkShape) {
            check(d >= 1 && d <= 0xFFFF_FFFFL, "chunk dimension " + d + " in " + Arrays.toString(chunkShape) + " is out of range");
            // dimensions are below 2^32, so the product stays exact while it is under the limit
            elements = Math.min(elements * d, Limits.MAX_CHUNK_BYTES + 1);
        }
        check(elements * type.size() <= Limits.MAX_CHUNK_BYTES, "chunk " + Arrays.toString(chunkShape) + " of "
                + type.name().toLowerCase() + " exceeds " + Limits.MAX_CHUNK_BYTES + " bytes");
        FilterParameters p = new FilterParameters(type, order, chunkShape.clone(), null);
        try {
            p.chunkDescriptor();
        } catch (StemzException e) {
            throw new FilterConfigException("chunk " + Arrays.toString(chunkShape) + " is not a valid stemz array: "
                    + e.getMessage());
        }
        return p;
    }

    /**
     * Maps an HDF5 atomic type (H5T_INTEGER = 0 or H5T_FLOAT = 1, size in bytes, signedness, H5T_ORDER_BE = 1) to
     * parameters; 64-bit integers, other classes and other sizes are rejected.
     */
    public static FilterParameters forHdf5Type(int typeClass, long size, boolean signed, int h5Order, long... chunkShape) {
        DataType t = null;
        if (typeClass == 0) {
            t = size == 1 ? (signed ? DataType.INT8 : DataType.UINT8)
                    : size == 2 ? (signed ? DataType.INT16 : DataType.UINT16)
                    : size == 4 ? (signed ? DataType.INT32 : DataType.UINT32) : null;
        } else if (typeClass == 1) {
            t = size == 4 ? DataType.FLOAT32 : size == 8 ? DataType.FLOAT64 : null;
        }
        check(t != null, "element type (HDF5 class " + typeClass + ", " + size + " bytes"
                + (typeClass == 0 ? signed ? ", signed" : ", unsigned" : "") + ") is not supported: stemz codes "
                + "8-, 16- and 32-bit integers and 32- and 64-bit floats");
        return of(t, h5Order == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, chunkShape);
    }

    /** Reads and validates {@code cd_values} (as HDF5 stores them: unsigned ints in Java ints). */
    public static FilterParameters parse(int[] cd) {
        check(cd != null && cd.length >= FIXED_SLOTS, "stemz filter needs at least " + FIXED_SLOTS
                + " cd_values, got " + (cd == null ? 0 : cd.length) + " (was the filter added without set_local?)");
        check(cd[0] == LAYOUT_VERSION || cd[0] == MODEL_LAYOUT_VERSION, "cd_values layout version "
                + Integer.toUnsignedString(cd[0]) + " is not supported (this build reads versions 1 and 2)");
        DataType type = DataType.fromCode(cd[1]);
        check(type != null, "cd_values element type code " + Integer.toUnsignedString(cd[1]) + " is unknown");
        check(cd[2] == type.size(), "cd_values element size " + Integer.toUnsignedString(cd[2]) + " does not match "
                + type.name().toLowerCase());
        check(cd[3] == 0 || cd[3] == 1, "cd_values byte order " + Integer.toUnsignedString(cd[3]) + " is not 0 or 1");
        int rank = cd[4];
        check(rank >= 1 && rank <= Limits.MAX_AXES, "cd_values chunk rank " + Integer.toUnsignedString(rank)
                + " is outside 1.." + Limits.MAX_AXES);
        int fixed = FIXED_SLOTS + rank;
        if (cd[0] == LAYOUT_VERSION) {
            check(cd.length == fixed, "cd_values has " + cd.length + " slots, rank " + rank + " needs " + fixed);
        }
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = Integer.toUnsignedLong(cd[FIXED_SLOTS + i]);
        }
        FilterParameters p = of(type, cd[3] == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, shape);
        return cd[0] == LAYOUT_VERSION ? p : p.withModel(modelOf(cd, fixed));
    }

    /** The model bytes of layout-2 cd_values whose model fields start at slot {@code at}. */
    private static byte[] modelOf(int[] cd, int at) {
        check(cd.length >= at + 2, "cd_values of layout 2 have " + cd.length + " slots, too few for a model");
        long length = Integer.toUnsignedLong(cd[at]);
        check(length >= 1 && length <= MAX_MODEL_BYTES, "cd_values declare a model of " + length
                + " bytes (layout 2 holds 1.." + MAX_MODEL_BYTES + ")");
        long slots = at + 2 + (length + 3) / 4;
        check(cd.length == slots, "cd_values have " + cd.length + " slots, a model of " + length + " bytes needs "
                + slots);
        byte[] model = new byte[(int) length];
        for (int i = 0; i < model.length; i++) {
            model[i] = (byte) (cd[at + 2 + i / 4] >>> (8 * (i % 4)));
        }
        check(Integer.toUnsignedLong(cd[at + 1]) == Checksums.crc32c(model, 0, model.length), "cd_values model checksum mismatch: the"
                + " dataset's filter parameters are corrupt");
        return model;
    }

    /** The same parameters with the dataset's packed model (layout 2). */
    public FilterParameters withModel(byte[] packedModel) {
        check(packedModel.length >= 1 && packedModel.length <= MAX_MODEL_BYTES, "a model of " + packedModel.length
                + " bytes does not fit in cd_values (at most " + MAX_MODEL_BYTES + ")");
        return new FilterParameters(type, order, chunkShape, packedModel.clone());
    }

    /** The packed dataset model (layout 2), or null. */
    public byte[] model() {
        return model == null ? null : model.clone();
    }

    public int layoutVersion() {
        return model == null ? LAYOUT_VERSION : MODEL_LAYOUT_VERSION;
    }


    public int[] toCdValues() {
        int fixed = FIXED_SLOTS + chunkShape.length;
        int[] cd = new int[fixed + (model == null ? 0 : 2 + (model.length + 3) / 4)];
        cd[0] = layoutVersion();
        if (model != null) {
            cd[fixed] = model.length;
            cd[fixed + 1] = (int) Checksums.crc32c(model, 0, model.length);
            for (int i = 0; i < model.length; i++) {
                cd[fixed + 2 + i / 4] |= (model[i] & 0xFF) << (8 * (i % 4));
            }
        }
        cd[1] = type.code();
        cd[2] = type.size();
        cd[3] = order == ByteOrder.BIG_ENDIAN ? 1 : 0;
        cd[4] = chunkShape.length;
        for (int i = 0; i < chunkShape.length; i++) {
            cd[FIXED_SLOTS + i] = (int) chunkShape[i];
        }
        return cd;
    }

    /** The chunk as a stemz array: its last two axes are the frame; a rank-1 chunk is one frame of one row. */
    public ArrayDescriptor chunkDescriptor() {
        long[] shape = chunkShape.length >= 2 ? chunkShape : new long[] {1, chunkShape[0]};
        return new ArrayDescriptor(type, order, shape);
    }

    public long chunkBytes() {
        return chunkDescriptor().byteSize();
    }

    public DataType type() {
        return type;
    }

    public ByteOrder order() {
        return order;
    }

    public long[] chunkShape() {
        return chunkShape.clone();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new FilterConfigException(message);
        }
    }

    @Override
    public String toString() {
        return type.name().toLowerCase() + (order == ByteOrder.BIG_ENDIAN ? " big-endian" : " little-endian")
                + " chunks of " + Arrays.toString(chunkShape);
    }
}
