package org.stemz.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.stemz.ChecksumMismatchException;
import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;
import org.stemz.LimitExceededException;
import org.stemz.UnsupportedFormatException;
import org.stemz.StemzException;
import picocli.CommandLine;

/**
 * Process exit codes, one per error class, so scripts can tell a damaged archive from a typo. The table is
 * documented in tools/README.md; never renumber a code.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int CORRUPT_INPUT = 3;
    public static final int CHECKSUM_MISMATCH = 4;
    public static final int UNSUPPORTED_FORMAT = 5;
    public static final int IO_ERROR = 6;
    public static final int LIMIT_EXCEEDED = 7;
    /** {@code verify --against}: the archive is intact but its content differs from the source. */
    public static final int CONTENT_DIFFERS = 8;

    private ExitCodes() {
    }

    /** The exit code for an error code of the core. */
    public static int of(ErrorCode code) {
        switch (code) {
            case HEADER_CHECKSUM_MISMATCH:
            case CHUNK_CHECKSUM_MISMATCH:
            case DATA_CHECKSUM_MISMATCH:
                return CHECKSUM_MISMATCH;
            case BAD_MAGIC:
            case UNSUPPORTED_VERSION:
            case UNSUPPORTED_INPUT:
                return UNSUPPORTED_FORMAT;
            case LIMIT_EXCEEDED:
                return LIMIT_EXCEEDED;
            case INVALID_ARGUMENT:
                return USAGE;
            default:
                return CORRUPT_INPUT;
        }
    }

    /** The exit code for any exception a command lets escape: by exception class first, then by code. */
    public static int of(Throwable t) {
        if (OutOfMemory.isCause(t)) {
            return LIMIT_EXCEEDED;
        }
        if (t instanceof ChecksumMismatchException) {
            return CHECKSUM_MISMATCH;
        }
        if (t instanceof UnsupportedFormatException) {
            return UNSUPPORTED_FORMAT;
        }
        if (t instanceof LimitExceededException) {
            return LIMIT_EXCEEDED;
        }
        if (t instanceof CorruptInputException) {
            return CORRUPT_INPUT;
        }
        if (t instanceof StemzException) {
            return of(((StemzException) t).code());
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return IO_ERROR;
        }
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
