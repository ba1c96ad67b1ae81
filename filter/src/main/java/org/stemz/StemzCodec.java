package org.stemz;

import java.util.Arrays;
import java.util.zip.CRC32C;
import org.stemz.codec.ByteSink;
import org.stemz.codec.ByteSource;
import org.stemz.codec.ChunkDecoder;
import org.stemz.codec.ChunkEncoder;
import org.stemz.codec.CodingMode;
import org.stemz.codec.Model;
import org.stemz.codec.Parallel;
import org.stemz.codec.PixelModel;
import org.stemz.codec.PixelStatistics;
import org.stemz.codec.SampleFormat;

/**
 * In-memory entry point: compress an array into a self-contained stemz archive (format-spec/SPEC.md) and back.
 * Encoding takes three parallel passes over the chunks: per-pixel statistics, context histograms, coding.
 * Every decode is checked against the stored checksums.
 */
public final class StemzCodec {
    /** Up to this many samples (about 5 bytes each), analyses are kept between the two passes that need them. */
    private static final long KEEP_ANALYSES_MAX_SAMPLES = 1L << 27;

    private StemzCodec() {
    }

    /** Compresses {@code data} (C order, in {@code descriptor}'s byte order) with default options. */
    public static byte[] compress(ArrayDescriptor descriptor, byte[] data) {
        return compress(descriptor, data, CodecOptions.defaults());
    }

    public static byte[] compress(ArrayDescriptor descriptor, byte[] data, CodecOptions options) {
        if (data.length != descriptor.byteSize()) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "data holds " + data.length
                    + " bytes but " + descriptor + " needs " + descriptor.byteSize());
        }
        long frameBytes = (long) descriptor.framePixels() * descriptor.type().size();
        int framesPerChunk = options.framesPerChunkFor(frameBytes);
        long frames = descriptor.frames();
        int chunks = (int) ((frames + framesPerChunk - 1) / framesPerChunk);
        int threads = options.threads();

        // Chunk analyses are kept from the histogram pass for the coding pass unless that takes too much memory.
        ChunkEncoder.Analysis[] kept = descriptor.elementCount() <= KEEP_ANALYSES_MAX_SAMPLES
                ? new ChunkEncoder.Analysis[chunks] : null;
        Model model = learnModel(descriptor, data, framesPerChunk, chunks, threads, kept);
        ArchiveHeader header = new ArchiveHeader(descriptor, framesPerChunk, options.metadata(), model);
        SampleFormat format = new SampleFormat(descriptor.type(), descriptor.order(), model.mode());
        byte[][] coded = new byte[chunks][];
        long[] decodedCrc = new long[chunks];
        Parallel.forEach(chunks, threads, c -> {
            int count = (int) Math.min(framesPerChunk, frames - (long) c * framesPerChunk);
            int offset = (int) ((long) c * framesPerChunk * frameBytes);
            ChunkEncoder.Analysis a = kept != null ? kept[c]
                    : ChunkEncoder.analyse(model.pixels(), format, data, offset, count);
            if (kept != null) {
                kept[c] = null;
            }
            coded[c] = ChunkEncoder.encode(a, model);
            decodedCrc[c] = crc(data, offset, (int) (count * frameBytes));
        });
        return assemble(header, coded, decodedCrc);
    }

    private static Model learnModel(ArrayDescriptor d, byte[] data, int framesPerChunk, int chunks, int threads,
                                    ChunkEncoder.Analysis[] kept) {
        int h = d.frameHeight();
        int w = d.frameWidth();
        long frameBytes = (long) d.framePixels() * d.type().size();
        long frames = d.frames();
        PixelStatistics[] parts = new PixelStatistics[chunks];
        Parallel.forEach(chunks, threads, c -> {
            int count = (int) Math.min(framesPerChunk, frames - (long) c * framesPerChunk);
            parts[c] = new PixelStatistics(d.type(), d.order(), h, w);
            parts[c].add(data, (int) (c * framesPerChunk * frameBytes), count);
        });
        PixelStatistics stats = new PixelStatistics(d.type(), d.order(), h, w);
        for (PixelStatistics p : parts) {
            stats.merge(p);
        }
        PixelModel pm = stats.toPixelModel();
        CodingMode mode = pm.mode();
        SampleFormat format = new SampleFormat(d.type(), d.order(), mode);
        long[] counts = new long[mode.tableCells()];
        Parallel.forEach(chunks, threads, c -> {
            int count = (int) Math.min(framesPerChunk, frames - (long) c * framesPerChunk);
            ChunkEncoder.Analysis a = ChunkEncoder.analyse(pm, format, data, (int) (c * framesPerChunk * frameBytes), count);
            if (kept != null) {
                kept[c] = a;
            }
            long[] local = new long[counts.length];
            ChunkEncoder.count(a, mode, local);
            synchronized (counts) {
                for (int i = 0; i < local.length; i++) {
                    counts[i] += local[i];
                }
            }
        });
        return Model.fromCounts(pm, counts);
    }

    private static byte[] assemble(ArchiveHeader header, byte[][] coded, long[] decodedCrc) {
        byte[] head = header.encode();
        long total = head.length + (long) coded.length * ChunkIndex.ENTRY_BYTES + ChunkIndex.FOOTER_BYTES;
        for (byte[] c : coded) {
            total += c.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new LimitExceededException(-1, "archive of " + total
                    + " bytes does not fit in memory: use ArchiveWriter to stream it to a file");
        }
        ByteSink out = new ByteSink((int) total);
        out.bytes(head);
        ChunkIndex index = new ChunkIndex(coded.length);
        for (int c = 0; c < coded.length; c++) {
            index.set(c, out.size(), coded[c].length, crc(coded[c], 0, coded[c].length), decodedCrc[c]);
            out.bytes(coded[c]);
        }
        out.bytes(index.encode(out.size()));
        return out.toByteArray();
    }

    static long crc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return crc.getValue();
    }

    /** Decodes a whole stream on all cores. */
    public static DecodedArray decompress(byte[] stream) {
        return decompress(stream, Runtime.getRuntime().availableProcessors());
    }

    public static DecodedArray decompress(byte[] stream, int threads) {
        ArchiveHeader header = ArchiveHeader.read(new ByteSource(stream));
        ChunkIndex index = readIndex(stream, header);
        ArrayDescriptor d = header.descriptor();
        if (d.byteSize() > Integer.MAX_VALUE - 16) {
            throw new LimitExceededException(-1, d + " takes " + d.byteSize()
                    + " bytes, more than fits in one array: use ArchiveReader to decode ranges of frames");
        }
        byte[] out = new byte[(int) d.byteSize()];
        SampleFormat format = new SampleFormat(d.type(), d.order(), header.model().mode());
        long frameBytes = (long) d.framePixels() * d.type().size();
        Parallel.forEach(index.size(), threads, c -> {
            int count = header.framesInChunk(c);
            int dst = (int) ((long) c * header.framesPerChunk() * frameBytes);
            decodeChunk(header, index, c, format, stream, (int) index.offset(c), out, dst, count, frameBytes);
        });
        return new DecodedArray(d, out, header.metadata());
    }

    /** Checks, decodes and re-checks chunk {@code c} whose coded bytes are at {@code srcOffset} of {@code src}. */
    static void decodeChunk(ArchiveHeader header, ChunkIndex index, int c, SampleFormat format, byte[] src,
                            int srcOffset, byte[] dst, int dstOffset, int frames, long frameBytes) {
        int length = (int) index.length(c);
        if (crc(src, srcOffset, length) != index.codedCrc(c)) {
            throw new ChecksumMismatchException(ErrorCode.CHUNK_CHECKSUM_MISMATCH, index.offset(c),
                    "chunk " + c + " is corrupt: its checksum does not match the index");
        }
        ChunkDecoder.decode(header.model(), format, src, srcOffset, length, frames, dst, dstOffset, index.offset(c));
        if (crc(dst, dstOffset, (int) (frames * frameBytes)) != index.decodedCrc(c)) {
            Arrays.fill(dst, dstOffset, dstOffset + (int) (frames * frameBytes), (byte) 0);
            throw new ChecksumMismatchException(ErrorCode.DATA_CHECKSUM_MISMATCH, index.offset(c),
                    "chunk " + c + " decoded to data whose checksum differs from the original's");
        }
    }

    private static ChunkIndex readIndex(byte[] stream, ArchiveHeader header) {
        int footerAt = stream.length - ChunkIndex.FOOTER_BYTES;
        if (footerAt < header.headerBytes()) {
            throw new CorruptInputException(ErrorCode.TRUNCATED, stream.length,
                    "archive ends before its footer (" + stream.length + " bytes)");
        }
        long[] footer = ChunkIndex.readFooter(Arrays.copyOfRange(stream, footerAt, stream.length), footerAt);
        long indexOffset = footer[0];
        long chunks = header.chunkCount();
        if (footer[1] != chunks) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, footerAt + 8, "footer declares " + footer[1]
                    + " chunks, the header implies " + chunks);
        }
        if (indexOffset < header.headerBytes() || indexOffset + chunks * ChunkIndex.ENTRY_BYTES != footerAt) {
            throw new CorruptInputException(ErrorCode.BAD_INDEX, footerAt, "index offset " + indexOffset
                    + " is inconsistent with " + chunks + " chunks and a file of " + stream.length + " bytes");
        }
        return ChunkIndex.read(Arrays.copyOfRange(stream, (int) indexOffset, stream.length), indexOffset,
                header.headerBytes(), chunks);
    }
}
