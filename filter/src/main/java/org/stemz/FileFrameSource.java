package org.stemz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Frames in a file region, read with positional reads so workers can share the channel. */
final class FileFrameSource implements FrameSource {
    private final FileChannel channel;
    private final long dataOffset;
    private final long frameBytes;

    FileFrameSource(Path file, long dataOffset, ArrayDescriptor descriptor) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.dataOffset = dataOffset;
        this.frameBytes = (long) descriptor.framePixels() * descriptor.type().size();
        long needed = dataOffset + descriptor.byteSize();
        long size = channel.size();
        if (dataOffset < 0 || size < needed) {
            channel.close();
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, file + " holds " + size
                    + " bytes, fewer than the " + needed + " that " + descriptor + " at offset " + dataOffset + " needs");
        }
    }

    @Override
    public void readFrames(long first, int count, byte[] dst) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(dst, 0, (int) (count * frameBytes));
        long at = dataOffset + first * frameBytes;
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new IOException("file ended before frame " + (first + count));
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
