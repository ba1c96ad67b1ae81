package org.stemz.cli.input;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/**
 * A frame stream (a detector's TCP stream, a pipe, a growing file) that is malformed, cut short or stalled: names
 * the stream, the frame (counted from 0) and the byte offset in the stream where the problem was found.
 */
public final class FrameStreamException extends CorruptInputException {
    private final long frame;

    public FrameStreamException(ErrorCode code, long offset, String source, long frame, String message) {
        super(code, offset, source + ": frame " + frame + ": " + message);
        this.frame = frame;
    }

    /** The frame being read when the problem was found (the number of complete frames before it). */
    public long frame() {
        return frame;
    }
}
