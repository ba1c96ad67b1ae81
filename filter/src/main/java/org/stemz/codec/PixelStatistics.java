package org.stemz.codec;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.stemz.DataType;

/**
 * First pass of the encoder: per-pixel statistics over whole frames, from which the coding mode and the
 * {@link PixelModel} follow. Instances for disjoint frame ranges are combined with {@link #merge}.
 */
public final class PixelStatistics {
    private final DataType type;
    private final ByteOrder order;
    private final int height;
    private final int width;
    private final long[] min;
    private final long[] max;
    private final long[] sum;
    private final long[] magnitudeSum;
    private boolean integerValued = true;
    private long frames;

    public PixelStatistics(DataType type, ByteOrder order, int height, int width) {
        this.type = type;
        this.order = order;
        this.height = height;
        this.width = width;
        int pixels = height * width;
        min = new long[pixels];
        max = new long[pixels];
        sum = new long[pixels];
        magnitudeSum = type.isFloating() ? new long[pixels] : null;
        Arrays.fill(min, Long.MAX_VALUE);
        Arrays.fill(max, Long.MIN_VALUE);
    }

    /** Adds {@code count} whole frames stored from byte {@code offset}. */
    public void add(byte[] src, int offset, int count) {
        int pixels = height * width;
        if (IntegerFrameStatistics.handles(type, pixels)) {
            IntegerFrameStatistics.add(type, order, src, offset, count, pixels, min, max, sum);
            frames += count;
            return;
        }
        int size = type.size();
        long[] values = new long[pixels];
        SampleFormat ints = new SampleFormat(type, order, CodingMode.INT);
        SampleFormat bits = type.isFloating() ? new SampleFormat(type, order, floatMode()) : null;
        for (int f = 0; f < count; f++) {
            int frame = offset + f * pixels * size;
            if (type.isFloating()) {
                addFloatMagnitudes(bits, src, frame);
                for (int p = 0; p < pixels && integerValued; p++) {
                    integerValued = ints.isExactInteger(src, frame + p * size);
                }
                if (!integerValued) {
                    continue;
                }
            }
            ints.read(src, frame, values, 0, pixels);
            for (int p = 0; p < pixels; p++) {
                long v = values[p];
                min[p] = Math.min(min[p], v);
                max[p] = Math.max(max[p], v);
                sum[p] += v;
            }
        }
        frames += count;
    }

    private void addFloatMagnitudes(SampleFormat bits, byte[] src, int frame) {
        int rawBits = floatMode().rawBitsOfFloat();
        for (int p = 0; p < magnitudeSum.length; p++) {
            long pattern = type == DataType.FLOAT32 ? bits.getInt(src, frame + 4 * p) : bits.getLong(src, frame + 8 * p);
            magnitudeSum[p] += floatMode().floatMagnitude((int) (pattern >>> rawBits));
        }
    }

    public void merge(PixelStatistics o) {
        for (int p = 0; p < min.length; p++) {
            min[p] = Math.min(min[p], o.min[p]);
            max[p] = Math.max(max[p], o.max[p]);
            sum[p] += o.sum[p];
            if (magnitudeSum != null) {
                magnitudeSum[p] += o.magnitudeSum[p];
            }
        }
        integerValued &= o.integerValued;
        frames += o.frames;
    }

    private CodingMode floatMode() {
        return type == DataType.FLOAT32 ? CodingMode.FLOAT32 : CodingMode.FLOAT64;
    }

    /** INT unless the data are floats with a non-integer value or a pixel range of 2^32 or more. */
    public CodingMode mode() {
        if (!type.isFloating()) {
            return CodingMode.INT;
        }
        if (!integerValued) {
            return floatMode();
        }
        for (int p = 0; p < min.length; p++) {
            if (frames > 0 && max[p] - min[p] > 0xFFFF_FFFFL) {
                return floatMode();
            }
        }
        return CodingMode.INT;
    }

    /**
     * The per-pixel models worth comparing (the encoder keeps the one that codes smallest): the one whose bases are
     * the pixel minima and, for few frames, one that stores only the minima that repay their model bytes.
     */
    public List<PixelModel> candidateModels() {
        return candidates(true);
    }

    /**
     * Models for a one-pass writer, learnt from the first chunk of a stream: no constant pixels, since a pixel that
     * did not change in one chunk often does in the next, and every such value would need a new model.
     */
    public List<PixelModel> streamCandidateModels() {
        return candidates(false);
    }

    private List<PixelModel> candidates(boolean constantPixels) {
        PixelModel minima = toPixelModel(p -> true, false, constantPixels, true);
        if (frames == 0 || frames > FEW_FRAMES || mode() != CodingMode.INT) {
            return List.of(minima);
        }
        // Few frames: the per-pixel fields may cost more than they save. Also try the bases that repay themselves,
        // a flat level (contexts from the neighbours alone, as an image coder), and no constant pixels or zero groups
        // (their maps fragment when few frames leave most pixels untouched).
        List<PixelModel> candidates = new java.util.ArrayList<>();
        for (IntPredicate keep : List.<IntPredicate>of(p -> true, this::minimumWorthStoring)) {
            for (boolean flat : new boolean[] {false, true}) {
                for (boolean structured : new boolean[] {true, false}) {
                    candidates.add(toPixelModel(keep, flat, structured && constantPixels, structured));
                }
            }
        }
        return candidates;
    }

    /** The per-pixel model with every pixel's minimum as its base. */
    public PixelModel toPixelModel() {
        return toPixelModel(p -> true, false, true, true);
    }

    /**
     * The model's per-pixel part; a pixel's base is its minimum if {@code keepMinimum} says so, else 0. A pixel's
     * INT level comes from its own mean when it collected at least {@link #RELIABLE_COUNTS} counts above its base; a
     * dimmer pixel's mean is too noisy (few frames, low dose) and costly to store, so it takes the mean of the dim
     * pixels in its 5x5 neighbourhood instead. Bright pixels (hot pixels, the bright-field disk) keep their own
     * level and do not leak into their neighbours'. {@code flatLevel}: one level for all pixels; {@code
     * constantPixels}, {@code zeroGroups}: whether the model marks them (version 2, INT mode).
     */
    private PixelModel toPixelModel(IntPredicate keepMinimum, boolean flatLevel, boolean constantPixels,
                                    boolean zeroGroups) {
        CodingMode mode = mode();
        int pixels = height * width;
        long[] base = new long[pixels];
        int[] level = new int[pixels];
        if (frames > 0 && mode == CodingMode.INT) {
            long[] offsetSum = new long[pixels];
            for (int p = 0; p < pixels; p++) {
                base[p] = keepMinimum.test(p) ? min[p] : 0;
                offsetSum[p] = sum[p] - frames * base[p];
            }
            for (int p = 0; p < pixels; p++) {
                if (offsetSum[p] >= RELIABLE_COUNTS) {
                    level[p] = IntLog.lg(mean16(offsetSum[p]) + 1);
                } else {
                    level[p] = IntLog.lg(neighbourhoodMean16(offsetSum, p) + 1) / DIM_LEVEL_STEP * DIM_LEVEL_STEP;
                }
            }
            if (flatLevel) {
                long total = 0;
                for (long s : offsetSum) {
                    total += s;
                }
                java.util.Arrays.fill(level, IntLog.lg(mean16(total / pixels) + 1));
            }
        } else if (frames > 0) {
            for (int p = 0; p < pixels; p++) {
                level[p] = (int) (magnitudeSum[p] / frames);
            }
        }
        boolean[] constant = mode == CodingMode.INT ? new boolean[pixels] : null;
        if (frames > 0 && mode == CodingMode.INT && constantPixels) {
            for (int p = 0; p < pixels; p++) {
                constant[p] = min[p] == max[p] && base[p] == min[p];
            }
        }
        if (constant == null) {
            return new PixelModel(2, mode, height, width, base, level, null);
        }
        boolean[] groups = zeroGroups ? zeroGroups(base, constant) : new boolean[height * (width / PixelModel.GROUP)];
        return new PixelModel(2, mode, height, width, base, level, constant, groups);
    }

    /**
     * The zero groups of a version-2 model: groups of 4 pixels of a row whose coded (non-constant) pixels are all 0
     * often enough that one flag symbol per group costs fewer symbols than coding them one by one.
     */
    private boolean[] zeroGroups(long[] base, boolean[] constant) {
        int groups = width / PixelModel.GROUP;
        boolean[] zero = new boolean[height * groups];
        for (int g = 0; frames > 0 && g < zero.length; g++) {
            int p = (g / groups) * width + (g % groups) * PixelModel.GROUP;
            long offsets = 0;
            int coded = 0;
            for (int i = 0; i < PixelModel.GROUP; i++) {
                offsets += sum[p + i] - frames * base[p + i];
                coded += constant[p + i] ? 0 : 1;
            }
            // a flag saves symbols if P(all 0) > 1 / coded; P(all 0) is about exp(-sum of means) for counts
            zero[g] = coded >= 2 && offsets * 16 <= ZERO_GROUP_MEAN16[coded] * frames;
        }
        return zero;
    }

    /** 16 x ln(coded pixels): the largest sum of mean offsets of a zero group, by its number of coded pixels. */
    private static final long[] ZERO_GROUP_MEAN16 = {0, 0, 5, 8, 11};

    /**
     * Whether a pixel's minimum repays storing it as its base rather than 0: it shortens each of the pixel's
     * offsets by about log2(mean / mean offset) bits and costs about log2(minimum) + 2 bits of model. Minima that
     * save 4 times their cost made real Merlin scans of 4-9 frames 5-12% smaller; others lose a little, so the
     * encoder compares both models. Base 0 needs every offset below 2^32 and is pointless for minima of 0 or less.
     */
    private boolean minimumWorthStoring(int p) {
        if (min[p] <= 0 || max[p] > MAX_OFFSET) {
            return true;
        }
        long savedEighths = frames * (IntLog.lg(mean16(sum[p]) + 16) - IntLog.lg(mean16(sum[p] - frames * min[p]) + 16));
        long costEighths = 4 * (IntLog.lg(16 * min[p] + 16) - IntLog.lg(16) + 16);
        return savedEighths > costEighths;
    }

    /** 16 x {@code total / frames}, without overflow for any total of the pixel's values. */
    private long mean16(long total) {
        return total / frames * 16 + total % frames * 16 / frames;
    }

    private static final long MAX_OFFSET = 0xFFFF_FFFFL;
    /** Up to this many frames the model is a large part of the archive and worth a second candidate. */
    private static final long FEW_FRAMES = 32;
    private static final long RELIABLE_COUNTS = 64;
    private static final int SMOOTHING_RADIUS = 2;
    // Dim pixels get levels in whole octaves: finer steps cost more model bytes than they save in coding.
    private static final int DIM_LEVEL_STEP = 8;

    /** 16 x the mean offset of the dim pixels (fewer than RELIABLE_COUNTS) in the 5x5 window around p. */
    private long neighbourhoodMean16(long[] offsetSum, int p) {
        int py = p / width;
        int px = p % width;
        long total = 0;
        long dim = 0;
        for (int y = Math.max(0, py - SMOOTHING_RADIUS); y <= Math.min(height - 1, py + SMOOTHING_RADIUS); y++) {
            for (int x = Math.max(0, px - SMOOTHING_RADIUS); x <= Math.min(width - 1, px + SMOOTHING_RADIUS); x++) {
                long s = offsetSum[y * width + x];
                if (s < RELIABLE_COUNTS) {
                    total += s;
                    dim++;
                }
            }
        }
        return 16 * total / (dim * frames);
    }
}
