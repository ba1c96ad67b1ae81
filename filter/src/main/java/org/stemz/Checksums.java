package org.stemz;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC-32C (Castagnoli), the one checksum of the format. */
public final class Checksums {
    private Checksums() {
    }

    public static long crc32c(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return crc.getValue();
    }

    /** CRC of {@code len} bytes at absolute {@code off}; the buffer's position is left alone. */
    public static long crc32c(ByteBuffer b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().limit(off + len).position(off));
        return crc.getValue();
    }
}
