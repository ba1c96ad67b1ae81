package org.stemz;

/** A declared size exceeds a resource limit; nothing was allocated for it. */
public class LimitExceededException extends StemzException {
    public LimitExceededException(long offset, String message) {
        super(ErrorCode.LIMIT_EXCEEDED, offset, message);
    }
}
