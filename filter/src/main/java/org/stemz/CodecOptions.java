package org.stemz;

/** Encoder settings. Immutable; use the withers. Decoding needs no options: everything is in the stream. */
public final class CodecOptions {
    /** Default chunk target: about 4 MiB of raw data per chunk, rounded to whole frames. */
    public static final long DEFAULT_CHUNK_BYTES = 4L << 20;

    private final int threads;
    private final int framesPerChunk;
    private final String metadata;

    private CodecOptions(int threads, int framesPerChunk, String metadata) {
        this.threads = threads;
        this.framesPerChunk = framesPerChunk;
        this.metadata = metadata;
    }

    public static CodecOptions defaults() {
        return new CodecOptions(Runtime.getRuntime().availableProcessors(), 0, "");
    }

    /** Worker threads for chunk coding (1 = in the calling thread). */
    public CodecOptions withThreads(int n) {
        if (n < 1) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "threads must be at least 1, got " + n);
        }
        return new CodecOptions(n, framesPerChunk, metadata);
    }

    /** Frames per chunk; 0 chooses about {@link #DEFAULT_CHUNK_BYTES} of raw data per chunk. */
    public CodecOptions withFramesPerChunk(int n) {
        if (n < 0) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "frames per chunk must be >= 0, got " + n);
        }
        return new CodecOptions(threads, n, metadata);
    }

    /** UTF-8 JSON (or any text) stored in the archive's metadata block. */
    public CodecOptions withMetadata(String json) {
        return new CodecOptions(threads, framesPerChunk, json == null ? "" : json);
    }

    public int threads() {
        return threads;
    }

    public int framesPerChunk() {
        return framesPerChunk;
    }

    public String metadata() {
        return metadata;
    }

    /** The frames per chunk to use for frames of the given size in bytes. */
    public int framesPerChunkFor(long frameBytes) {
        if (framesPerChunk > 0) {
            return framesPerChunk;
        }
        return (int) Math.max(1, Math.min(4096, DEFAULT_CHUNK_BYTES / Math.max(1, frameBytes)));
    }
}
