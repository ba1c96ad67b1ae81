package org.stemz.cli.output;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a decoded array in one file format: the frames arrive in order on {@link #frames()}. */
public interface ArrayWriter extends AutoCloseable {
    /** Where the decoded frames go, C order, in the array's byte order. */
    OutputStream frames() throws IOException;

    /** Completes the file after the last frame. */
    void finish() throws IOException;

    /** Releases what the writer holds, finished or not. */
    @Override
    default void close() throws IOException {
    }
}
