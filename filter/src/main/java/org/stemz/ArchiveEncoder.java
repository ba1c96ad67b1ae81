package org.stemz;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.stemz.codec.ChunkEncoder;
import org.stemz.codec.CodingMode;
import org.stemz.codec.Model;
import org.stemz.codec.Parallel;
import org.stemz.codec.PixelModel;
import org.stemz.codec.PixelStatistics;
import org.stemz.codec.SampleFormat;

/**
 * The encoder shared by the in-memory codec and the streaming writer. Three passes over the chunks: per-pixel
 * statistics, context histograms (which give the model; with few frames, for each of two candidate models, keeping
 * the smaller), coding. The model is learned from every frame, so every
 * (context, token) pair coded has a frequency in its table and no escape symbol is needed. Memory: per worker one
 * chunk and one set of statistics or counts, plus a bounded window of coded chunks; never a function of the
 * number of frames unless the caller asks to keep chunk analyses between passes (in-memory inputs only).
 */
final class ArchiveEncoder {
    /** Up to this many samples (about 5 bytes each), in-memory encodes keep analyses between passes 2 and 3. */
    private static final long KEEP_ANALYSES_MAX_SAMPLES = 1L << 27;
    /** Memory for the per-worker (context, token) count arrays of pass 2. */
    private static final long COUNTS_BYTES = 256L << 20;

    /** Where a chunk's frames are: an array and the offset of the chunk's first byte in it. */
    record Slice(byte[] array, int offset) {
    }

    /** The frames of chunk {@code c}; called from worker threads. */
    interface Chunks {
        Slice get(int c, long firstFrame, int frames) throws IOException;
    }

    /** Receives the archive's bytes in order. */
    interface Output {
        void write(byte[] bytes) throws IOException;
    }

    private final ArrayDescriptor d;
    private final CodecOptions options;
    private final Chunks source;
    private final ProgressListener progress;
    private final long frameBytes;
    private final int framesPerChunk;
    private final int chunks;

    private ArchiveEncoder(ArrayDescriptor d, CodecOptions options, Chunks source, ProgressListener progress) {
        this.d = d;
        this.options = options;
        this.source = source;
        this.progress = progress;
        this.frameBytes = (long) d.framePixels() * d.type().size();
        this.framesPerChunk = options.framesPerChunkFor(frameBytes);
        if ((long) framesPerChunk * frameBytes > Limits.MAX_CHUNK_BYTES) {
            throw new LimitExceededException(-1, framesPerChunk + " frames of " + frameBytes
                    + " bytes exceed the chunk limit of " + Limits.MAX_CHUNK_BYTES + " bytes");
        }
        long count = (d.frames() + framesPerChunk - 1) / framesPerChunk;
        if (count > Integer.MAX_VALUE - 16) {
            throw new LimitExceededException(-1, count + " chunks: use more frames per chunk");
        }
        this.chunks = (int) count;
        long metadataBytes = options.metadata().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (metadataBytes > Limits.MAX_METADATA_BYTES) {
            throw new LimitExceededException(-1, "metadata of " + metadataBytes + " bytes exceeds the limit of "
                    + Limits.MAX_METADATA_BYTES);
        }
    }

    static ArchiveSummary encode(ArrayDescriptor d, Chunks source, CodecOptions options, boolean inMemory,
                                 Output out, ProgressListener progress) throws IOException {
        return new ArchiveEncoder(d, options, source, progress).encode(inMemory, out);
    }

    private ArchiveSummary encode(boolean inMemory, Output out) throws IOException {
        boolean keep = inMemory && d.elementCount() <= KEEP_ANALYSES_MAX_SAMPLES;
        Candidate best = null;
        for (PixelModel candidate : statistics().candidateModels()) {
            ChunkEncoder.Analysis[] analyses = keep ? new ChunkEncoder.Analysis[chunks] : null;
            long[] counts = histograms(candidate, analyses);
            Model m = Model.fromCounts(candidate, counts);
            ArchiveHeader h = new ArchiveHeader(d, framesPerChunk, options.metadata(), m);
            double bits = 8.0 * h.modelBytes() + m.codedBits(counts);
            if (best == null || bits < best.bits) {
                best = new Candidate(h, analyses, bits);
            }
        }
        ArchiveHeader header = best.header;
        ChunkEncoder.Analysis[] kept = best.analyses;
        Model model = header.model();
        PixelModel pixels = model.pixels();
        if (header.modelBytes() > Limits.MAX_MODEL_BYTES) { // decoders would refuse the archive
            throw new LimitExceededException(-1, "model of " + header.modelBytes() + " bytes exceeds the limit");
        }
        byte[] head = header.encode();
        out.write(head);
        SampleFormat format = new SampleFormat(d.type(), d.order(), model.mode());
        ChunkIndex index = new ChunkIndex(chunks, ArchiveHeader.VERSION);
        long[] position = {head.length};
        int threads = options.threads();
        OrderedPipeline.run(chunks, threads, 2 * threads, c -> {
            Slice s = slice(c);
            ChunkEncoder.Analysis a = kept != null ? kept[c]
                    : ChunkEncoder.analyse(pixels, format, s.array(), s.offset(), framesIn(c));
            if (kept != null) {
                kept[c] = null;
            }
            long decodedCrc = Checksums.crc32c(s.array(), s.offset(), (int) (framesIn(c) * frameBytes));
            byte[] record = ChunkRecord.build(framesIn(c), decodedCrc, null, ChunkEncoder.encode(a, model));
            return new CodedChunk(record, decodedCrc);
        }, (c, coded) -> {
            out.write(coded.bytes);
            index.set(c, position[0], coded.bytes.length, ChunkRecord.crc(coded.bytes, 0, coded.bytes.length),
                    coded.decodedCrc);
            position[0] += coded.bytes.length;
            progress.progress("coding", c + 1L, chunks);
        });
        byte[] tail = index.encode(position[0]);
        out.write(tail);
        return new ArchiveSummary(header, index, position[0] + tail.length);
    }

    private record CodedChunk(byte[] bytes, long decodedCrc) {
    }

    /** A candidate model, its chunk analyses if kept for pass 3, and the bits it would take. */
    private record Candidate(ArchiveHeader header, ChunkEncoder.Analysis[] analyses, double bits) {
    }

    private int framesIn(int c) {
        return (int) Math.min(framesPerChunk, d.frames() - (long) c * framesPerChunk);
    }

    private Slice slice(int c) {
        try {
            return source.get(c, (long) c * framesPerChunk, framesIn(c));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ChunkEncoder.Analysis analyse(PixelModel pixels, SampleFormat format, int c) {
        Slice s = slice(c);
        return ChunkEncoder.analyse(pixels, format, s.array(), s.offset(), framesIn(c));
    }

    /** Pass 1: one accumulator per worker (min, max and sums merge in any order, so the result is deterministic). */
    private PixelStatistics statistics() {
        int workers = workers();
        PixelStatistics[] parts = new PixelStatistics[workers];
        AtomicLong done = new AtomicLong();
        Parallel.forEach(workers, workers, w -> {
            parts[w] = new PixelStatistics(d.type(), d.order(), d.frameHeight(), d.frameWidth());
            for (int c = w; c < chunks; c += workers) {
                Slice s = slice(c);
                parts[w].add(s.array(), s.offset(), framesIn(c));
                progress.progress("statistics", done.incrementAndGet(), chunks);
            }
        });
        PixelStatistics stats = new PixelStatistics(d.type(), d.order(), d.frameHeight(), d.frameWidth());
        for (PixelStatistics p : parts) {
            stats.merge(p);
        }
        return stats;
    }

    /** Pass 2: (context, token) counts over all chunks, one count array per worker. */
    private long[] histograms(PixelModel pixels, ChunkEncoder.Analysis[] kept) {
        CodingMode mode = pixels.mode();
        SampleFormat format = new SampleFormat(d.type(), d.order(), mode);
        // A float64 count array takes 64 MiB: on many cores, fewer workers keep the pass within COUNTS_BYTES.
        int workers = (int) Math.min(workers(), Math.max(1, COUNTS_BYTES / (8L * pixels.tableCells())));
        long[][] parts = new long[workers][];
        AtomicLong done = new AtomicLong();
        Parallel.forEach(workers, workers, w -> {
            parts[w] = new long[pixels.tableCells()];
            for (int c = w; c < chunks; c += workers) {
                ChunkEncoder.Analysis a = analyse(pixels, format, c);
                if (kept != null) {
                    kept[c] = a;
                }
                ChunkEncoder.count(a, parts[w]);
                progress.progress("histograms", done.incrementAndGet(), chunks);
            }
        });
        long[] counts = parts[0];
        for (int w = 1; w < workers; w++) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += parts[w][i];
            }
        }
        return counts;
    }

    private int workers() {
        return Math.max(1, Math.min(options.threads(), chunks));
    }
}
