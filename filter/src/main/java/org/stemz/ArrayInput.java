package org.stemz;

/** An archive held in memory: {@code length} bytes of an array from {@code offset}. */
final class ArrayInput implements ArchiveInput {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private long read;

    ArrayInput(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + ((long) offset + length)
                    + ") outside an array of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void readFully(long position, byte[] dst, int off, int len) {
        System.arraycopy(bytes, offset + (int) position, dst, off, len);
        read += len;
    }

    @Override
    public Range range(long position, int len) {
        read += len;
        return new Range(bytes, offset + (int) position, len);
    }

    @Override
    public long bytesRead() {
        return read;
    }
}
