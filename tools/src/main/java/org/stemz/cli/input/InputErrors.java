package org.stemz.cli.input;

import java.nio.file.Path;
import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;
import org.stemz.LimitExceededException;
import org.stemz.UnsupportedFormatException;

/** Typed errors for untrusted input files, always naming the file and, where known, the byte offset. */
public final class InputErrors {
    private InputErrors() {
    }

    public static CorruptInputException corrupt(Path file, long offset, String message) {
        return new CorruptInputException(ErrorCode.RESERVED_VALUE, offset, file + ": " + message);
    }

    public static CorruptInputException truncated(Path file, long offset, String message) {
        return new CorruptInputException(ErrorCode.TRUNCATED, offset, file + ": " + message);
    }

    public static UnsupportedFormatException unsupported(Path file, String message) {
        return new UnsupportedFormatException(ErrorCode.UNSUPPORTED_INPUT, -1, file + ": " + message);
    }

    public static LimitExceededException limit(Path file, long offset, String message) {
        return new LimitExceededException(offset, file + ": " + message);
    }

    /** Throws a corrupt-input error unless {@code condition} holds. */
    public static void check(boolean condition, Path file, long offset, String message) {
        if (!condition) {
            throw corrupt(file, offset, message);
        }
    }
}
