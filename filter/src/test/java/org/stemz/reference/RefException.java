package org.stemz.reference;

import org.stemz.ErrorCode;

/** The reference decoder's only failure: a code from SPEC.md section 12. */
public final class RefException extends RuntimeException {
    public final ErrorCode code;

    RefException(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    static RefException fail(ErrorCode code, String message) {
        return new RefException(code, message);
    }
}
