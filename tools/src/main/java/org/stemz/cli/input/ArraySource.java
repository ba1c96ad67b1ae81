package org.stemz.cli.input;

import java.io.IOException;
import org.stemz.ArrayDescriptor;

/**
 * An input array read frame by frame, in order, so that whole datasets need not fit in memory once the
 * streaming archive writer exists. Frames are delivered C-order in {@link ArrayDescriptor#order()}.
 */
public interface ArraySource extends AutoCloseable {
    ArrayDescriptor descriptor();

    /** The source's metadata as a JSON object, stored in the archive's metadata block. */
    String metadataJson();

    /** Reads the next {@code frames} frames into {@code dst} at {@code offset}. */
    void readFrames(byte[] dst, int offset, int frames) throws IOException;

    @Override
    void close() throws IOException;
}
