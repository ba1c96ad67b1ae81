package org.stemz;

/** A stored checksum does not match the bytes read or the data decoded. No data are returned. */
public class ChecksumMismatchException extends StemzException {
    public ChecksumMismatchException(ErrorCode code, long offset, String message) {
        super(code, offset, message);
    }
}
