package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;
import org.stemz.Limits;

/**
 * Serialised form of a {@link Model} (before packing with {@link ByteRans}; version 2 may pack the fields below as
 * separate sections):
 * <pre>
 * u8 mode (version 2 INT: | RAW_BASES when the bases are coded as themselves), u8 scaleBits
 * INT mode only: per pixel, zigzag varint (base[p] - predicted base): base[p-1] (version 1), min(left, up)
 *   (version 2), 0 (RAW_BASES)
 * per pixel, zigzag varint (level[p] - predicted level), predicted = left pixel, else the pixel above, else 0
 * version 2, INT mode only: the constant pixels as runs: varint run count, per run varint (first pixel - end of
 *   the previous run), varint (length - 1)
 * varint table count; per table: varint (context - previous context - 1), then the table ({@link TableCodec})
 * </pre>
 */
public final class ModelCodec {
    /** Largest INT level: lg(16 * 2^32 + 1) is 8 * 36 + 7. */
    static final int MAX_INT_LEVEL = 8 * 40;

    private ModelCodec() {
    }

    /**
     * Version 2 INT: bases coded as themselves, not as residuals from min(left, up) (bit 4 of the mode byte).
     * Bases that are noisy minima of a few frames of a camera with a dark level (a CCD) cost fewer bytes so.
     */
    static final int RAW_BASES = 16;

    public static byte[] write(Model model) {
        PixelModel pm = model.pixels;
        return write(model, pm.version >= 2 && pm.mode == CodingMode.INT && rawBasesSmaller(pm));
    }

    /**
     * Whether the bases coded as themselves are estimated to pack smaller than as residuals from min(left, up);
     * tried only when most bases differ from that prediction.
     */
    private static boolean rawBasesSmaller(PixelModel pm) {
        int mispredicted = 0;
        for (int p = 0; p < pm.pixels(); p++) {
            mispredicted += pm.base[p] != predictedBase(pm.base, p, pm.width) ? 1 : 0;
        }
        if (mispredicted <= pm.pixels() / 2) {
            return false;
        }
        ByteSink predicted = new ByteSink(2 * pm.pixels());
        ByteSink raw = new ByteSink(2 * pm.pixels());
        for (int p = 0; p < pm.pixels(); p++) {
            predicted.zigzag(pm.base[p] - predictedBase(pm.base, p, pm.width));
            raw.zigzag(pm.base[p]);
        }
        return ByteRans.estimatedBytes(raw.toByteArray()) < ByteRans.estimatedBytes(predicted.toByteArray());
    }

    private static byte[] write(Model model, boolean rawBases) {
        PixelModel pm = model.pixels;
        ByteSink out = new ByteSink(pm.pixels() * 3 + 1024);
        int[] cuts = new int[4]; // where sections may start (version 2): after the bases, levels and each run list
        out.u8(pm.mode.code() | (rawBases ? RAW_BASES : 0)).u8(pm.scaleBits);
        if (pm.mode == CodingMode.INT) {
            long previous = 0;
            for (int p = 0; p < pm.pixels(); p++) {
                long predicted = rawBases ? 0 : pm.version >= 2 ? predictedBase(pm.base, p, pm.width) : previous;
                out.zigzag(pm.base[p] - predicted);
                previous = pm.base[p];
            }
        }
        cuts[0] = out.size();
        for (int p = 0; p < pm.pixels(); p++) {
            out.zigzag(pm.level[p] - predictedLevel(pm.level, p, pm.width));
        }
        cuts[1] = out.size();
        if (pm.version >= 2 && pm.mode == CodingMode.INT) {
            writeRuns(out, pm.constant);
            cuts[2] = out.size();
            writeRuns(out, pm.zeroGroups);
        }
        cuts[3] = out.size();
        out.varint(model.tableCount());
        int previous = -1;
        for (int c = 0; c < model.tables.length; c++) {
            if (model.tables[c] != null) {
                out.varint(c - previous - 1);
                TableCodec.write(out, model.tables[c]);
                previous = c;
            }
        }
        return pm.version >= 2 ? ByteRans.pack(out.toByteArray(), cuts) : ByteRans.pack(out.toByteArray());
    }

    private static void writeRuns(ByteSink out, boolean[] set) {
        java.util.List<int[]> runs = new java.util.ArrayList<>();
        for (int p = 0; p < set.length; p++) {
            if (set[p] && (p == 0 || !set[p - 1])) {
                runs.add(new int[] {p, 0});
            }
            if (set[p]) {
                runs.get(runs.size() - 1)[1]++;
            }
        }
        out.varint(runs.size());
        int end = 0;
        for (int[] r : runs) {
            out.varint(r[0] - end).varint(r[1] - 1L);
            end = r[0] + r[1];
        }
    }

    private static boolean[] readRuns(ByteSource in, int pixels) {
        boolean[] set = new boolean[pixels];
        int runs = in.varint("run count", pixels);
        long end = 0;
        for (int i = 0; i < runs; i++) {
            long at = in.position();
            long first = end + in.varint("constant run gap", pixels);
            long length = 1L + in.varint("constant run length", pixels);
            if (first + length > pixels || (i > 0 && first == end)) {
                throw new CorruptInputException(ErrorCode.BAD_MODEL, at, "constant run [" + first + ", "
                        + (first + length) + ") is outside the frame of " + pixels + " pixels or touches the previous run");
            }
            java.util.Arrays.fill(set, (int) first, (int) (first + length), true);
            end = first + length;
        }
        return set;
    }

    /** Version 2: the smaller of the left and upper bases (detector borders and masks are runs of equal bases). */
    private static long predictedBase(long[] base, int p, int width) {
        long left = p % width > 0 ? base[p - 1] : p >= width ? base[p - width] : 0;
        return p >= width ? Math.min(left, base[p - width]) : left;
    }

    private static int predictedLevel(int[] level, int p, int width) {
        return p % width > 0 ? level[p - 1] : p >= width ? level[p - width] : 0;
    }

    /** Reads a packed model for frames of {@code height} x {@code width} pixels. */
    public static Model read(ByteSource packed, int height, int width) {
        return read(packed, height, width, 1);
    }

    /** Reads a packed model of format {@code version} (1 or 2). */
    public static Model read(ByteSource packed, int height, int width, int version) {
        byte[] body = ByteRans.unpack(packed, Limits.MAX_MODEL_BYTES, "model", version >= 2);
        ByteSource in = new ByteSource(body, 0, body.length, packed.position() - body.length);
        int modeCode = in.u8("model mode");
        boolean rawBases = version >= 2 && modeCode == (CodingMode.INT.code() | RAW_BASES);
        CodingMode mode = CodingMode.fromCode(rawBases ? CodingMode.INT.code() : modeCode);
        if (mode == null) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, 0, "unknown coding mode " + modeCode);
        }
        int scaleBits = in.u8("model scale bits");
        int required = version >= 2 ? PixelModel.V2_SCALE_BITS : mode.scaleBits;
        int smallest = version >= 2 && mode == CodingMode.INT ? PixelModel.V2_MIN_INT_SCALE_BITS : required;
        if (scaleBits < smallest || scaleBits > required) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, 1, "scale bits " + scaleBits + " for mode " + mode
                    + " (version " + version + " allows " + (smallest == required ? "only " + required
                    : smallest + " to " + required) + ")");
        }
        int pixels = height * width;
        // Every pixel needs at least one byte per field: refuse before allocating for a forged frame size.
        if (in.remaining() < (long) pixels * (mode == CodingMode.INT ? 2 : 1)) {
            throw new CorruptInputException(ErrorCode.TRUNCATED, in.position(),
                    "model holds " + in.remaining() + " bytes, too few for " + pixels + " pixels");
        }
        long[] base = new long[pixels];
        if (mode == CodingMode.INT) {
            long previous = 0;
            for (int p = 0; p < pixels; p++) {
                long residual = in.zigzag("pixel base");
                previous = (rawBases ? 0 : version >= 2 ? predictedBase(base, p, width) : previous) + residual;
                base[p] = previous;
            }
        }
        int maxLevel = mode == CodingMode.INT ? MAX_INT_LEVEL : mode.alphabet / 2 - 1;
        int[] level = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            long at = in.position();
            long v = predictedLevel(level, p, width) + in.zigzag("pixel level");
            if (v < 0 || v > maxLevel) {
                throw new CorruptInputException(ErrorCode.BAD_MODEL, at, "pixel " + p + " level " + v
                        + " outside [0, " + maxLevel + "]");
            }
            level[p] = (int) v;
        }
        boolean banded = version >= 2 && mode == CodingMode.INT;
        boolean[] constant = banded ? readRuns(in, pixels) : null;
        boolean[] zeroGroups = banded ? readRuns(in, height * (width / PixelModel.GROUP)) : null;
        int contexts = banded ? 5 * PixelModel.FLAG_TABLES : mode.contexts;
        int count = in.varint("table count", contexts);
        FrequencyTable[] tables = new FrequencyTable[contexts];
        int context = -1;
        for (int i = 0; i < count; i++) {
            context += 1 + in.varint("context step", contexts);
            if (context >= contexts) {
                throw new CorruptInputException(ErrorCode.BAD_MODEL, in.position(),
                        "context " + context + " outside [0, " + (contexts - 1) + "]");
            }
            tables[context] = TableCodec.read(in, mode.alphabet, scaleBits, "table of context " + context);
        }
        if (in.remaining() != 0) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, in.position(),
                    in.remaining() + " bytes left after the model");
        }
        return new Model(new PixelModel(version, scaleBits, mode, height, width, base, level, constant, zeroGroups),
                tables);
    }
}
