package org.stemz;

import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.stemz.codec.ByteSink;
import org.stemz.codec.ByteSource;
import org.stemz.codec.Model;
import org.stemz.codec.ModelCodec;

/**
 * The archive header (format-spec/SPEC.md, "Header"): array descriptor, chunking, metadata and the model,
 * protected by a CRC-32C. Immutable.
 */
public final class ArchiveHeader {
    /** "\x89STZ\r\n\x1a\n": a non-ASCII first byte and CR LF / Ctrl-Z / LF catch text-mode transfers (as PNG). */
    static final byte[] MAGIC = {(byte) 0x89, 'S', 'T', 'Z', '\r', '\n', 0x1A, '\n'};
    /** The version this encoder writes; decoders read it and {@link #VERSION_1}. */
    public static final int VERSION = 2;
    public static final int VERSION_1 = 1;

    private final int version;
    private final ArrayDescriptor descriptor;
    private final int framesPerChunk;
    private final String metadata;
    private final Model model;
    private final byte[] modelBytes;
    private final int encodedLength;

    /** A version-2 header; {@code model} may be null when every chunk takes its model from a chunk. */
    public ArchiveHeader(ArrayDescriptor descriptor, int framesPerChunk, String metadata, Model model) {
        this(VERSION, descriptor, framesPerChunk, metadata, model,
                model == null ? new byte[0] : ModelCodec.write(model), -1);
    }

    private ArchiveHeader(int version, ArrayDescriptor descriptor, int framesPerChunk, String metadata, Model model,
                          byte[] modelBytes, int encodedLength) {
        this.version = version;
        this.descriptor = descriptor;
        this.framesPerChunk = framesPerChunk;
        this.metadata = metadata;
        this.model = model;
        this.modelBytes = modelBytes;
        this.encodedLength = encodedLength >= 0 ? encodedLength : encode().length;
    }

    public int version() {
        return version;
    }

    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    /** The same header for an array of another shape (a stream's final frame count), same length if same ndim. */
    public ArchiveHeader withDescriptor(ArrayDescriptor other) {
        return new ArchiveHeader(version, other, framesPerChunk, metadata, model, modelBytes, -1);
    }

    public int framesPerChunk() {
        return framesPerChunk;
    }

    public String metadata() {
        return metadata;
    }

    /** The header's model, or null (version 2 only) when the chunks carry the models. */
    public Model model() {
        return model;
    }

    /** Size of the packed model in bytes. */
    public int modelBytes() {
        return modelBytes.length;
    }

    /** The packed model exactly as stored in the header (format-spec/SPEC.md, "Model"). */
    public byte[] modelData() {
        return modelBytes.clone();
    }

    /** Size of the whole header in bytes, checksum included. */
    public int headerBytes() {
        return encodedLength;
    }

    public long chunkCount() {
        long frames = descriptor.frames();
        return frames == 0 ? 0 : (frames + framesPerChunk - 1) / framesPerChunk;
    }

    /** Frames in chunk {@code i} (the last chunk may be short). */
    public int framesInChunk(long i) {
        return (int) Math.min(framesPerChunk, descriptor.frames() - i * framesPerChunk);
    }

    public byte[] encode() {
        byte[] meta = metadata.getBytes(StandardCharsets.UTF_8);
        long[] shape = descriptor.shape();
        ByteSink out = new ByteSink(64 + meta.length + modelBytes.length);
        out.bytes(MAGIC).u16(version).u16(0);
        out.u8(descriptor.type().code()).u8(descriptor.order() == ByteOrder.BIG_ENDIAN ? 1 : 0)
                .u8(shape.length).u8(0);
        out.u32(framesPerChunk);
        for (long d : shape) {
            out.u64(d);
        }
        out.u32(meta.length).bytes(meta);
        out.u32(modelBytes.length).bytes(modelBytes);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.size());
        out.u32(crc.getValue());
        return out.toByteArray();
    }

    /** Parses and checks a header; {@code in} is left just after it. */
    public static ArchiveHeader read(ByteSource in) {
        long start = in.position();
        int startIndex = in.offsetInArray();
        for (int i = 0; i < MAGIC.length; i++) {
            if (in.u8("magic") != (MAGIC[i] & 0xFF)) {
                throw new CorruptInputException(ErrorCode.BAD_MAGIC, start, "not a stemz archive (bad magic bytes)");
            }
        }
        int version = in.u16("version");
        if (version != VERSION_1 && version != VERSION) {
            throw new UnsupportedFormatException(ErrorCode.UNSUPPORTED_VERSION, start + 8,
                    "format version " + version + "; this decoder reads versions 1 and 2");
        }
        int flags = in.u16("flags");
        requireZero(flags, start + 10, "header flags");
        int typeCode = in.u8("element type");
        DataType type = DataType.fromCode(typeCode);
        if (type == null) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, start + 12, "unknown element type " + typeCode);
        }
        int orderCode = in.u8("byte order");
        if (orderCode > 1) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, start + 13, "unknown byte order " + orderCode);
        }
        int ndim = in.u8("axis count");
        if (ndim < 2 || ndim > Limits.MAX_AXES) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, start + 14,
                    "axis count " + ndim + " outside [2, " + Limits.MAX_AXES + "]");
        }
        requireZero(in.u8("reserved byte"), start + 15, "reserved byte");
        long fpcAt = in.position();
        long framesPerChunk = in.u32("frames per chunk");
        long[] shape = new long[ndim];
        long shapeAt = in.position();
        for (int i = 0; i < ndim; i++) {
            shape[i] = in.u64("shape");
            if (shape[i] < 0) {
                throw new LimitExceededException(shapeAt + 8L * i, "axis length over 2^63");
            }
        }
        ArrayDescriptor descriptor;
        try {
            descriptor = new ArrayDescriptor(type, orderCode == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, shape);
        } catch (StemzException e) {
            throw new LimitExceededException(shapeAt, e.getMessage());
        }
        long frameBytes = (long) descriptor.framePixels() * type.size();
        if (framesPerChunk < 1 || framesPerChunk * Math.max(1, frameBytes) > Limits.MAX_CHUNK_BYTES) {
            throw new LimitExceededException(fpcAt, framesPerChunk + " frames per chunk of " + frameBytes
                    + " bytes each: must be at least 1 and at most " + Limits.MAX_CHUNK_BYTES + " bytes per chunk");
        }
        long frames = descriptor.frames();
        if (frames != 0 && (frames - 1) / framesPerChunk + 1 > Limits.MAX_CHUNKS) {
            throw new LimitExceededException(fpcAt, frames + " frames in chunks of " + framesPerChunk
                    + " make more than " + Limits.MAX_CHUNKS + " chunks");
        }
        long metaAt = in.position();
        long metaLength = in.u32("metadata length");
        if (metaLength > Limits.MAX_METADATA_BYTES) {
            throw new LimitExceededException(metaAt, "metadata of " + metaLength + " bytes exceeds the limit of "
                    + Limits.MAX_METADATA_BYTES);
        }
        byte[] metadataBytes = in.bytes((int) metaLength, "metadata");
        long modelAt = in.position();
        long modelLength = in.u32("model length");
        if (modelLength > Limits.MAX_MODEL_BYTES) {
            throw new LimitExceededException(modelAt, "model of " + modelLength + " bytes exceeds the limit of "
                    + Limits.MAX_MODEL_BYTES);
        }
        int modelStart = in.offsetInArray();
        in.skip((int) modelLength, "model");
        CRC32C crc = new CRC32C();
        crc.update(in.array(), startIndex, in.offsetInArray() - startIndex);
        long crcAt = in.position();
        if (in.u32("header checksum") != crc.getValue()) {
            throw new ChecksumMismatchException(ErrorCode.HEADER_CHECKSUM_MISMATCH, crcAt,
                    "header checksum mismatch: the header or model is corrupt");
        }
        // Content is interpreted only once the checksum has shown it is what the writer wrote.
        String metadata = utf8(metadataBytes, metaAt + 4);
        byte[] modelBytes = java.util.Arrays.copyOfRange(in.array(), modelStart, modelStart + (int) modelLength);
        Model model = null;
        if (modelLength != 0 || version == VERSION_1) {
            model = readModel(modelBytes, 0, modelBytes.length, modelAt + 4, descriptor, version);
        }
        return new ArchiveHeader(version, descriptor, (int) framesPerChunk, metadata, model, modelBytes,
                (int) (in.position() - start));
    }

    /** Parses a packed model that must occupy exactly {@code length} bytes at {@code offset} of {@code bytes}. */
    static Model readModel(byte[] bytes, int offset, int length, long fileOffset, ArrayDescriptor descriptor,
                           int version) {
        ByteSource modelIn = new ByteSource(bytes, offset, length, fileOffset - offset);
        Model model = ModelCodec.read(modelIn, descriptor.frameHeight(), descriptor.frameWidth(), version);
        if (modelIn.remaining() != 0) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, modelIn.position(), "bytes after the packed model");
        }
        return model;
    }

    private static void requireZero(int value, long at, String what) {
        if (value != 0) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, at, what + " must be 0, found " + value);
        }
    }

    private static String utf8(byte[] bytes, long at) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptInputException(ErrorCode.BAD_METADATA, at, "metadata is not valid UTF-8");
        }
    }
}
