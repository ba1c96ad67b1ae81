package org.stemz.hdf5;

import java.nio.ByteOrder;
import org.stemz.DataType;

/** HDF5 types to and from stemz element types, e.g. uint16 big-endian is {@code H5T_STD_U16BE}. */
final class Hdf5Types {
    private static final int H5T_INTEGER = 0;
    private static final int H5T_FLOAT = 1;
    private static final int H5T_SGN_2 = 1;

    private Hdf5Types() {
    }

    /** Filter parameters for an HDF5 type id and chunk shape; unsupported types throw FilterConfigException. */
    static FilterParameters parameters(long type, long... chunk) {
        Hdf5Library h5 = Hdf5Native.library();
        int cls = h5.H5Tget_class(type);
        boolean numeric = cls == H5T_INTEGER || cls == H5T_FLOAT;
        boolean signed = cls == H5T_INTEGER && h5.H5Tget_sign(type) == H5T_SGN_2;
        return FilterParameters.forHdf5Type(cls, h5.H5Tget_size(type), signed, numeric ? h5.H5Tget_order(type) : -1,
                chunk);
    }

    /** A new type id (close it with H5Tclose). */
    static long create(DataType type, ByteOrder order) {
        String base = switch (type) {
            case UINT8 -> "H5T_STD_U8";
            case UINT16 -> "H5T_STD_U16";
            case UINT32 -> "H5T_STD_U32";
            case INT8 -> "H5T_STD_I8";
            case INT16 -> "H5T_STD_I16";
            case INT32 -> "H5T_STD_I32";
            case FLOAT32 -> "H5T_IEEE_F32";
            case FLOAT64 -> "H5T_IEEE_F64";
        };
        String name = base + (order == ByteOrder.BIG_ENDIAN ? "BE" : "LE") + "_g";
        return Hdf5Errors.check(Hdf5Native.library().H5Tcopy(Hdf5Native.globalId(name)), "H5Tcopy(" + name + ")");
    }
}
