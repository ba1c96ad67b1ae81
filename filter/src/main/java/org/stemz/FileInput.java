package org.stemz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** An archive file read with positional reads (thread-safe: chunks may be fetched by several workers at once). */
final class FileInput implements ArchiveInput {
    private final FileChannel channel;
    private final long length;
    private final AtomicLong read = new AtomicLong();

    FileInput(Path path) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        length = channel.size();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) {
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, position + b.position() - off);
                if (n < 0) {
                    throw new CorruptInputException(ErrorCode.TRUNCATED, position + b.position() - off,
                            "the file shrank while it was being read");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        read.addAndGet(len);
    }

    @Override
    public long bytesRead() {
        return read.get();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
