package org.stemz;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.stemz.codec.ChunkEncoder;
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
     * What the writer knows when it queues a chunk: the model of the last chunk written that carried one (null at
     * first) and its packed size, and the statistics of the chunks written (null before the first is written).
     */
    record State(Model model, int modelBytes, PixelStatistics history, PixelRange range, long[] seen) {
        static final State EMPTY = new State(null, 0, null, null, null);
    }

    /**
     * A chunk analysed with its model; {@code packedModel} is non-null when the chunk must carry the model.
     * {@code stats} and {@code range} (null for float types) describe the chunk, for the writer's history.
     */
    record Choice(Model model, byte[] packedModel, ChunkEncoder.Analysis analysis, PixelStatistics stats,
                  PixelRange range, long[] counts, boolean learned) {
    }

    /** The first model of a stream and what it was learned from; the first chunk carries {@code packed}. */
    record Opening(Model model, byte[] packed, PixelStatistics history, PixelRange range, long[] counts) {
        State state() {
            return new State(model, packed.length, history, range, counts);
        }
    }

    /** Frames of one chunk: {@code frames} frames from byte 0 of {@code data}. */
    record Chunk(byte[] data, int frames) {
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
        if (!alone && range != null) {
            learnFrom = new PixelStatistics(type, order, height, width);
            learnFrom.merge(history);
            learnFrom.add(range.marginFrame(type, order), 0, 1);
        }
        Opening best = null;
        double bestBits = Double.MAX_VALUE;
        for (PixelModel candidate : learnFrom.streamCandidateModels()) {
            SampleFormat format = new SampleFormat(type, order, candidate.mode());
            List<Future<long[]>> parts = new ArrayList<>();
            for (Chunk k : chunks) {
                parts.add(pool.submit(() -> counts(ChunkEncoder.analyse(candidate, format, k.data(), 0, k.frames()),
                        candidate)));
            }
            long[] counts = parts.get(0).get();
            for (int i = 1; i < parts.size(); i++) {
                long[] more = parts.get(i).get();
                for (int j = 0; j < counts.length; j++) {
                    counts[j] += more[j];
                }
            }
            Model m = alone ? Model.fromCounts(candidate, counts) : tablesFor(candidate, counts);
            byte[] packed = ModelCodec.write(m);
            double bits = 8.0 * packed.length + m.codedBits(counts);
            if (bits < bestBits) {
                bestBits = bits;
                best = new Opening(m, packed, history, range, counts);
            }
        }
        return best;
    }

    /** A chunk of the opening, coded with the opening model (which learned from it: nothing to decide). */
    static Choice withModel(Model model, byte[] packed, DataType type, ByteOrder order, byte[] src, int frames) {
        SampleFormat format = new SampleFormat(type, order, model.mode());
        return new Choice(model, packed, ChunkEncoder.analyse(model.pixels(), format, src, 0, frames), null, null,
                null, false);
    }

    /**
     * Chooses the model of {@code frames} frames from byte {@code offset} of {@code src}, a chunk after the opening
     * ({@code state} has a model and a history).
     */
    static Choice choose(State state, DataType type, ByteOrder order, int height, int width, byte[] src, int offset,
                         int frames) {
        PixelStatistics stats = new PixelStatistics(type, order, height, width);
        stats.add(src, offset, frames);
        PixelRange range = type.isFloating() ? null : PixelRange.of(type, order, height * width, src, offset, frames);
        Model current = state.model();
        if (current != null) {
            SampleFormat format = new SampleFormat(type, order, current.mode());
            if (current.pixels().canCode(format, src, offset, frames)) {
                ChunkEncoder.Analysis a = ChunkEncoder.analyse(current.pixels(), format, src, offset, frames);
                long[] counts = counts(a, current.pixels());
                if (!current.covers(counts)) {
                    // a symbol the current tables lack: new tables on the same pixel model, from every chunk it
                    // coded and this one (so they cover all that was seen), and no new analysis
                    long[] all = counts.clone();
                    for (int i = 0; i < all.length; i++) {
                        all[i] += state.seen()[i];
                    }
                    Model covering = tablesFor(current.pixels(), all);
                    return new Choice(covering, ModelCodec.write(covering), a, stats, range, counts, false);
                }
                Model refreshed = tablesFor(current.pixels(), counts);
                // fresh tables cost about what the current model's tables cost: pack only if they may repay it
                double saving = current.codedBits(counts) - refreshed.codedBits(counts);
                if (saving > 8.0 * state.modelBytes()) {
                    byte[] packed = ModelCodec.write(refreshed);
                    if (saving > 8.0 * packed.length) {
                        return new Choice(refreshed, packed, a, stats, range, counts, false);
                    }
                }
                return new Choice(current, null, a, stats, range, counts, false);
            }
        }
        PixelStatistics learnFrom = new PixelStatistics(type, order, height, width);
        learnFrom.merge(state.history());
        learnFrom.merge(stats);
        PixelRange seen = PixelRange.union(state.range(), range);
        if (seen != null) {
            learnFrom.add(seen.marginFrame(type, order), 0, 1);
        }
        return learn(learnFrom, type, order, src, offset, frames, stats, range);
    }

    /** The smallest of the candidate models learned from {@code learnFrom}, as the three-pass encoder chooses. */
    private static Choice learn(PixelStatistics learnFrom, DataType type, ByteOrder order, byte[] src, int offset,
                                int frames, PixelStatistics stats, PixelRange range) {
        Choice best = null;
        double bestBits = Double.MAX_VALUE;
        for (PixelModel candidate : learnFrom.streamCandidateModels()) {
            SampleFormat format = new SampleFormat(type, order, candidate.mode());
            ChunkEncoder.Analysis a = ChunkEncoder.analyse(candidate, format, src, offset, frames);
            long[] counts = counts(a, candidate);
            Model m = tablesFor(candidate, counts);
            byte[] packed = ModelCodec.write(m);
            double bits = 8.0 * packed.length + m.codedBits(counts);
            if (bits < bestBits) {
                bestBits = bits;
                best = new Choice(m, packed, a, stats, range, counts, true);
            }
        }
        return best;
    }

    /** Tables for the counts of one chunk that also code the symbols near them ({@link TableSmoothing}). */
    private static Model tablesFor(PixelModel pm, long[] counts) {
        return Model.fromCounts(pm, TableSmoothing.smoothed(pm, counts));
    }

    private static long[] counts(ChunkEncoder.Analysis a, PixelModel pm) {
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(a, pm.mode(), counts);
        return counts;
    }
}
