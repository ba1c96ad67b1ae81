package org.stemz.cli.input;

import java.io.Closeable;
import java.io.IOException;
import org.stemz.ErrorCode;

/** Bare frames back to back (C order, no headers) in a stream whose layout comes from the command line. */
final class RawStream implements FrameStream {
    private final StreamBytes in;
    private final Closeable resource;
    private final String source;
    private final StreamLayout layout;
    private long frames;
    private String endReason;

    RawStream(StreamBytes in, Closeable resource, String source, StreamLayout layout) {
        this.in = in;
        this.resource = resource;
        this.source = source;
        this.layout = layout;
    }

    /** Skips {@code offset} bytes of {@code stream}, then reads frames of {@code layout}. */
    static RawStream open(StreamBytes in, Closeable resource, String source, StreamLayout layout, long offset)
            throws IOException {
        byte[] skip = new byte[1 << 16];
        for (long left = offset; left > 0; ) {
            int n = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (n == 0) {
                throw new FrameStreamException(ErrorCode.TRUNCATED, in.position(), source, 0, "the stream ended within the "
                        + offset + " bytes of --offset");
            }
            left -= n;
        }
        return new RawStream(in, resource, source, layout);
    }

    @Override
    public StreamLayout layout() {
        return layout;
    }

    @Override
    public boolean next(byte[] dst, int offset) throws IOException {
        if (layout.expectedFrames() >= 0 && frames >= layout.expectedFrames()) {
            endReason = "all " + frames + " frames received";
            return false;
        }
        long at = in.position();
        int got;
        try {
            got = in.read(dst, offset, layout.frameBytes());
        } catch (StreamBytes.PartialReadException e) {
            FrameStreamException x = new FrameStreamException(ErrorCode.TRUNCATED, at + e.done, source, frames,
                    "read failed inside the frame (" + e.getMessage() + ")");
            x.initCause(e);
            throw x;
        }
        if (got == 0) {
            if (layout.expectedFrames() >= 0) {
                throw new FrameStreamException(ErrorCode.TRUNCATED, at, source, frames, "the stream ended after "
                        + frames + " of the " + layout.expectedFrames() + " frames of --shape");
            }
            endReason = "the stream ended after " + frames + " frames";
            return false;
        }
        if (got < layout.frameBytes()) {
            throw new FrameStreamException(ErrorCode.TRUNCATED, at + got, source, frames, "the stream ended inside the "
                    + "frame: " + got + " of its " + layout.frameBytes() + " bytes arrived");
        }
        frames++;
        return true;
    }

    @Override
    public long bytesRead() {
        return in.position();
    }

    @Override
    public String endReason() {
        return endReason;
    }

    @Override
    public void close() throws IOException {
        if (resource != null) {
            resource.close();
        }
    }
}
