package org.stemz.cli.input;

import java.nio.ByteOrder;
import org.stemz.DataType;

/**
 * What a frame stream delivers: frames of {@code height x width} elements of {@code type} in {@code order}; the
 * frames expected ({@code -1} if the stream does not say), the scan they form (null if unknown) and the source's
 * metadata as a JSON object.
 */
public record StreamLayout(DataType type, ByteOrder order, int height, int width, long expectedFrames, long[] scan,
                           String metadataJson) {
    public int frameBytes() {
        return height * width * type.size();
    }
}
