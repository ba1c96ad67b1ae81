package org.stemz.codec;

/**
 * How samples become symbols. INT codes integer values (integer types, and floats whose every value is an
 * integer) as offsets from a per-pixel base, split into a hybrid token and raw low bits. FLOAT32 and FLOAT64 code
 * the IEEE bit pattern: the token is the sign, exponent and leading mantissa bits, the rest is raw.
 */
public enum CodingMode {
    INT(0, 12, 128, 512),
    FLOAT32(1, 14, 2048, 1024),
    FLOAT64(2, 14, 4096, 2048);

    /** Tokens below this value are the offset itself; above, token = exponent and two leading bits. */
    static final int DIRECT_TOKENS = 16;
    static final int FLOAT32_RAW_BITS = 21;
    static final int FLOAT64_RAW_BITS = 52;

    private final int code;
    final int scaleBits;
    final int alphabet;
    final int contexts;

    CodingMode(int code, int scaleBits, int alphabet, int contexts) {
        this.code = code;
        this.scaleBits = scaleBits;
        this.alphabet = alphabet;
        this.contexts = contexts;
    }

    public int code() {
        return code;
    }

    public static CodingMode fromCode(int code) {
        for (CodingMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }

    /** Size of a (context, token) count array. */
    public int tableCells() {
        return contexts * alphabet;
    }

    /** INT-mode token of an offset u in [0, 2^32). */
    static int intToken(long u) {
        if (u < DIRECT_TOKENS) {
            return (int) u;
        }
        int e = 63 - Long.numberOfLeadingZeros(u);
        return DIRECT_TOKENS + ((e - 4) << 2) + (int) ((u >>> (e - 2)) & 3);
    }

    // Per INT token: raw bit count and the value with its raw bits zero. Table lookups keep decoding branch-free.
    static final int[] INT_RAW_BITS = new int[128];
    static final long[] INT_TOKEN_BASE = new long[128];
    /**
     * Both in one load for the decoder's hot loop: INT_TOKEN_BASE[t] | INT_RAW_BITS[t] << TOKEN_BITS_SHIFT (the
     * bases are below 2^32, so the low 32 bits OR the raw bits give the offset).
     */
    static final long[] INT_TOKEN = new long[128];
    static final int TOKEN_BITS_SHIFT = 48;

    static {
        for (int t = 0; t < 128; t++) {
            INT_RAW_BITS[t] = t < DIRECT_TOKENS ? 0 : ((t - DIRECT_TOKENS) >> 2) + 2;
            INT_TOKEN_BASE[t] = t < DIRECT_TOKENS ? t : (4L | ((t - DIRECT_TOKENS) & 3)) << INT_RAW_BITS[t];
            INT_TOKEN[t] = INT_TOKEN_BASE[t] | (long) INT_RAW_BITS[t] << TOKEN_BITS_SHIFT;
        }
    }

    /** Number of raw bits that follow an INT-mode token (0..29). */
    static int intRawBits(int token) {
        return INT_RAW_BITS[token];
    }

    /** The offset rebuilt from an INT-mode token and its raw bits. */
    static long intValue(int token, long raw) {
        return INT_TOKEN_BASE[token] | raw;
    }

    int rawBitsOfFloat() {
        return this == FLOAT32 ? FLOAT32_RAW_BITS : FLOAT64_RAW_BITS;
    }

    /** Magnitude part of a float token (sign bit removed): the per-pixel level averages it. */
    int floatMagnitude(int token) {
        return token & (alphabet / 2 - 1);
    }
}
