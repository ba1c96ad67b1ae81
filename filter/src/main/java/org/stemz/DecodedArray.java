package org.stemz;

/** A decoded array: its descriptor, its bytes in the descriptor's byte order, and the archive's metadata text. */
public final class DecodedArray {
    private final ArrayDescriptor descriptor;
    private final byte[] data;
    private final String metadata;

    public DecodedArray(ArrayDescriptor descriptor, byte[] data, String metadata) {
        this.descriptor = descriptor;
        this.data = data;
        this.metadata = metadata;
    }

    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    /** The raw element bytes, C order, in {@link ArrayDescriptor#order()}. */
    public byte[] data() {
        return data;
    }

    public String metadata() {
        return metadata;
    }
}
