package org.stemz.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.stemz.ArrayDescriptor;

/**
 * An {@link ArraySource} over a file whose frames are stored at a fixed stride from {@code start}, optionally
 * with bytes before each frame (skipped, e.g. Merlin headers) or after it (e.g. EMPAD metadata rows), and an
 * optional per-frame transform (e.g. Merlin raw unscrambling). Positional reads make it thread-safe.
 */
final class FileFrames implements ArraySource {
    /** Turns one stored frame (without header/footer) into the frame as delivered; must be thread-safe. */
    interface FrameDecoder {
        void decode(byte[] stored, byte[] dst, int offset);
    }

    private final Path file;
    private final FileChannel channel;
    private final ArrayDescriptor descriptor;
    private final String metadata;
    private final long start;
    private final int header;
    private final int storedFrameBytes;
    private final long stride;
    private final FrameDecoder decoder;

    private FileFrames(Path file, FileChannel channel, ArrayDescriptor descriptor, String metadata, long start,
                       int header, int storedFrameBytes, int footer, FrameDecoder decoder) {
        this.file = file;
        this.channel = channel;
        this.descriptor = descriptor;
        this.metadata = metadata;
        this.start = start;
        this.header = header;
        this.storedFrameBytes = storedFrameBytes;
        this.stride = (long) header + storedFrameBytes + footer;
        this.decoder = decoder;
    }

    /** Frames with headers, footers or a stored layout of their own; the file's size was checked by the caller. */
    static FileFrames framed(Path file, FileChannel channel, ArrayDescriptor d, String metadata, long start,
                             int header, int storedFrameBytes, int footer, FrameDecoder decoder) {
        return new FileFrames(file, channel, d, metadata, start, header, storedFrameBytes, footer, decoder);
    }

    /** A plain array at {@code start}: contiguous frames, nothing between them. */
    static FileFrames plain(Path file, long start, ArrayDescriptor d, String metadata) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new FileFrames(file, ch, d, metadata, start, 0, d.framePixels() * d.type().size(), 0, null);
    }

    @Override
    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String metadataJson() {
        return metadata;
    }

    @Override
    public void readFrames(long first, int count, byte[] dst, int offset) throws IOException {
        if (first < 0 || count < 0 || first + count > descriptor.frames()) {
            throw new IllegalArgumentException("frames " + first + "+" + count + " outside " + descriptor.frames());
        }
        int frameBytes = descriptor.framePixels() * descriptor.type().size();
        if (decoder == null && header == 0 && stride == frameBytes) {
            read(start + first * stride, dst, offset, count * frameBytes, first);
            return;
        }
        byte[] stored = decoder == null ? null : new byte[storedFrameBytes];
        for (int i = 0; i < count; i++) {
            long at = start + (first + i) * stride + header;
            if (decoder == null) {
                read(at, dst, offset + i * frameBytes, frameBytes, first + i);
            } else {
                read(at, stored, 0, storedFrameBytes, first + i);
                decoder.decode(stored, dst, offset + i * frameBytes);
            }
        }
    }

    private void read(long position, byte[] b, int off, int len, long frame) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + (buf.position() - off)) < 0) {
                throw InputErrors.truncated(file, position + (buf.position() - off), "file ends inside frame "
                        + frame + " (was it truncated while being read?)");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
