package org.stemz;

import org.stemz.codec.ChunkEncoder;
import org.stemz.codec.CodingMode;
import org.stemz.codec.Model;
import org.stemz.codec.ModelCodec;
import org.stemz.codec.PixelModel;
import org.stemz.codec.PixelStatistics;
import org.stemz.codec.SampleFormat;

/**
 * Chooses the model of one chunk for a one-pass writer: keep the current model when it covers every symbol of the
 * chunk and fresh tables would not repay their bytes, refresh the tables when they would, learn a new model from
 * the chunk itself when the current one cannot code it (first chunk, new values, beam or sample change).
 */
final class ChunkModels {
    private ChunkModels() {
    }

    /** A chunk analysed with its model; {@code packedModel} is non-null when the chunk must carry the model. */
    record Choice(Model model, byte[] packedModel, ChunkEncoder.Analysis analysis) {
    }

    /** {@code currentBytes}: the packed size of {@code current} (what a new model costs, roughly). */
    static Choice choose(Model current, int currentBytes, DataType type, java.nio.ByteOrder order, int height, int width,
                         byte[] src, int offset, int frames) {
        if (current != null) {
            SampleFormat format = new SampleFormat(type, order, current.mode());
            if (current.pixels().canCode(format, src, offset, frames)) {
                ChunkEncoder.Analysis a = ChunkEncoder.analyse(current.pixels(), format, src, offset, frames);
                long[] counts = counts(a, current.pixels());
                if (current.covers(counts)) {
                    // fresh tables cost about what the current model's tables cost: pack only if they may repay it
                    Model refreshed = Model.fromCounts(current.pixels(), counts);
                    double saving = current.codedBits(counts) - refreshed.codedBits(counts);
                    if (saving > 8.0 * currentBytes) {
                        byte[] packed = ModelCodec.write(refreshed);
                        if (saving > 8.0 * packed.length) {
                            return new Choice(refreshed, packed, a);
                        }
                    }
                    return new Choice(current, null, a);
                }
            }
        }
        return learn(type, order, height, width, src, offset, frames);
    }

    /** The smallest of the candidate models learned from the chunk alone, as the three-pass encoder chooses. */
    static Choice learn(DataType type, java.nio.ByteOrder order, int height, int width, byte[] src, int offset,
                        int frames) {
        PixelStatistics stats = new PixelStatistics(type, order, height, width);
        stats.add(src, offset, frames);
        Choice best = null;
        double bestBits = Double.MAX_VALUE;
        for (PixelModel candidate : stats.streamCandidateModels()) {
            SampleFormat format = new SampleFormat(type, order, candidate.mode());
            ChunkEncoder.Analysis a = ChunkEncoder.analyse(candidate, format, src, offset, frames);
            long[] counts = counts(a, candidate);
            Model m = Model.fromCounts(candidate, counts);
            byte[] packed = ModelCodec.write(m);
            double bits = 8.0 * packed.length + m.codedBits(counts);
            if (bits < bestBits) {
                bestBits = bits;
                best = new Choice(m, packed, a);
            }
        }
        return best;
    }

    private static long[] counts(ChunkEncoder.Analysis a, PixelModel pm) {
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(a, pm.mode(), counts);
        return counts;
    }
}
