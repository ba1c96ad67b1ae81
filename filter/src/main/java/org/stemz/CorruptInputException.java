package org.stemz;

/** The input is not a well-formed stemz stream: truncated, malformed, or with values a writer never produces. */
public class CorruptInputException extends StemzException {
    public CorruptInputException(ErrorCode code, long offset, String message) {
        super(code, offset, message);
    }
}
