package org.stemz.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.stemz.ArchiveHeader;
import org.stemz.ChunkIndex;
import org.stemz.codec.ByteSource;

/**
 * The structure of an archive read from its header, index and footer, without decoding: what {@code info}
 * shows and what {@code verify} checks chunk by chunk.
 * TODO(core): replace the index reading below with the core's archive inspection API once it exists; it
 * repeats the footer/index steps of StemzCodec.decompress.
 */
public record ArchiveLayout(ArchiveHeader header, ChunkIndex index, long fileBytes) {

    /** A chunk whose stored checksum does not match its bytes. */
    public record BadChunk(int chunk, long offset, long length, long firstFrame, int frames) {
    }

    /** Parses and checks the header, footer and index of {@code archive}. */
    public static ArchiveLayout read(byte[] archive) {
        ArchiveHeader header = ArchiveHeader.read(new ByteSource(archive));
        int footerAt = archive.length - ChunkIndex.FOOTER_BYTES;
        if (footerAt < header.headerBytes()) {
            throw new org.stemz.CorruptInputException(org.stemz.ErrorCode.TRUNCATED, archive.length,
                    "archive ends before its footer");
        }
        long[] footer = ChunkIndex.readFooter(Arrays.copyOfRange(archive, footerAt, archive.length), footerAt);
        long indexOffset = footer[0];
        if (indexOffset < header.headerBytes() || indexOffset > footerAt) {
            throw new org.stemz.CorruptInputException(org.stemz.ErrorCode.BAD_INDEX, footerAt,
                    "index offset " + indexOffset + " lies outside the archive");
        }
        ChunkIndex index = ChunkIndex.read(Arrays.copyOfRange(archive, (int) indexOffset, archive.length),
                indexOffset, header.headerBytes(), header.chunkCount());
        return new ArchiveLayout(header, index, archive.length);
    }

    /** Chunks whose coded bytes do not match the checksum in the index. */
    public List<BadChunk> badChunks(byte[] archive) {
        List<BadChunk> bad = new ArrayList<>();
        for (int c = 0; c < index.size(); c++) {
            CRC32C crc = new CRC32C();
            crc.update(archive, (int) index.offset(c), (int) index.length(c));
            if (crc.getValue() != index.codedCrc(c)) {
                bad.add(new BadChunk(c, index.offset(c), index.length(c), (long) c * header.framesPerChunk(),
                        header.framesInChunk(c)));
            }
        }
        return bad;
    }

    public long codedBytes() {
        long sum = 0;
        for (int c = 0; c < index.size(); c++) {
            sum += index.length(c);
        }
        return sum;
    }
}
