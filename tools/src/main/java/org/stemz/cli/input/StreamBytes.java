package org.stemz.cli.input;

import java.io.IOException;
import java.io.InputStream;

/** A buffered reader over a stream that counts the bytes consumed and can look ahead without consuming. */
final class StreamBytes {
    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private volatile long consumed;

    StreamBytes(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    long position() {
        return consumed;
    }

    /**
     * Reads up to {@code len} bytes, fewer only at the end of the stream; returns how many. Exceptions of the
     * underlying stream (timeouts) propagate with the bytes read so far consumed.
     */
    int read(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        try {
            while (done < len) {
                if (pos < limit) {
                    int n = Math.min(len - done, limit - pos);
                    System.arraycopy(buffer, pos, dst, off + done, n);
                    pos += n;
                    done += n;
                    consumed += n;
                } else if (len - done >= buffer.length) {
                    // large reads (frame data) bypass the buffer
                    int n = in.read(dst, off + done, len - done);
                    if (n < 0) {
                        break;
                    }
                    done += n;
                    consumed += n;
                } else if (!fill()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new PartialReadException(done, e);
        }
        return done;
    }

    /** Up to {@code n} bytes ahead (fewer at the end of the stream), not consumed. */
    byte[] peek(int n) throws IOException {
        if (n > buffer.length) {
            throw new IllegalArgumentException("peek beyond the buffer");
        }
        if (limit - pos < n) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            pos = 0;
            while (limit < n) {
                int k = in.read(buffer, limit, buffer.length - limit);
                if (k < 0) {
                    break;
                }
                limit += k;
            }
        }
        byte[] out = new byte[Math.min(n, limit - pos)];
        System.arraycopy(buffer, pos, out, 0, out.length);
        return out;
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        int k = in.read(buffer, 0, buffer.length);
        if (k < 0) {
            return false;
        }
        limit = k;
        return true;
    }

    /** An I/O error (a timeout, a reset) after {@link #done} bytes of a read had arrived. */
    static final class PartialReadException extends IOException {
        final int done;

        PartialReadException(int done, IOException cause) {
            super(cause.getMessage(), cause);
            this.done = done;
        }
    }
}
