package org.stemz.reference;

/** SPEC.md section 10: CRC-32C, reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF, bit by bit. */
final class RefCrc32c {
    private RefCrc32c() {
    }

    static long of(byte[] b, int off, int len) {
        int crc = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc & 0xFFFFFFFFL;
    }
}
