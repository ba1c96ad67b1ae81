package org.stemz.hdf5;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.FilterConfigException;
import org.stemz.codec.ByteSource;
import org.stemz.codec.ChunkDecoder;
import org.stemz.codec.ChunkEncoder;
import org.stemz.codec.Model;
import org.stemz.codec.ModelCodec;
import org.stemz.codec.PixelModel;
import org.stemz.codec.PixelStatistics;
import org.stemz.codec.SampleFormat;

/**
 * Dataset models of the HDF5 filter's layout 2 (format-spec/HDF5-FILTER.md): learning one from a whole dataset,
 * and coding chunks with it. HDF5 hands the filter cd_values with every chunk; parsing a model of a few KiB per
 * one-frame chunk would cost more than decoding it, so parsed models are kept by content.
 */
public final class DatasetModels {
    /** Models kept; a process rarely reads more than a few stemz datasets at once. */
    private static final int CACHED = 16;
    private static final Map<Long, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(byte[] packed, Model model) {
    }

    private DatasetModels() {
    }

    /** Receives blocks of whole frames, stored back to back. */
    public interface FrameConsumer {
        void accept(byte[] frames, int offset, int count);
    }

    /** Something that can feed all frames of a dataset to a consumer, as often as asked. */
    public interface FrameBlocks {
        void forEach(FrameConsumer consumer) throws java.io.IOException;
    }

    /**
     * Learns the packed version-2 model of a dataset from all its frames (two passes: per-pixel statistics, then
     * context histograms for each candidate model, keeping the one that codes smallest). Frames whose bytes are
     * all zero (edge padding) are left out, as the chunk payload leaves them out.
     */
    public static byte[] learn(DataType type, java.nio.ByteOrder order, int height, int width, FrameBlocks blocks)
            throws java.io.IOException {
        int frameBytes = height * width * type.size();
        PixelStatistics stats = new PixelStatistics(type, order, height, width);
        blocks.forEach((b, off, n) -> forNonBlank(b, off, n, frameBytes, at -> stats.add(b, at, 1)));
        byte[] best = null;
        double bestBits = Double.MAX_VALUE;
        for (PixelModel candidate : stats.candidateModels()) {
            SampleFormat format = new SampleFormat(type, order, candidate.mode());
            long[] counts = new long[candidate.tableCells()];
            blocks.forEach((b, off, n) -> forNonBlank(b, off, n, frameBytes, at ->
                    ChunkEncoder.count(ChunkEncoder.analyse(candidate, format, b, at, 1), counts)));
            Model m = Model.fromCounts(candidate, counts);
            byte[] packed = ModelCodec.write(m);
            double bits = 8.0 * packed.length + m.codedBits(counts);
            if (bits < bestBits) {
                bestBits = bits;
                best = packed;
            }
        }
        return best;
    }

    private static void forNonBlank(byte[] b, int offset, int count, int frameBytes,
                                    java.util.function.IntConsumer frameAt) {
        for (int f = 0; f < count; f++) {
            int at = offset + f * frameBytes;
            if (!ChunkCodec.isZero(b, at, frameBytes)) {
                frameAt.accept(at);
            }
        }
    }

    /** Coded frames (SPEC.md section 8 layout) of {@code frames} frames of {@code data}, with the dataset model. */
    static byte[] encode(byte[] packedModel, ArrayDescriptor chunk, byte[] data, int frames) {
        Model m = model(packedModel, chunk);
        SampleFormat format = new SampleFormat(chunk.type(), chunk.order(), m.mode());
        if (!m.pixels().canCode(format, data, 0, frames)) {
            throw new FilterConfigException("stemz: a chunk holds values the dataset model cannot code (the model"
                    + " in cd_values was learned from other data)");
        }
        ChunkEncoder.Analysis a = ChunkEncoder.analyse(m.pixels(), format, data, 0, frames);
        long[] counts = new long[m.pixels().tableCells()];
        ChunkEncoder.count(a, counts);
        if (!m.covers(counts)) {
            throw new FilterConfigException("stemz: a chunk needs symbols the dataset model has no frequency for"
                    + " (the model in cd_values was learned from other data)");
        }
        return ChunkEncoder.encode(a, m);
    }

    /** Decodes {@code frames} frames coded with the dataset model into {@code out} from byte 0. */
    static void decode(byte[] packedModel, ArrayDescriptor chunk, byte[] src, int offset, int length, int frames,
                       ByteBuffer out) {
        Model m = model(packedModel, chunk);
        SampleFormat format = new SampleFormat(chunk.type(), chunk.order(), m.mode());
        ChunkDecoder.decode(m, format, src, offset, length, frames, out, 0, offset);
    }

    /** The parsed model (cached by content; a model is only valid for frames of the chunk's shape). */
    static Model model(byte[] packed, ArrayDescriptor chunk) {
        long key = (long) Arrays.hashCode(packed) << 32 ^ (long) chunk.frameHeight() << 16 ^ chunk.frameWidth();
        Cached c = CACHE.get(key);
        if (c != null && Arrays.equals(c.packed, packed) && c.model.pixels().pixels() == chunk.framePixels()) {
            return c.model;
        }
        Model m = ModelCodec.read(new ByteSource(packed, 0, packed.length, 0), chunk.frameHeight(),
                chunk.frameWidth(), 2);
        if (CACHE.size() >= CACHED) {
            CACHE.clear();
        }
        CACHE.put(key, new Cached(packed.clone(), m));
        return m;
    }
}
