package org.stemz;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.stemz.codec.ChunkEncoder;
import org.stemz.codec.CodingMode;
import org.stemz.codec.Model;
import org.stemz.codec.ModelCodec;
import org.stemz.codec.PixelModel;
import org.stemz.codec.PixelStatistics;
import org.stemz.codec.SampleFormat;

/**
 * Chooses the model of one chunk for a one-pass writer. Learning a model means analysing the chunk once per
 * candidate, so it is done only when the current model cannot code the chunk at all (a value below a pixel's
 * base, a non-integer float): otherwise the chunk is coded with the current model, or with fresh tables on the
 * current pixel model when the current tables lack a symbol of the chunk or fresh ones repay their bytes. A new
 * model is learned from the statistics of every chunk written so far and of this one, plus a margin frame below
 * the minima seen ({@link PixelRange}), so that it goes on coding the chunks that follow.
 */
final class ChunkModels {
    private ChunkModels() {
    }

    /**
     * What the writer knows when it queues a chunk: the model of the last chunk written that carried one and its
     * packed size; that model's bases when known (null: ask the model); the statistics of the opening chunks; the
     * range of every chunk written (null for float types); the chunk that learned the model's pixels and the
     * counts of every chunk written that was coded with them.
     */
    record State(Model model, int modelBytes, long[] bases, PixelStatistics history, PixelRange range,
                 int pixelsChunk, long[] seen) {
        static final State EMPTY = new State(null, 0, null, null, null, 0, null);
    }

    /**
     * A chunk analysed with its model; {@code packedModel} is non-null when the chunk must carry the model,
     * {@code bases} are the model's bases when known. {@code range} (null for float types) and {@code counts}
     * describe the chunk for the writer's state; {@code learned}: the model has new pixels, not just new tables.
     */
    record Choice(Model model, byte[] packedModel, long[] bases, ChunkEncoder.Analysis analysis, PixelRange range,
                  long[] counts, boolean learned) {
    }

    /**
     * The first model of a stream and what it was learned from; the first chunk carries {@code packed}.
     * {@code analyses} holds each opening chunk analysed with the model's pixels, taken once by
     * {@link #withModel} (learning analysed them already: coding them needs no second analysis).
     */
    record Opening(Model model, byte[] packed, long[] bases, PixelStatistics history, PixelRange range,
                   long[] counts, ChunkEncoder.Analysis[] analyses) {
        State state() {
            return new State(model, packed.length, bases, history, range, 0, counts);
        }
    }

    /** Frames of one chunk: {@code frames} frames from byte 0 of {@code data}. */
    record Chunk(byte[] data, int frames) {
    }

    /** A model learned from statistics: its packed form, and its bases when known. */
    private record Learned(PixelModel pixels, Model model, byte[] packed, long[] bases, long[] counts,
                           ChunkEncoder.Analysis[] analyses) {
    }

    /**
     * Learns the first model of a stream from its first chunks together (statistics and tables from all of them,
     * as the three-pass encoder learns from all frames), with the worker threads of {@code pool}. {@code alone}:
     * these chunks are the whole stream.
     */
    static Opening open(ExecutorService pool, List<Chunk> chunks, DataType type, ByteOrder order, int height,
                        int width, boolean alone) throws InterruptedException, ExecutionException {
        List<Future<PixelStatistics>> statsParts = new ArrayList<>();
        List<Future<PixelRange>> rangeParts = new ArrayList<>();
        for (Chunk k : chunks) {
            statsParts.add(pool.submit(() -> {
                PixelStatistics s = new PixelStatistics(type, order, height, width);
                s.add(k.data(), 0, k.frames());
                return s;
            }));
            if (!type.isFloating()) {
                rangeParts.add(pool.submit(() -> PixelRange.of(type, order, height * width, k.data(), 0, k.frames())));
            }
        }
        PixelStatistics history = new PixelStatistics(type, order, height, width);
        for (Future<PixelStatistics> f : statsParts) {
            history.merge(f.get());
        }
        PixelRange range = null;
        for (Future<PixelRange> f : rangeParts) {
            range = PixelRange.union(range, f.get());
        }
        PixelStatistics learnFrom = history;
        long[] margin = null;
        if (!alone && range != null) {
            learnFrom = new PixelStatistics(type, order, height, width);
            learnFrom.merge(history);
            margin = range.marginValues();
            learnFrom.add(PixelRange.frame(type, order, margin), 0, 1);
        }
        Learned best = learnBest(learnFrom, margin, candidate -> {
            SampleFormat format = new SampleFormat(type, order, candidate.mode());
            List<Future<ChunkEncoder.Analysis>> parts = new ArrayList<>();
            for (Chunk k : chunks) {
                parts.add(pool.submit(() -> ChunkEncoder.analyse(candidate, format, k.data(), 0, k.frames())));
            }
            ChunkEncoder.Analysis[] analyses = new ChunkEncoder.Analysis[parts.size()];
            long[] counts = new long[candidate.tableCells()];
            for (int i = 0; i < parts.size(); i++) {
                analyses[i] = parts.get(i).get();
                ChunkEncoder.count(analyses[i], counts);
            }
            return new Counted(counts, analyses);
        }, alone);
        return new Opening(best.model(), best.packed(), best.bases(), history, range, best.counts(), best.analyses());
    }

    /** A candidate's counts over the chunks it is learned for, and the analyses of those chunks. */
    private record Counted(long[] counts, ChunkEncoder.Analysis[] analyses) {
    }

    private interface Counter {
        Counted count(PixelModel candidate) throws InterruptedException, ExecutionException;
    }

    /**
     * The candidate models of {@code learnFrom}, each with tables from the counts {@code counter} gives, and the
     * smallest (model bytes and coded bits) kept. With a single candidate (more than a few frames) it is the one
     * whose bases are the minima, so the bases are the margin values when a margin frame was added.
     */
    private static Learned learnBest(PixelStatistics learnFrom, long[] margin, Counter counter, boolean exact)
            throws InterruptedException, ExecutionException {
        List<PixelModel> candidates = learnFrom.streamCandidateModels();
        Learned best = null;
        double bestBits = Double.MAX_VALUE;
        for (PixelModel candidate : candidates) {
            Counted c = counter.count(candidate);
            Model m = exact ? Model.fromCounts(candidate, c.counts()) : tablesFor(candidate, c.counts());
            byte[] packed = ModelCodec.write(m);
            double bits = 8.0 * packed.length + m.codedBits(c.counts());
            if (bits < bestBits) {
                bestBits = bits;
                long[] bases = candidates.size() == 1 && candidate.mode() == CodingMode.INT ? margin : null;
                best = new Learned(candidate, m, packed, bases, c.counts(), c.analyses());
            }
        }
        return best;
    }

    /**
     * Opening chunk {@code c}, coded with the opening model (which learned from it: nothing to decide) and the
     * analysis learning made of it; the opening lets go of that analysis, so each is held only until it is coded.
     */
    static Choice withModel(Opening o, int c) {
        ChunkEncoder.Analysis a = o.analyses()[c];
        o.analyses()[c] = null;
        return new Choice(o.model(), c == 0 ? o.packed() : null, o.bases(), a, null, null, false);
    }

    /**
     * Chooses the model of {@code frames} frames from byte {@code offset} of {@code src}, a chunk after the opening
     * ({@code state} has a model and a history).
     */
    static Choice choose(State state, DataType type, ByteOrder order, int height, int width, byte[] src, int offset,
                         int frames) {
        PixelRange range = type.isFloating() ? null : PixelRange.minimaSuffice(type)
                ? PixelRange.minimaOf(type, order, height * width, src, offset, frames)
                : PixelRange.of(type, order, height * width, src, offset, frames);
        Model current = state.model();
        SampleFormat format = new SampleFormat(type, order, current.mode());
        boolean fits = state.bases() != null && range != null ? range.fitsAbove(state.bases())
                : current.pixels().canCode(format, src, offset, frames);
        if (fits) {
            ChunkEncoder.Analysis a = ChunkEncoder.analyse(current.pixels(), format, src, offset, frames);
            long[] counts = counts(a, current.pixels());
            if (current.covers(counts)) {
                return keepOrRefresh(state, a, range, counts);
            }
            if (!backToIntegers(current, type, order, height, width, src, offset, frames)) {
                // a symbol the current tables lack: new tables on the same pixel model, from every chunk it
                // coded and this one (so they cover all that was seen), and no new analysis
                long[] all = counts.clone();
                for (int i = 0; i < all.length; i++) {
                    all[i] += state.seen()[i];
                }
                Model covering = tablesFor(current.pixels(), all);
                return new Choice(covering, ModelCodec.write(covering), state.bases(), a, range, counts, false);
            }
        }
        // learn: from the opening's statistics, this chunk's, and a margin below every minimum seen so far
        PixelStatistics learnFrom = new PixelStatistics(type, order, height, width);
        learnFrom.merge(state.history());
        learnFrom.add(src, offset, frames);
        PixelRange seen = PixelRange.union(state.range(), range);
        long[] margin = null;
        if (seen != null) {
            margin = seen.marginValues();
            learnFrom.add(PixelRange.frame(type, order, margin), 0, 1);
        }
        try {
            Learned l = learnBest(learnFrom, margin, candidate -> {
                ChunkEncoder.Analysis a = ChunkEncoder.analyse(candidate,
                        new SampleFormat(type, order, candidate.mode()), src, offset, frames);
                return new Counted(counts(a, candidate), new ChunkEncoder.Analysis[] {a});
            }, false);
            return new Choice(l.model(), l.packed(), l.bases(), l.analyses()[0], range, l.counts(), true);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("unreachable: counting in the calling thread", e);
        }
    }

    /** The current model, or fresh tables on its pixels when they repay their bytes in this chunk alone. */
    private static Choice keepOrRefresh(State state, ChunkEncoder.Analysis a, PixelRange range, long[] counts) {
        Model current = state.model();
        // No tables code the counts in fewer bits than their entropy: most chunks need not build fresh ones.
        double currentBits = current.codedBits(counts);
        if (currentBits - entropyBits(counts, current.pixels()) > 8.0 * state.modelBytes()) {
            Model refreshed = tablesFor(current.pixels(), counts);
            double saving = currentBits - refreshed.codedBits(counts);
            // fresh tables cost about what the current model's tables cost: pack only if they may repay it
            if (saving > 8.0 * state.modelBytes()) {
                byte[] packed = ModelCodec.write(refreshed);
                if (saving > 8.0 * packed.length) {
                    return new Choice(refreshed, packed, state.bases(), a, range, counts, false);
                }
            }
        }
        return new Choice(current, null, state.bases(), a, range, counts, false);
    }

    /**
     * Whether a float stream coded in a float mode (bit patterns) has come back to integer values, which INT mode
     * codes far smaller: then a new model is learned rather than new float tables.
     */
    private static boolean backToIntegers(Model current, DataType type, ByteOrder order, int height, int width,
                                          byte[] src, int offset, int frames) {
        if (!type.isFloating() || current.mode() == CodingMode.INT) {
            return false;
        }
        PixelStatistics chunk = new PixelStatistics(type, order, height, width);
        chunk.add(src, offset, frames);
        return chunk.mode() == CodingMode.INT;
    }

    /**
     * The smallest number of bits any tables could code {@code counts} in: per table its empirical entropy, plus
     * the raw bits of each token (as {@link Model#codedBits} counts them).
     */
    static double entropyBits(long[] counts, PixelModel pm) {
        int tables = pm.tableContexts();
        int alphabet = pm.tableCells() / tables;
        double ln2 = StrictMath.log(2);
        double bits = 0;
        for (int c = 0; c < tables; c++) {
            long total = 0;
            for (int t = 0; t < alphabet; t++) {
                total += counts[c * alphabet + t];
            }
            if (total == 0) {
                continue;
            }
            double logTotal = StrictMath.log(total);
            for (int t = 0; t < alphabet; t++) {
                long n = counts[c * alphabet + t];
                if (n != 0) {
                    bits += n * ((logTotal - StrictMath.log(n)) / ln2 + rawBits(pm.mode(), t));
                }
            }
        }
        return bits;
    }

    /** Raw bits after a token, as the format defines them (INT: 0 below 16, then 2 more every 4 tokens). */
    private static int rawBits(CodingMode mode, int token) {
        if (mode == CodingMode.INT) {
            return token < 16 ? 0 : ((token - 16) >> 2) + 2;
        }
        return mode == CodingMode.FLOAT32 ? 21 : 52;
    }

    /** Tables for the counts of one chunk that also code the symbols near them ({@link TableSmoothing}). */
    private static Model tablesFor(PixelModel pm, long[] counts) {
        return Model.fromCounts(pm, TableSmoothing.smoothed(pm, counts));
    }

    private static long[] counts(ChunkEncoder.Analysis a, PixelModel pm) {
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(a, counts);
        return counts;
    }
}
