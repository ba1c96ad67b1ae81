package org.stemz;

import java.util.zip.CRC32C;

/** CRC-32C (Castagnoli), the one checksum of the format. */
final class Checksums {
    private Checksums() {
    }

    static long crc32c(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return crc.getValue();
    }
}
