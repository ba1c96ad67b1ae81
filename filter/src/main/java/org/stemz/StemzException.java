package org.stemz;

/**
 * Root of every error stemz reports. Carries a stable {@link ErrorCode} and, where known, the byte offset in the
 * input at which the problem was found (-1 when not applicable).
 */
public class StemzException extends RuntimeException {
    private final ErrorCode code;
    private final long offset;

    public StemzException(ErrorCode code, long offset, String message) {
        super(code + (offset >= 0 ? " at byte " + offset : "") + ": " + message);
        this.code = code;
        this.offset = offset;
    }

    public StemzException(ErrorCode code, long offset, String message, Throwable cause) {
        this(code, offset, message);
        initCause(cause);
    }

    public ErrorCode code() {
        return code;
    }

    public long offset() {
        return offset;
    }
}
