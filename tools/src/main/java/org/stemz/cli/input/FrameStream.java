package org.stemz.cli.input;

import java.io.Closeable;
import java.io.IOException;

/**
 * Frames that arrive one after another and can be read once: a detector's TCP stream, standard input, a file
 * that is still being written. Read from one thread; {@link #close()} may be called from another to stop it.
 */
public interface FrameStream extends Closeable {
    StreamLayout layout();

    /**
     * Reads the next frame into {@code dst} from {@code offset} ({@link StreamLayout#frameBytes()} bytes). Returns
     * false when the stream has ended cleanly at a frame boundary; throws {@link FrameStreamException} when it is
     * malformed, cut inside a frame, ends before the frames it announced, or stalls.
     */
    boolean next(byte[] dst, int offset) throws IOException;

    /** Bytes consumed from the stream so far (safe to call from any thread). */
    long bytesRead();

    /** Why the stream ended, once {@link #next} has returned false. */
    String endReason();

    /** Frames missing according to the frames' sequence numbers, where the format has them. */
    default long sequenceGaps() {
        return 0;
    }
}
