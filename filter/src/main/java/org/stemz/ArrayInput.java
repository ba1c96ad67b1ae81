package org.stemz;

/** An archive held in memory. */
final class ArrayInput implements ArchiveInput {
    private final byte[] bytes;
    private long read;

    ArrayInput(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) {
        System.arraycopy(bytes, (int) position, dst, off, len);
        read += len;
    }

    @Override
    public long bytesRead() {
        return read;
    }
}
