package org.stemz;

import java.io.Closeable;

/**
 * Random-access bytes of an archive: a file or an array. Readers fetch only the ranges they need (header, footer,
 * index, chunks), so decoding one frame never touches the rest of the archive.
 */
public interface ArchiveInput extends Closeable {
    /** Total length in bytes. */
    long length();

    /** Reads exactly {@code len} bytes at {@code position}; the caller has checked the range lies inside. */
    void readFully(long position, byte[] dst, int off, int len);

    /** Bytes read so far (what a test counts to prove random access reads only what it needs). */
    long bytesRead();

    @Override
    default void close() {
    }

    /** Reads {@code len} bytes at {@code position} into a new array. */
    default byte[] read(long position, int len) {
        byte[] b = new byte[len];
        readFully(position, b, 0, len);
        return b;
    }

    /**
     * The {@code len} bytes at {@code position}, not to be modified: a view where the input is already in memory
     * (no copy of megabytes per chunk), else a new array.
     */
    default Range range(long position, int len) {
        return new Range(read(position, len), 0, len);
    }

    /** {@code length} bytes of {@code array} from {@code offset}. */
    record Range(byte[] array, int offset, int length) {
    }

    static ArchiveInput of(byte[] archive) {
        return new ArrayInput(archive, 0, archive.length);
    }

    /** The {@code length} bytes of {@code bytes} from {@code offset}, without a copy. */
    static ArchiveInput of(byte[] bytes, int offset, int length) {
        return new ArrayInput(bytes, offset, length);
    }
}
