package org.stemz.cli.input;

import org.stemz.ArrayDescriptor;

/** A whole array in memory (for inputs that allow no random access, such as a compressed zip entry). */
final class InMemorySource implements ArraySource {
    private final ArrayDescriptor descriptor;
    private final byte[] data;
    private final String metadata;

    InMemorySource(ArrayDescriptor descriptor, byte[] data, String metadata) {
        this.descriptor = descriptor;
        this.data = data;
        this.metadata = metadata;
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
    public void readFrames(long first, int count, byte[] dst, int offset) {
        long frameBytes = (long) descriptor.framePixels() * descriptor.type().size();
        System.arraycopy(data, (int) (first * frameBytes), dst, offset, (int) (count * frameBytes));
    }

    @Override
    public void close() {
    }
}
