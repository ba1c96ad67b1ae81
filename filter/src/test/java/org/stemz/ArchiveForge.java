package org.stemz;

import java.util.zip.CRC32C;

/**
 * Test helper: recomputes the header CRC, every chunk's coded CRC and the index CRC of an archive whose bytes were
 * altered in place, so that tests reach the parsers behind the checksums. The layout comes from the unaltered
 * archive.
 */
final class ArchiveForge {
    private final int headerBytes;
    private final ChunkIndex index;
    private final long indexOffset;
    private final int version;
    private final int entryBytes;

    ArchiveForge(byte[] original) {
        try (ArchiveReader r = ArchiveReader.of(original)) {
            headerBytes = r.header().headerBytes();
            index = r.index();
            version = r.header().version();
        }
        entryBytes = ChunkIndex.entryBytes(version);
        indexOffset = original.length - ChunkIndex.FOOTER_BYTES - (long) index.size() * entryBytes;
    }

    int headerBytes() {
        return headerBytes;
    }

    /** Offset of the index: the end of the last chunk. */
    long chunksEnd() {
        return indexOffset;
    }

    /** Recomputes all checksums but the decoded-data ones (a version-2 record's in its prefix too), in place. */
    byte[] fix(byte[] a) {
        put(a, headerBytes - 4, crc(a, 0, headerBytes - 4));
        for (int c = 0; c < index.size(); c++) {
            int at = (int) index.offset(c);
            int length = (int) index.length(c);
            long crc;
            if (version == ArchiveHeader.VERSION_1) {
                crc = crc(a, at, length);
            } else {
                crc = ChunkRecord.crc(a, at, length);
                put(a, at + 12, crc);
            }
            put(a, (int) indexOffset + entryBytes * c + 12, crc);
        }
        int footer = a.length - ChunkIndex.FOOTER_BYTES;
        put(a, footer + 16, crc(a, (int) indexOffset, footer + 16 - (int) indexOffset));
        return a;
    }

    private static long crc(byte[] a, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(a, off, len);
        return c.getValue();
    }

    private static void put(byte[] a, int at, long v) {
        for (int i = 0; i < 4; i++) {
            a[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
