package org.stemz.cli.input;

import java.io.IOException;
import org.stemz.ArrayDescriptor;
import org.stemz.FrameSource;

/**
 * An input array read frame by frame, so datasets need not fit in memory. Frames are delivered C-order in
 * {@link ArrayDescriptor#order()}. Reads may come in any order and from several threads at once (the archive
 * writer makes several passes in parallel).
 */
public interface ArraySource extends AutoCloseable {
    ArrayDescriptor descriptor();

    /** The source's metadata as a JSON object, stored in the archive's metadata block. */
    String metadataJson();

    /**
     * What the reader did not carry into the array and the user should know (EMPAD's per-frame metadata rows),
     * one sentence each; printed by compress and verify --against.
     */
    default java.util.List<String> notes() {
        return java.util.List.of();
    }

    /** Copies frames [{@code first}, {@code first + count}) into {@code dst} at {@code offset}. */
    void readFrames(long first, int count, byte[] dst, int offset) throws IOException;

    /** This source as the archive writer's frame source (closing stays with this source). */
    default FrameSource frames() {
        return (first, count, dst) -> readFrames(first, count, dst, 0);
    }

    @Override
    void close() throws IOException;
}
