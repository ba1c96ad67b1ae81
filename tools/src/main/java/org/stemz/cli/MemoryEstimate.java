package org.stemz.cli;

import org.stemz.ArrayDescriptor;

/**
 * How much heap a command needs, estimated before it starts from what the archive header (or the input) declares:
 * chunk size, frame size, chunk count and threads. It is what the out-of-memory message reports, so the user knows
 * what {@code -Xmx} to give or how many threads to drop; it is an estimate from the codec's data structures, not a
 * measurement. The figures (bytes per pixel, per sample, per chunk) follow the arrays of ChunkDecoder,
 * ChunkEncoder, Model, PixelStatistics, ChunkIndex and the pipelines' windows of 2 x threads chunks.
 */
record MemoryEstimate(long bytes, int threads, String breakdown) {
    // threads: above 1 when fewer threads would help (their share is over a quarter of the total)
    /** The JVM, the command line and the libraries before any data. */
    private static final long BASE = 48L << 20;
    /** Per-chunk cost of the index in memory (four longs) plus its 20 bytes while being read. */
    private static final long INDEX_PER_CHUNK = 52;
    /** Per-chunk result of verify. */
    private static final long CHECK_PER_CHUNK = 56;
    /** Encoder analysis per sample: offsets and coding order (longs), contexts and tokens (shorts). */
    private static final long ANALYSIS_PER_SAMPLE = 20;
    /** Memory of the encoder's (context, token) count arrays of pass 2, at most (ArchiveEncoder.COUNTS_BYTES). */
    private static final long COUNTS = 256L << 20;

    /** Decoding {@code summary}'s archive on {@code threads} threads; {@code verify} keeps a result per chunk. */
    static MemoryEstimate decode(HeaderSummary s, int requestedThreads, boolean verify) {
        int threads = (int) Math.max(1, Math.min(requestedThreads, s.chunkCount())); // one chunk per worker
        long pixels = s.descriptor().framePixels();
        long chunk = s.chunkBytes();
        // per-pixel model arrays (base, level, context base: about 23 bytes per pixel measured on a 4096x4096
        // frame) plus its tables, taken as a multiple of its packed size
        long model = 24 * pixels + 32 * s.modelBytes();
        long index = (INDEX_PER_CHUNK + (verify ? CHECK_PER_CHUNK : 0)) * s.chunkCount();
        // decoded chunks in flight (window of 2 per thread) plus per worker a coded and a decoded chunk and
        // the decoder's two longs per frame pixel
        long work = threads * (3 * chunk + 16 * pixels) + Math.min(chunk, 2L * threads * chunk);
        long total = BASE + model + index + work;
        return new MemoryEstimate(total, work > total / 4 ? threads : 1, String.format("%d thread(s) x chunks of %s, model of %s, %d chunks", threads,
                mib(chunk), mib(s.modelBytes()), s.chunkCount()));
    }

    /** Compressing {@code d} in chunks of {@code framesPerChunk} frames on {@code threads} threads. */
    static MemoryEstimate encode(ArrayDescriptor d, int framesPerChunk, int requestedThreads) {
        long chunks = d.frames() == 0 ? 1 : (d.frames() + framesPerChunk - 1) / framesPerChunk;
        int threads = (int) Math.max(1, Math.min(requestedThreads, chunks));
        long pixels = d.framePixels();
        long samples = Math.min(d.elementCount(), (long) framesPerChunk * pixels);
        long chunk = samples * d.type().size();
        long perWorker = chunk + samples * ANALYSIS_PER_SAMPLE + 32 * pixels;
        long total = BASE + threads * perWorker + 2L * threads * chunk + COUNTS;
        return new MemoryEstimate(total, threads * perWorker > total / 4 ? threads : 1, String.format("%d thread(s) x chunks of %s, frames of %d pixels", threads,
                mib(chunk), pixels));
    }

    /** The one-line explanation of an OutOfMemoryError under this estimate. */
    String explain(long maxHeap) {
        return String.format("out of memory: this needs about %s (%s) but the JVM may use %s; run with "
                        + "JAVA_OPTS=-Xmx%dm%s", mib(bytes), breakdown, mib(maxHeap),
                Math.max(64, (bytes * 5 / 4 >> 20) + 1), threads > 1 ? " or fewer threads (-T)" : "");
    }

    static String mib(long bytes) {
        return bytes < 1 << 20 ? bytes + " bytes" : String.format("%d MiB", (bytes + (1 << 19)) >> 20);
    }
}
