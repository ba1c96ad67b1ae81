package org.stemz;

import java.util.zip.CRC32C;
import org.stemz.codec.ByteSink;
import org.stemz.codec.ByteSource;

/**
 * A version-2 chunk as stored (format-spec/SPEC.md, "Chunk records"): a 16-byte prefix (payload length, frame
 * count, CRC-32C of the decoded bytes, CRC-32C of the record) and the payload (flags, an optional model, the coded
 * frames). The prefix makes every chunk findable and checkable without the index, so a truncated archive can be
 * recovered chunk by chunk.
 */
public final class ChunkRecord {
    public static final int PREFIX_BYTES = 16;
    /** Payload flag: the payload carries the model of this chunk and of the chunks after it that name this one. */
    static final int FLAG_MODEL = 1;

    /** The parsed prefix and payload layout of a record at {@code offset} in {@code array}. */
    record Layout(int frames, long decodedCrc, long recordCrc, boolean hasModel, int modelOffset, int modelLength,
                  int codedOffset, int codedLength) {
    }

    private ChunkRecord() {
    }

    /** Builds a record: prefix, flags, the packed model if not null, the coded frames. */
    static byte[] build(int frames, long decodedCrc, byte[] packedModel, byte[] coded) {
        ByteSink out = new ByteSink(PREFIX_BYTES + 5 + (packedModel == null ? 0 : packedModel.length) + coded.length);
        long payload = 1 + (packedModel == null ? 0 : 4L + packedModel.length) + coded.length;
        if (PREFIX_BYTES + payload > Limits.MAX_CODED_CHUNK_BYTES) {
            throw new LimitExceededException(-1, "coded chunk of " + payload + " bytes exceeds the limit of "
                    + Limits.MAX_CODED_CHUNK_BYTES);
        }
        out.u32(payload).u32(frames).u32(decodedCrc).u32(0);
        out.u8(packedModel == null ? 0 : FLAG_MODEL);
        if (packedModel != null) {
            out.u32(packedModel.length).bytes(packedModel);
        }
        out.bytes(coded, 0, coded.length);
        byte[] record = out.toByteArray();
        long crc = crc(record, 0, record.length);
        for (int b = 0; b < 4; b++) {
            record[12 + b] = (byte) (crc >>> (8 * b));
        }
        return record;
    }

    /** CRC-32C of a record: its first 12 bytes and its payload (the CRC field itself left out). */
    static long crc(byte[] record, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(record, offset, Math.min(12, length));
        if (length > PREFIX_BYTES) {
            crc.update(record, offset + PREFIX_BYTES, length - PREFIX_BYTES);
        }
        return crc.getValue();
    }

    /** The record checksum stored in the prefix of the record at {@code offset} (at least 16 bytes). */
    static long storedCrc(byte[] record, int offset) {
        return new ByteSource(record, offset + 12, 4, 0).u32("chunk checksum");
    }

    /** Payload length declared by a prefix, or -1 if fewer than {@link #PREFIX_BYTES} bytes are given. */
    static long payloadLength(byte[] prefix, int offset, int length) {
        return length < PREFIX_BYTES ? -1 : new ByteSource(prefix, offset, 4, 0).u32("payload length");
    }

    /**
     * Parses the record of {@code length} bytes at {@code offset} (file offset {@code fileOffset}); the CRC is not
     * checked here (callers report it as the chunk checksum).
     */
    static Layout parse(byte[] array, int offset, int length, long fileOffset) {
        ByteSource in = new ByteSource(array, offset, length, fileOffset - offset);
        long payload = in.u32("chunk payload length");
        if (payload != length - PREFIX_BYTES) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, fileOffset, "chunk record declares " + payload
                    + " payload bytes but holds " + (length - PREFIX_BYTES));
        }
        long frames = in.u32("chunk frame count");
        long decodedCrc = in.u32("chunk decoded checksum");
        long recordCrc = in.u32("chunk checksum");
        int flags = in.u8("chunk flags");
        if ((flags & ~FLAG_MODEL) != 0) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, fileOffset + PREFIX_BYTES,
                    "chunk flags " + flags + " use reserved bits");
        }
        boolean hasModel = (flags & FLAG_MODEL) != 0;
        int modelOffset = 0;
        int modelLength = 0;
        if (hasModel) {
            long k = in.u32("chunk model length");
            if (k > in.remaining()) {
                throw new CorruptInputException(ErrorCode.TRUNCATED, in.position() - 4, "chunk model of " + k
                        + " bytes exceeds the " + in.remaining() + " bytes left in the chunk");
            }
            modelOffset = in.offsetInArray();
            modelLength = (int) k;
            in.skip(modelLength, "chunk model");
        }
        return new Layout((int) Math.min(frames, Integer.MAX_VALUE), decodedCrc, recordCrc, hasModel, modelOffset,
                modelLength, in.offsetInArray(), in.remaining());
    }
}
