package org.stemz.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file that another program is still writing, read as a stream: at its current end, reads wait for it to grow
 * and report the end of the stream once it has not grown for the idle time (or {@link #close()} was called).
 */
public final class GrowingFileInput extends InputStream {
    private static final long POLL_NANOS = 20_000_000L;
    private final Path file;
    private final FileChannel channel;
    private final long idleNanos;
    private long position;
    private long lastGrowth = System.nanoTime();
    private volatile boolean closed;

    public GrowingFileInput(Path file, double idleSeconds) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.idleNanos = (long) (idleSeconds * 1e9);
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!closed) {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
                lastGrowth = System.nanoTime();
                return n;
            }
            if (channel.size() < position) {
                throw new IOException(file + ": the file shrank to " + channel.size() + " bytes while being read at byte "
                        + position);
            }
            if (System.nanoTime() - lastGrowth >= idleNanos) {
                return -1;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
