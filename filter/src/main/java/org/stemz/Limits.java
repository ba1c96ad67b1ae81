package org.stemz;

/** Resource limits of format version 1. A decoder rejects any declared size above them before allocating. */
public final class Limits {
    /** Largest frame: 4096 x 4096 detector pixels. */
    public static final long MAX_FRAME_PIXELS = 1L << 24;
    /** Largest number of axes. */
    public static final int MAX_AXES = 8;
    /** Largest decoded chunk, in bytes (also bounds frames per chunk). */
    public static final long MAX_CHUNK_BYTES = 1L << 30;
    /** Largest coded chunk, in bytes. */
    public static final long MAX_CODED_CHUNK_BYTES = (1L << 30) + (1L << 20);
    /** Largest serialised model, in bytes. */
    public static final int MAX_MODEL_BYTES = 1 << 28;
    /** Largest metadata block, in bytes. */
    public static final int MAX_METADATA_BYTES = 1 << 24;
    /** Largest number of chunks. */
    public static final long MAX_CHUNKS = 1L << 32;

    private Limits() {
    }
}
