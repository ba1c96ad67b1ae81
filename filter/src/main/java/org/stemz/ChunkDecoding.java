package org.stemz;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.stemz.codec.ChunkDecoder;
import org.stemz.codec.Model;
import org.stemz.codec.SampleFormat;

/**
 * Decodes one chunk with both checks: the coded bytes against the index before decoding, the decoded bytes after.
 * On a mismatch the output range is zeroed, so corrupt data never leaves the decoder. Version 2 chunks may take
 * their model from an earlier chunk's record; the last few such models are kept.
 */
final class ChunkDecoding {
    /** Models of chunk records kept for reuse: a model serves a run of chunks, so a few suffice. */
    private static final int CACHED_MODELS = 4;

    private final ArchiveHeader header;
    private final ChunkIndex index;
    private final IntFunction<ArchiveInput.Range> records;
    private final long frameBytes;
    private final Map<Integer, Model> models = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Model> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    /** {@code records} reads the coded bytes of a chunk, for models held by other chunks. */
    ChunkDecoding(ArchiveHeader header, ChunkIndex index, IntFunction<ArchiveInput.Range> records) {
        this.header = header;
        this.index = index;
        this.records = records;
        ArrayDescriptor d = header.descriptor();
        this.frameBytes = (long) d.framePixels() * d.type().size();
    }

    /** Decoded size of chunk {@code c} in bytes. */
    int decodedBytes(int c) {
        return (int) (header.framesInChunk(c) * frameBytes);
    }

    /** Version 2 also needs the record's own checksum field to agree: the record CRC leaves that field out. */
    boolean codedChecksumOk(int c, ArchiveInput.Range coded) {
        if (header.version() == ArchiveHeader.VERSION_1) {
            return Checksums.crc32c(coded.array(), coded.offset(), coded.length()) == index.codedCrc(c);
        }
        long crc = ChunkRecord.crc(coded.array(), coded.offset(), coded.length());
        return crc == index.codedCrc(c) && coded.length() >= ChunkRecord.PREFIX_BYTES
                && ChunkRecord.storedCrc(coded.array(), coded.offset()) == crc;
    }

    /** Checks and decodes chunk {@code c} from its coded bytes into {@code dst} at absolute {@code dstOffset}. */
    void decode(int c, ArchiveInput.Range coded, ByteBuffer dst, int dstOffset) {
        if (!codedChecksumOk(c, coded)) {
            throw checksumMismatch(c);
        }
        decodeUnchecked(c, coded, dst, dstOffset);
    }

    private ChecksumMismatchException checksumMismatch(int c) {
        return new ChecksumMismatchException(ErrorCode.CHUNK_CHECKSUM_MISMATCH, index.offset(c),
                "chunk " + c + " is corrupt: its checksum does not match the index");
    }

    /** Decodes without the coded-bytes check (verify reports that separately), then checks the decoded bytes. */
    void decodeUnchecked(int c, ArchiveInput.Range coded, ByteBuffer dst, int dstOffset) {
        int bytes = decodedBytes(c);
        try {
            if (header.version() == ArchiveHeader.VERSION_1) {
                decodeFrames(header.model(), coded.array(), coded.offset(), coded.length(), c, dst, dstOffset,
                        index.offset(c));
            } else {
                decodeRecord(c, coded, dst, dstOffset);
            }
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

    private void decodeRecord(int c, ArchiveInput.Range coded, ByteBuffer dst, int dstOffset) {
        long at = index.offset(c);
        ChunkRecord.Layout r = ChunkRecord.parse(coded.array(), coded.offset(), coded.length(), at);
        if (r.frames() != header.framesInChunk(c) || r.decodedCrc() != index.decodedCrc(c)
                || r.recordCrc() != index.codedCrc(c)) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, at, "chunk " + c + " holds " + r.frames()
                    + " frames and checksums " + r.decodedCrc() + ", " + r.recordCrc() + "; the header and index say "
                    + header.framesInChunk(c) + ", " + index.decodedCrc(c) + " and " + index.codedCrc(c));
        }
        Model model = modelOf(c, coded, r);
        decodeFrames(model, coded.array(), r.codedOffset(), r.codedLength(), c, dst, dstOffset,
                at + (r.codedOffset() - coded.offset()));
    }

    private void decodeFrames(Model model, byte[] array, int offset, int length, int c, ByteBuffer dst,
                              int dstOffset, long fileOffset) {
        ArrayDescriptor d = header.descriptor();
        SampleFormat format = new SampleFormat(d.type(), d.order(), model.mode());
        ChunkDecoder.decode(model, format, array, offset, length, header.framesInChunk(c), dst, dstOffset,
                fileOffset);
    }

    /** The model of chunk {@code c}: its own, an earlier chunk's (read and checked once), or the header's. */
    private Model modelOf(int c, ArchiveInput.Range coded, ChunkRecord.Layout r) {
        int m = index.modelChunk(c);
        long at = index.offset(c);
        if (r.hasModel() != (m == c)) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, at, "chunk " + c + (r.hasModel()
                    ? " carries a model but the index names chunk " + m : " carries no model but the index names it"));
        }
        if (m == ChunkIndex.HEADER_MODEL) {
            if (header.model() == null) {
                throw new CorruptInputException(ErrorCode.BAD_INDEX, at, "chunk " + c
                        + " uses the header's model, but the header has none");
            }
            return header.model();
        }
        synchronized (models) {
            Model cached = models.get(m);
            if (cached != null) {
                return cached;
            }
        }
        Model model;
        if (m == c) {
            model = ArchiveHeader.readModel(coded.array(), r.modelOffset(), r.modelLength(),
                    at + (r.modelOffset() - coded.offset()), header.descriptor(), ArchiveHeader.VERSION);
        } else {
            ArchiveInput.Range holder = records.apply(m);
            if (!codedChecksumOk(m, holder)) {
                throw checksumMismatch(m);
            }
            ChunkRecord.Layout h = ChunkRecord.parse(holder.array(), holder.offset(), holder.length(), index.offset(m));
            if (!h.hasModel()) {
                throw new CorruptInputException(ErrorCode.BAD_INDEX, at, "chunk " + c + " takes its model from chunk "
                        + m + ", which carries none");
            }
            model = ArchiveHeader.readModel(holder.array(), h.modelOffset(), h.modelLength(),
                    index.offset(m) + (h.modelOffset() - holder.offset()), header.descriptor(), ArchiveHeader.VERSION);
        }
        synchronized (models) {
            models.put(m, model);
        }
        return model;
    }
}
