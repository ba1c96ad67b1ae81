package org.stemz;

/**
 * Finds and reads the chunk index through the footer at the end of the archive (format-spec/SPEC.md, "Locating
 * the index"). When the last bytes are not a footer it tells trailing bytes (a valid footer shortly before the
 * end) from truncation (none), so both get their own error code.
 */
final class IndexLocator {
    /** How far before the end a footer is searched for when the archive does not end with one. */
    static final int TRAILING_SEARCH_BYTES = 1 << 20;

    private IndexLocator() {
    }

    static ChunkIndex read(ArchiveInput in, ArchiveHeader header) {
        long length = in.length();
        long headerBytes = header.headerBytes();
        long chunks = header.chunkCount();
        if (length - headerBytes < ChunkIndex.FOOTER_BYTES) {
            throw new CorruptInputException(ErrorCode.TRUNCATED, length, "archive ends before its footer");
        }
        long footerAt = length - ChunkIndex.FOOTER_BYTES;
        byte[] footer = in.read(footerAt, ChunkIndex.FOOTER_BYTES);
        boolean consistent = consistent(footer, 0, footerAt, headerBytes, chunks, header);
        boolean magic = endMagic(footer, 0);
        if (consistent && !magic) {
            throw new CorruptInputException(ErrorCode.BAD_MAGIC, length - 4, "bad end magic");
        }
        if (!consistent && magic) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, footerAt, "footer declares an index that does not "
                    + "fit " + chunks + " chunks between the header and the footer");
        }
        if (!consistent) {
            throw missingFooter(in, header);
        }
        long indexBytes = chunks * ChunkIndex.entryBytes(header.version()) + ChunkIndex.FOOTER_BYTES;
        if (indexBytes > Integer.MAX_VALUE - 16) {
            throw new LimitExceededException(footerAt, chunks + " chunks: the index exceeds what this decoder holds");
        }
        long indexOffset = footerAt - chunks * ChunkIndex.entryBytes(header.version());
        // Only the entries are read now: the footer is already here, and random access counts every byte.
        byte[] bytes = new byte[(int) indexBytes];
        in.readFully(indexOffset, bytes, 0, (int) (footerAt - indexOffset));
        System.arraycopy(footer, 0, bytes, (int) (footerAt - indexOffset), ChunkIndex.FOOTER_BYTES);
        return ChunkIndex.read(bytes, indexOffset, headerBytes, chunks, header.version());
    }

    /** A footer at {@code footerAt} (bytes from {@code at} of {@code b}) that agrees with the header and its place. */
    private static boolean consistent(byte[] b, int at, long footerAt, long headerBytes, long chunks,
                                      ArchiveHeader header) {
        long indexOffset = u64(b, at);
        return u64(b, at + 8) == chunks && indexOffset >= headerBytes
                && indexOffset == footerAt - chunks * ChunkIndex.entryBytes(header.version());
    }

    private static boolean endMagic(byte[] b, int at) {
        for (int i = 0; i < 4; i++) {
            if (b[at + 20 + i] != ChunkIndex.END_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** TRAILING_DATA if a footer ends within the last {@link #TRAILING_SEARCH_BYTES} bytes, else TRUNCATED. */
    private static StemzException missingFooter(ArchiveInput in, ArchiveHeader header) {
        long headerBytes = header.headerBytes();
        long chunks = header.chunkCount();
        long length = in.length();
        long from = Math.max(headerBytes, length - ChunkIndex.FOOTER_BYTES - TRAILING_SEARCH_BYTES);
        byte[] tail = in.read(from, (int) (length - from));
        for (int at = tail.length - ChunkIndex.FOOTER_BYTES - 1; at >= 0; at--) {
            if (endMagic(tail, at) && consistent(tail, at, from + at, headerBytes, chunks, header)) {
                long end = from + at + ChunkIndex.FOOTER_BYTES;
                return new CorruptInputException(ErrorCode.TRAILING_DATA, end,
                        (length - end) + " bytes follow the archive's footer");
            }
        }
        return new CorruptInputException(ErrorCode.TRUNCATED, length,
                "archive does not end with a footer: it is truncated or its footer is damaged");
    }

    private static long u64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
