package org.stemz.cli;

import org.stemz.ErrorCode;
import org.stemz.StemzException;

/** The user asked for something impossible: exit code 2 with the message, no stack trace. */
public final class UsageException extends StemzException {
    public UsageException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, -1, message);
    }
}
