package org.stemz.cli.input;

import java.io.IOException;
import java.nio.file.Path;
import org.stemz.ArrayDescriptor;

/** A source whose frames are regrouped into another scan shape (same frames, same order). */
final class Reshaped implements ArraySource {
    private final ArraySource source;
    private final ArrayDescriptor descriptor;

    private Reshaped(ArraySource source, ArrayDescriptor descriptor) {
        this.source = source;
        this.descriptor = descriptor;
    }

    static ArraySource of(Path file, ArraySource source, long[] scan) {
        ArrayDescriptor d = source.descriptor();
        long[] shape = ScanShape.withFrame(file, scan, null, d.frames(), d.frameHeight(), d.frameWidth());
        return new Reshaped(source, new ArrayDescriptor(d.type(), d.order(), shape));
    }

    @Override
    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String metadataJson() {
        return source.metadataJson();
    }

    @Override
    public void readFrames(long first, int count, byte[] dst, int offset) throws IOException {
        source.readFrames(first, count, dst, offset);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
