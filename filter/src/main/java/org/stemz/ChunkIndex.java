package org.stemz;

import java.util.zip.CRC32C;
import org.stemz.codec.ByteSink;
import org.stemz.codec.ByteSource;

/**
 * The chunk index and the footer that locates it (format-spec/SPEC.md, "Index" and "Footer"). Per chunk: file
 * offset, coded length, CRC-32C of the coded bytes, CRC-32C of the decoded element bytes and (version 2) the
 * chunk that holds its model ({@link #HEADER_MODEL} for the header's).
 */
public final class ChunkIndex {
    /** Bytes per index entry in version 1. */
    public static final int ENTRY_BYTES = 20;
    /** Bytes per index entry in version 2 (the model chunk added). */
    public static final int ENTRY_BYTES_V2 = 24;
    /** Model chunk of a chunk coded with the header's model. */
    public static final int HEADER_MODEL = -1;
    /** Footer: u64 index offset, u64 chunk count, u32 CRC-32C of index + first 16 footer bytes, 4 magic bytes. */
    public static final int FOOTER_BYTES = 24;
    static final byte[] END_MAGIC = {'S', 'T', 'Z', 'E'};

    private final long[] offset;
    private final long[] length;
    private final long[] codedCrc;
    private final long[] decodedCrc;
    private final int[] modelChunk;
    private final int version;

    /** An index of {@code chunks} entries in the layout of format {@code version}. */
    public ChunkIndex(int chunks, int version) {
        this.version = version;
        modelChunk = new int[chunks];
        java.util.Arrays.fill(modelChunk, HEADER_MODEL);
        offset = new long[chunks];
        length = new long[chunks];
        codedCrc = new long[chunks];
        decodedCrc = new long[chunks];
    }

    /** Bytes per entry for archives of format {@code version}. */
    public static int entryBytes(int version) {
        return version == 1 ? ENTRY_BYTES : ENTRY_BYTES_V2;
    }

    public int version() {
        return version;
    }

    public int size() {
        return offset.length;
    }

    public void set(int i, long chunkOffset, long codedLength, long codedCrc32c, long decodedCrc32c) {
        offset[i] = chunkOffset;
        length[i] = codedLength;
        codedCrc[i] = codedCrc32c;
        decodedCrc[i] = decodedCrc32c;
    }

    /** Version 2: sets the chunk whose record holds the model of chunk {@code i}. */
    public void setModelChunk(int i, int chunk) {
        modelChunk[i] = chunk;
    }

    /** The chunk holding the model of chunk {@code i}, or {@link #HEADER_MODEL}. */
    public int modelChunk(int i) {
        return modelChunk[i];
    }

    public long offset(int i) {
        return offset[i];
    }

    public long length(int i) {
        return length[i];
    }

    public long codedCrc(int i) {
        return codedCrc[i];
    }

    public long decodedCrc(int i) {
        return decodedCrc[i];
    }

    /** Index entries followed by the footer. */
    public byte[] encode(long indexOffset) {
        ByteSink out = new ByteSink(size() * entryBytes(version) + FOOTER_BYTES);
        for (int i = 0; i < size(); i++) {
            out.u64(offset[i]).u32(length[i]).u32(codedCrc[i]).u32(decodedCrc[i]);
            if (version != 1) {
                out.u32(modelChunk[i] & 0xFFFFFFFFL);
            }
        }
        out.u64(indexOffset).u64(size());
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.u32(crc.getValue()).bytes(END_MAGIC);
        return out.toByteArray();
    }

    /** Reads the footer ({@link #FOOTER_BYTES} bytes at the end of the file): returns {index offset, chunk count}. */
    public static long[] readFooter(byte[] footer, long footerOffset) {
        ByteSource in = new ByteSource(footer, 0, footer.length, footerOffset);
        long indexOffset = in.u64("index offset");
        long chunks = in.u64("chunk count");
        in.u32("index checksum");
        for (int i = 0; i < END_MAGIC.length; i++) {
            if (in.u8("end magic") != END_MAGIC[i]) {
                throw new CorruptInputException(ErrorCode.BAD_MAGIC, footerOffset + 20,
                        "bad end magic: the archive is truncated or has trailing bytes");
            }
        }
        return new long[] {indexOffset, chunks};
    }

    /**
     * Parses the index entries plus footer ({@code bytes}, starting at file offset {@code indexOffset}) for an
     * archive whose chunks lie in [{@code chunksStart}, {@code indexOffset}).
     */
    public static ChunkIndex read(byte[] bytes, long indexOffset, long chunksStart, long expectedChunks,
                                  int version) {
        long expectedBytes = expectedChunks * entryBytes(version) + FOOTER_BYTES;
        if (bytes.length != expectedBytes) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, indexOffset, "index and footer take "
                    + bytes.length + " bytes, expected " + expectedBytes + " for " + expectedChunks + " chunks");
        }
        // The checksum first: a damaged index is reported as such, not as whichever entry looks wrong.
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        long crcAt = indexOffset + bytes.length - 8;
        if (new ByteSource(bytes, bytes.length - 8, 4, indexOffset).u32("index checksum") != crc.getValue()) {
            throw new ChecksumMismatchException(ErrorCode.HEADER_CHECKSUM_MISMATCH, crcAt,
                    "index checksum mismatch: the chunk index is corrupt");
        }
        ByteSource in = new ByteSource(bytes, 0, bytes.length, indexOffset);
        ChunkIndex index = new ChunkIndex((int) expectedChunks, version);
        long next = chunksStart;
        for (int i = 0; i < expectedChunks; i++) {
            long at = in.position();
            index.set(i, in.u64("chunk offset"), in.u32("chunk length"), in.u32("chunk checksum"),
                    in.u32("decoded checksum"));
            if (version != 1) {
                long m = in.u32("model chunk");
                // A model comes from an earlier chunk or this one: readers cache it, writers stream it first.
                if (m != 0xFFFFFFFFL && m > i) {
                    throw new CorruptInputException(ErrorCode.BAD_INDEX, at + 20, "chunk " + i
                            + " takes its model from the later chunk " + m);
                }
                index.modelChunk[i] = (int) m;
            }
            if (index.offset[i] != next || index.length[i] > Limits.MAX_CODED_CHUNK_BYTES
                    || index.offset[i] + index.length[i] > indexOffset) {
                throw new CorruptInputException(ErrorCode.BAD_INDEX, at, "chunk " + i + " at " + index.offset[i]
                        + " with " + index.length[i] + " bytes does not follow chunk " + (i - 1)
                        + " inside the chunk area [" + chunksStart + ", " + indexOffset + ")");
            }
            next = index.offset[i] + index.length[i];
        }
        if (next != indexOffset) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, indexOffset,
                    (indexOffset - next) + " bytes between the last chunk and the index");
        }
        long footerAt = in.position();
        if (in.u64("index offset") != indexOffset || in.u64("chunk count") != expectedChunks) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, footerAt, "footer disagrees with the index");
        }
        return index;
    }
}
