package org.stemz.codec;

/**
 * What the model knows about each detector pixel: its base (minimum value, INT mode) and its level (about 8*log2
 * of 16 times its mean offset in INT mode; the mean token magnitude in float modes). From these it derives, per
 * pixel, the part of the coding context that does not depend on the frame being coded.
 */
public final class PixelModel {
    final CodingMode mode;
    final int height;
    final int width;
    final long[] base;
    final int[] level;
    /** INT: level - lg(16 + sum of the neighbours' representative means); float modes: level. */
    final int[] contextBase;
    /** Format version of the model (and of the coded order its chunks use). */
    final int version;
    /**
     * Frequency precision of the tables: the mode's in version 1; in version 2 12 bits, or for INT mode 10 or 11
     * when that costs at most 0.25% (see {@link Model#fromCounts}): the decoder's slot tables, 2^scaleBits bytes
     * each, then stay in the core's L2 cache.
     */
    final int scaleBits;
    /** Version 2, INT mode: pixels whose every value is their base, coded with no symbol at all; else null. */
    final boolean[] constant;
    /**
     * Version 2, INT mode: per group of {@link #GROUP} pixels of a row starting at a multiple of 4, whether it is a
     * zero group (coded with one flag saying whether all its offsets are 0); index y * (width / 4) + x / 4.
     */
    final boolean[] zeroGroups;
    /** Version 2, INT mode: per pixel its {@link #CONSTANT}, {@link #GROUP_START} and {@link #GROUP_MEMBER} bits. */
    final byte[] kind;
    /** Version 2, INT mode: the context base of the flag of the zero group starting at each pixel. */
    final int[] groupBase;

    static final int V2_SCALE_BITS = 12;
    /** Smallest version-2 INT scale: 2^10 slots still give every one of the 128 tokens a frequency. */
    static final int V2_MIN_INT_SCALE_BITS = 10;
    static final int GROUP = 4;
    static final int CONSTANT = 1;
    static final int GROUP_START = 2;
    static final int GROUP_MEMBER = 4;
    /**
     * Version 2 INT table numbers, 512 contexts each: pixels outside zero groups; zero-group flags; pixels of a zero
     * group that is not all zero, after a non-zero pixel of the group; before one (first three pixels); the last
     * pixel after three zeros (never 0).
     */
    static final int FLAG_TABLES = 512;
    static final int AFTER_NONZERO_TABLES = 1024;
    static final int BEFORE_NONZERO_TABLES = 1536;
    static final int LAST_NONZERO_TABLES = 2048;

    /** The tables of pixel {@code x} of a zero group that is not all zero, given whether an earlier one was not 0. */
    static int groupPixelTables(int x, boolean earlierNonzero) {
        return earlierNonzero ? AFTER_NONZERO_TABLES
                : (x & (GROUP - 1)) == GROUP - 1 ? LAST_NONZERO_TABLES : BEFORE_NONZERO_TABLES;
    }

    PixelModel(CodingMode mode, int height, int width, long[] base, int[] level) {
        this(1, mode, height, width, base, level, null);
    }

    PixelModel(int version, CodingMode mode, int height, int width, long[] base, int[] level, boolean[] constant) {
        this(version, mode, height, width, base, level, constant, constant == null ? null
                : new boolean[height * (width / GROUP)]);
    }

    PixelModel(int version, CodingMode mode, int height, int width, long[] base, int[] level, boolean[] constant,
               boolean[] zeroGroups) {
        this(version, version >= 2 ? V2_SCALE_BITS : mode.scaleBits, mode, height, width, base, level, constant,
                zeroGroups);
    }

    PixelModel(int version, int scaleBits, CodingMode mode, int height, int width, long[] base, int[] level,
               boolean[] constant, boolean[] zeroGroups) {
        this.version = version;
        this.scaleBits = scaleBits;
        this.constant = constant;
        this.zeroGroups = zeroGroups;
        this.mode = mode;
        this.height = height;
        this.width = width;
        this.base = base;
        this.level = level;
        this.contextBase = mode == CodingMode.INT ? intContextBase(height, width, level) : level.clone();
        if (constant != null) {
            kind = new byte[height * width];
            groupBase = new int[height * width];
            int groups = width / GROUP;
            for (int p = 0; p < kind.length; p++) {
                kind[p] = (byte) (constant[p] ? CONSTANT : 0);
            }
            for (int g = 0; g < zeroGroups.length; g++) {
                if (zeroGroups[g]) {
                    int p = (g / groups) * width + (g % groups) * GROUP;
                    kind[p] |= GROUP_START;
                    long sum = 0;
                    for (int i = 0; i < GROUP; i++) {
                        sum += IntLog.exp(level[p + i]);
                        kind[p + i] |= i == 0 ? 0 : GROUP_MEMBER;
                    }
                    // as contextBase: the group's expected total over what its first pixel's neighbours expect
                    groupBase[p] = IntLog.lg(sum) + contextBase[p] - level[p];
                }
            }
        } else {
            kind = null;
            groupBase = null;
        }
    }

    /** The same pixels with tables of {@code bits} precision (version 2 INT mode). */
    PixelModel withScaleBits(int bits) {
        return bits == scaleBits ? this
                : new PixelModel(version, bits, mode, height, width, base, level, constant, zeroGroups);
    }

    private volatile PaddedPixels padded;
    /** The last {@link FrameOutput} made for this model (decoders of one dataset share the model). */
    volatile FrameOutput frameOutput;

    /** Version 2, INT mode: the per-pixel arrays in the decoder's padded layout (built on first use). */
    PaddedPixels padded() {
        PaddedPixels p = padded;
        if (p == null) {
            p = new PaddedPixels(this);
            padded = p;
        }
        return p;
    }

    /** Whether a model of this kind may use tables of fewer than {@link #V2_SCALE_BITS} bits. */
    boolean allowsSmallScale() {
        return version >= 2 && mode == CodingMode.INT;
    }

    /** Number of tables a model may hold: version 2 INT models add the zero-group tables. */
    public int tableContexts() {
        return kind != null ? 5 * FLAG_TABLES : mode.contexts;
    }

    /** Size of a (table, token) count array for this model. */
    public int tableCells() {
        return tableContexts() * mode.alphabet;
    }

    private static int[] intContextBase(int h, int w, int[] level) {
        int[] cb = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long ms = 0;
                if (x > 0) {
                    ms += IntLog.exp(level[y * w + x - 1]);
                }
                if (y > 0) {
                    int up = (y - 1) * w + x;
                    ms += IntLog.exp(level[up]);
                    if (x > 0) {
                        ms += IntLog.exp(level[up - 1]);
                    }
                    if (x < w - 1) {
                        ms += IntLog.exp(level[up + 1]);
                    }
                }
                cb[y * w + x] = level[y * w + x] - IntLog.lg(ms + 16);
            }
        }
        return cb;
    }

    /**
     * Whether this model can code {@code frames} frames stored from byte {@code offset}: in INT mode every value is an
     * exact integer (float types) at most 2^32 - 1 above its pixel's base; float modes code any bit pattern.
     */
    public boolean canCode(SampleFormat format, byte[] src, int offset, int frames) {
        if (mode != CodingMode.INT) {
            return true;
        }
        int pixels = pixels();
        int size = format.type().size();
        long[] values = new long[pixels];
        for (int f = 0; f < frames; f++) {
            int frame = offset + f * pixels * size;
            if (format.type().isFloating()) {
                for (int p = 0; p < pixels; p++) {
                    if (!format.isExactInteger(src, frame + p * size)) {
                        return false;
                    }
                }
            }
            format.read(src, frame, values, 0, pixels);
            for (int p = 0; p < pixels; p++) {
                long u = values[p] - base[p];
                if (u < 0 || u > 0xFFFF_FFFFL || (u != 0 && constant != null && constant[p])) {
                    return false;
                }
            }
        }
        return true;
    }

    public int version() {
        return version;
    }

    /** Number of pixels coded with no symbol (version 2). */
    public int constantPixels() {
        int n = 0;
        for (int p = 0; constant != null && p < constant.length; p++) {
            n += constant[p] ? 1 : 0;
        }
        return n;
    }

    public CodingMode mode() {
        return mode;
    }

    public int pixels() {
        return height * width;
    }
}
