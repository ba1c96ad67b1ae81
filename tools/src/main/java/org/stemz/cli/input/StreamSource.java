package org.stemz.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.stemz.ArrayDescriptor;

/**
 * An {@link ArraySource} over a byte stream whose frames are stored contiguously, optionally with a fixed
 * number of bytes before each frame (skipped, e.g. Merlin headers) or after it (e.g. EMPAD metadata rows),
 * and an optional per-frame transform (e.g. Merlin raw unscrambling).
 */
class StreamSource implements ArraySource {
    /** Turns one stored frame (without header/footer) into the frame as delivered. */
    interface FrameDecoder {
        void decode(byte[] stored, byte[] dst, int offset);
    }

    private final Path file;
    private final InputStream in;
    private final ArrayDescriptor descriptor;
    private final String metadata;
    private final int header;
    private final int storedFrameBytes;
    private final int footer;
    private final FrameDecoder decoder;
    private final byte[] skip;
    private long position;
    private long framesRead;

    StreamSource(Path file, InputStream in, long position, ArrayDescriptor descriptor, String metadata,
                 int header, int storedFrameBytes, int footer, FrameDecoder decoder) {
        this.file = file;
        this.in = in;
        this.position = position;
        this.descriptor = descriptor;
        this.metadata = metadata;
        this.header = header;
        this.storedFrameBytes = storedFrameBytes;
        this.footer = footer;
        this.decoder = decoder;
        this.skip = new byte[Math.max(header, footer)];
    }

    /** A plain array: contiguous frames, nothing between them. */
    static StreamSource plain(Path file, InputStream in, long position, ArrayDescriptor d, String metadata) {
        return new StreamSource(file, in, position, d, metadata, 0, d.framePixels() * d.type().size(), 0, null);
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
    public void readFrames(byte[] dst, int offset, int frames) throws IOException {
        if (framesRead + frames > descriptor.frames()) {
            throw new IllegalStateException("read past the last frame");
        }
        int frameBytes = descriptor.framePixels() * descriptor.type().size();
        byte[] stored = decoder == null ? null : new byte[storedFrameBytes];
        for (int i = 0; i < frames; i++) {
            readFully(skip, 0, header);
            if (decoder == null) {
                readFully(dst, offset + i * frameBytes, frameBytes);
            } else {
                readFully(stored, 0, storedFrameBytes);
                decoder.decode(stored, dst, offset + i * frameBytes);
            }
            readFully(skip, 0, footer);
            framesRead++;
        }
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw InputErrors.truncated(file, position + done, "file ends inside frame " + framesRead
                        + " (" + (len - done) + " more bytes expected)");
            }
            done += n;
        }
        position += len;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
