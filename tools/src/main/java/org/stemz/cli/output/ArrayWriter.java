package org.stemz.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import org.stemz.ArrayDescriptor;

/** Writes a decoded array to an output stream in one file format. */
public interface ArrayWriter {
    /** Writes whatever precedes the elements. */
    void begin(OutputStream out, ArrayDescriptor d, String metadata) throws IOException;

    /** Writes whatever follows the elements. */
    default void end(OutputStream out) throws IOException {
    }
}
