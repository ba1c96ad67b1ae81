package org.stemz;

/** The stream is of a version, or uses a feature, this implementation does not know. */
public class UnsupportedFormatException extends StemzException {
    public UnsupportedFormatException(ErrorCode code, long offset, String message) {
        super(code, offset, message);
    }
}
