package org.stemz;

import java.nio.ByteBuffer;
import org.stemz.codec.ChunkDecoder;
import org.stemz.codec.SampleFormat;

/**
 * Decodes one chunk with both checks: the coded bytes against the index before decoding, the decoded bytes after.
 * On a mismatch the output range is zeroed, so corrupt data never leaves the decoder.
 */
final class ChunkDecoding {
    private final ArchiveHeader header;
    private final ChunkIndex index;
    private final SampleFormat format;
    private final long frameBytes;

    ChunkDecoding(ArchiveHeader header, ChunkIndex index) {
        this.header = header;
        this.index = index;
        ArrayDescriptor d = header.descriptor();
        this.format = new SampleFormat(d.type(), d.order(), header.model().mode());
        this.frameBytes = (long) d.framePixels() * d.type().size();
    }

    /** Decoded size of chunk {@code c} in bytes. */
    int decodedBytes(int c) {
        return (int) (header.framesInChunk(c) * frameBytes);
    }

    boolean codedChecksumOk(int c, ArchiveInput.Range coded) {
        return Checksums.crc32c(coded.array(), coded.offset(), coded.length()) == index.codedCrc(c);
    }

    /** Checks and decodes chunk {@code c} from its coded bytes into {@code dst} at absolute {@code dstOffset}. */
    void decode(int c, ArchiveInput.Range coded, ByteBuffer dst, int dstOffset) {
        if (!codedChecksumOk(c, coded)) {
            throw new ChecksumMismatchException(ErrorCode.CHUNK_CHECKSUM_MISMATCH, index.offset(c),
                    "chunk " + c + " is corrupt: its checksum does not match the index");
        }
        decodeUnchecked(c, coded, dst, dstOffset);
    }

    /** Decodes without the coded-bytes check (verify reports that separately), then checks the decoded bytes. */
    void decodeUnchecked(int c, ArchiveInput.Range coded, ByteBuffer dst, int dstOffset) {
        int bytes = decodedBytes(c);
        try {
            ChunkDecoder.decode(header.model(), format, coded.array(), coded.offset(), coded.length(),
                    header.framesInChunk(c), dst, dstOffset, index.offset(c));
        } catch (StemzException e) {
            dst.put(dstOffset, new byte[bytes]);
            throw e;
        }
        if (Checksums.crc32c(dst, dstOffset, bytes) != index.decodedCrc(c)) {
            dst.put(dstOffset, new byte[bytes]);
            throw new ChecksumMismatchException(ErrorCode.DATA_CHECKSUM_MISMATCH, index.offset(c),
                    "chunk " + c + " decoded to data whose checksum differs from the original's");
        }
    }
}
