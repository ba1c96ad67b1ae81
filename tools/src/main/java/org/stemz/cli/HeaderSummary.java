package org.stemz.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.Limits;
import org.stemz.StemzException;

/**
 * What {@code info} prints and the memory estimate needs, read from a version-1 archive without parsing the model
 * or the chunk index: the fixed header fields, the shape, the metadata, the model's length (its bytes only pass
 * through the header checksum, in blocks) and the footer's chunk count and index offset. The model of a 4096x4096
 * frame expands to hundreds of MiB when parsed; this costs a few KiB whatever the archive declares.
 *
 * <p>{@link #read} returns null for anything it does not recognise as a consistent version-1 archive; the caller
 * then opens the archive with {@code ArchiveReader}, which reports the exact error (or reads a newer version).
 * The layout is SPEC sections 4 and 9.
 */
record HeaderSummary(ArrayDescriptor descriptor, int framesPerChunk, String metadata, long modelBytes,
                     long headerBytes, long chunkCount, long indexOffset, long archiveBytes) {
    private static final byte[] MAGIC = {(byte) 0x89, 'S', 'T', 'Z', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int FOOTER_BYTES = 24;
    private static final int ENTRY_BYTES = 20;

    /** Bytes of coded chunks: from the end of the header to the index. */
    long codedBytes() {
        return indexOffset - headerBytes;
    }

    /** Decoded bytes of one full chunk. */
    long chunkBytes() {
        return Math.min(descriptor.byteSize(), (long) framesPerChunk * descriptor.framePixels() * descriptor.type().size());
    }

    static HeaderSummary read(Path archive) throws IOException {
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
            return read(ch);
        } catch (StemzException | ArithmeticException | IllegalArgumentException e) {
            return null; // the full reader names the problem
        }
    }

    private static HeaderSummary read(FileChannel ch) throws IOException {
        long length = ch.size();
        ByteBuffer fixed = readAt(ch, 0, 20);
        if (fixed == null) {
            return null;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (fixed.get(i) != MAGIC[i]) {
                return null;
            }
        }
        DataType type = DataType.fromCode(fixed.get(12) & 0xFF);
        int orderCode = fixed.get(13) & 0xFF;
        int ndim = fixed.get(14) & 0xFF;
        if ((fixed.getShort(8) & 0xFFFF) != 1 || fixed.getShort(10) != 0 || type == null || orderCode > 1
                || ndim < 2 || ndim > Limits.MAX_AXES || fixed.get(15) != 0) {
            return null;
        }
        long framesPerChunk = fixed.getInt(16) & 0xFFFFFFFFL;
        ByteBuffer shapeAndMeta = readAt(ch, 20, 8 * ndim + 4);
        if (shapeAndMeta == null) {
            return null;
        }
        long[] shape = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = shapeAndMeta.getLong(8 * i);
        }
        ArrayDescriptor d = new ArrayDescriptor(type, orderCode == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, shape);
        long frameBytes = (long) d.framePixels() * type.size();
        if (framesPerChunk < 1 || framesPerChunk * Math.max(1, frameBytes) > Limits.MAX_CHUNK_BYTES) {
            return null;
        }
        long chunks = d.frames() == 0 ? 0 : (d.frames() - 1) / framesPerChunk + 1;
        long metaLength = shapeAndMeta.getInt(8 * ndim) & 0xFFFFFFFFL;
        long metaAt = 24L + 8 * ndim;
        if (chunks > Limits.MAX_CHUNKS || metaLength > Limits.MAX_METADATA_BYTES || metaAt + metaLength + 4 > length) {
            return null;
        }
        ByteBuffer meta = readAt(ch, metaAt, (int) metaLength + 4);
        long modelLength = meta.getInt((int) metaLength) & 0xFFFFFFFFL;
        long modelAt = metaAt + metaLength + 4;
        long headerBytes = modelAt + modelLength + 4;
        if (modelLength > Limits.MAX_MODEL_BYTES || headerBytes + FOOTER_BYTES > length) {
            return null;
        }
        if (!checksumMatches(ch, modelAt + modelLength)) {
            return null;
        }
        String metadata = utf8(meta.array(), (int) metaLength);
        ByteBuffer footer = readAt(ch, length - FOOTER_BYTES, FOOTER_BYTES);
        long indexOffset = footer.getLong(0);
        if (metadata == null || footer.getLong(8) != chunks || footer.get(20) != 'S' || footer.get(21) != 'T'
                || footer.get(22) != 'Z' || footer.get(23) != 'E' || indexOffset < headerBytes
                || indexOffset != length - FOOTER_BYTES - ENTRY_BYTES * chunks) {
            return null;
        }
        return new HeaderSummary(d, (int) framesPerChunk, metadata, modelLength, headerBytes, chunks, indexOffset,
                length);
    }

    /** The header checksum (the u32 at {@code crcAt}) over bytes [0, crcAt), read in blocks of 1 MiB. */
    private static boolean checksumMatches(FileChannel ch, long crcAt) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer block = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < crcAt; ) {
            block.clear().limit((int) Math.min(block.capacity(), crcAt - at));
            int n = ch.read(block, at);
            if (n <= 0) {
                return false;
            }
            crc.update(block.flip());
            at += n;
        }
        ByteBuffer stored = readAt(ch, crcAt, 4);
        return stored != null && (stored.getInt(0) & 0xFFFFFFFFL) == crc.getValue();
    }

    private static String utf8(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                return null;
            }
        }
        return b.flip();
    }
}
