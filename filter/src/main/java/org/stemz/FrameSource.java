package org.stemz;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Frames to compress, readable any number of times in any order (the writer makes three passes) and from several
 * threads at once. Frames are whole detector frames of the array's descriptor, in its byte order.
 */
public interface FrameSource extends Closeable {
    /** Copies frames [{@code first}, {@code first + count}) into {@code dst} from index 0. */
    void readFrames(long first, int count, byte[] dst) throws IOException;

    /** Releases what the source holds open; the writer never closes a source it was given. */
    @Override
    default void close() throws IOException {
    }

    /** Frames held in memory: {@code data} is the whole array in C order. */
    static FrameSource of(byte[] data, ArrayDescriptor descriptor) {
        if (data.length != descriptor.byteSize()) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "data holds " + data.length
                    + " bytes but " + descriptor + " needs " + descriptor.byteSize());
        }
        long frameBytes = (long) descriptor.framePixels() * descriptor.type().size();
        return (first, count, dst) -> System.arraycopy(data, (int) (first * frameBytes), dst, 0,
                (int) (count * frameBytes));
    }

    /**
     * Frames stored contiguously in a file from byte {@code dataOffset}: a raw dump (offset 0), the data part of
     * an .npy file (offset = its header length), or any other uncompressed C-order region.
     */
    static FrameSource ofFile(Path file, long dataOffset, ArrayDescriptor descriptor) throws IOException {
        return new FileFrameSource(file, dataOffset, descriptor);
    }
}
