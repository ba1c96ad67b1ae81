package org.stemz;

import java.util.Locale;

/** Element types stemz codes. The code is the value stored in archive headers and HDF5 cd_values. */
public enum DataType {
    UINT8(1, 1, false, false),
    UINT16(2, 2, false, false),
    UINT32(3, 4, false, false),
    INT8(4, 1, true, false),
    INT16(5, 2, true, false),
    INT32(6, 4, true, false),
    FLOAT32(7, 4, true, true),
    FLOAT64(8, 8, true, true);

    private final int code;
    private final int size;
    private final boolean signed;
    private final boolean floating;

    DataType(int code, int size, boolean signed, boolean floating) {
        this.code = code;
        this.size = size;
        this.signed = signed;
        this.floating = floating;
    }

    /** The stable numeric code stored in files. */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isSigned() {
        return signed;
    }

    public boolean isFloating() {
        return floating;
    }

    /** Returns the type with the given file code, or null if there is none. */
    public static DataType fromCode(int code) {
        for (DataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The numpy type character and size, e.g. "u2" or "f4". */
    public String numpyKind() {
        return (floating ? "f" : signed ? "i" : "u") + size;
    }

    /** Parses a numpy kind such as "u2", "&lt;u2" or "float32" (byte order is ignored here). */
    public static DataType parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            s = s.substring(1);
        }
        for (DataType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(s) || t.numpyKind().equals(s)) {
                return t;
            }
        }
        throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "unsupported element type '" + text
                + "' (expected one of uint8, uint16, uint32, int8, int16, int32, float32, float64)");
    }
}
