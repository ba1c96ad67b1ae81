package org.stemz.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongUnaryOperator;
import org.stemz.ArrayDescriptor;

/**
 * An {@link ArraySource} over a file whose frames are stored at known positions: contiguously, at a fixed
 * stride with bytes between frames (Merlin headers, EMPAD metadata rows), or at positions from an offset table
 * (TIA .ser); with an optional per-frame transform (Merlin raw unscrambling, row flips). Positional reads make
 * it thread-safe.
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
    private final LongUnaryOperator position;
    private final boolean contiguous;
    private final int storedFrameBytes;
    private final FrameDecoder decoder;

    private FileFrames(Path file, FileChannel channel, ArrayDescriptor descriptor, String metadata,
                       LongUnaryOperator position, boolean contiguous, int storedFrameBytes, FrameDecoder decoder) {
        this.file = file;
        this.channel = channel;
        this.descriptor = descriptor;
        this.metadata = metadata;
        this.position = position;
        this.contiguous = contiguous;
        this.storedFrameBytes = storedFrameBytes;
        this.decoder = decoder;
    }

    /**
     * Frames at {@code start + i * (header + stored + footer) + header}, each {@code storedFrameBytes} long; the
     * caller has checked the file's size.
     */
    static FileFrames framed(Path file, FileChannel channel, ArrayDescriptor d, String metadata, long start,
                             int header, int storedFrameBytes, int footer, FrameDecoder decoder) {
        long stride = (long) header + storedFrameBytes + footer;
        return new FileFrames(file, channel, d, metadata, i -> start + i * stride + header, false, storedFrameBytes,
                decoder);
    }

    /** Frames at the given positions (checked by the caller), each {@code storedFrameBytes} long. */
    static FileFrames atPositions(Path file, FileChannel channel, ArrayDescriptor d, String metadata, long[] positions,
                                  int storedFrameBytes, FrameDecoder decoder) {
        return new FileFrames(file, channel, d, metadata, i -> positions[(int) i], false, storedFrameBytes, decoder);
    }

    /** A plain array at {@code start}: contiguous frames, nothing between them. */
    static FileFrames plain(Path file, long start, ArrayDescriptor d, String metadata) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        int frameBytes = d.framePixels() * d.type().size();
        return new FileFrames(file, ch, d, metadata, i -> start + i * frameBytes, true, frameBytes, null);
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
        if (contiguous) {
            read(position.applyAsLong(first), dst, offset, count * frameBytes, first);
            return;
        }
        byte[] stored = decoder == null ? null : new byte[storedFrameBytes];
        for (int i = 0; i < count; i++) {
            long at = position.applyAsLong(first + i);
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
