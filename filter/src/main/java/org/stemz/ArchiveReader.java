package org.stemz;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.stemz.codec.Parallel;

/**
 * Random access to an archive: opening reads only the header and, through the footer, the chunk index; reading
 * frames fetches and decodes only the chunks that hold them, each checked against both of its checksums.
 * Thread-safe for concurrent reads.
 */
public final class ArchiveReader implements Closeable {
    private final ArchiveInput in;
    private final ArchiveHeader header;
    private final ChunkIndex index;
    private final ChunkDecoding decoding;
    private final long frameBytes;

    private ArchiveReader(ArchiveInput in) {
        this.in = in;
        this.header = HeaderReader.read(in);
        this.index = IndexLocator.read(in, header);
        this.decoding = new ChunkDecoding(header, index, this::readCoded);
        ArrayDescriptor d = header.descriptor();
        this.frameBytes = (long) d.framePixels() * d.type().size();
    }

    /** Opens an archive file, checking its header, footer and index. */
    public static ArchiveReader open(Path archive) throws IOException {
        return of(new FileInput(archive));
    }

    /** Reads an archive held in memory. */
    public static ArchiveReader of(byte[] archive) {
        return new ArchiveReader(ArchiveInput.of(archive));
    }

    /** Reads an archive from any random-access input, which is closed with this reader or if opening fails. */
    public static ArchiveReader of(ArchiveInput input) {
        try {
            return new ArchiveReader(input);
        } catch (RuntimeException | Error e) {
            input.close();
            throw e;
        }
    }

    public ArchiveHeader header() {
        return header;
    }

    public ArrayDescriptor descriptor() {
        return header.descriptor();
    }

    /** The chunk index: per chunk its offset, coded length and both checksums. */
    public ChunkIndex index() {
        return index;
    }

    public int chunkCount() {
        return index.size();
    }

    public long frames() {
        return header.descriptor().frames();
    }

    /** First frame of chunk {@code c}. */
    public long firstFrameOf(int c) {
        return (long) c * header.framesPerChunk();
    }

    public long archiveBytes() {
        return in.length();
    }

    /** Bytes read from the input so far. */
    public long bytesRead() {
        return in.bytesRead();
    }

    /** Decodes frames [{@code first}, {@code first + count}) into a new array. */
    public byte[] readFrames(long first, int count) {
        checkRange(first, count);
        if (count * frameBytes > Integer.MAX_VALUE - 16) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, count + " frames do not fit in one array: "
                    + "use readFrames(first, count, out, threads)");
        }
        byte[] dst = new byte[(int) (count * frameBytes)];
        int firstChunk = chunkOf(first);
        int lastChunk = count == 0 ? firstChunk - 1 : chunkOf(first + count - 1);
        for (int c = firstChunk; c <= lastChunk; c++) {
            Part part = part(c, first, count);
            System.arraycopy(decodeChunk(c), part.offset, dst, (int) ((part.firstFrame - first) * frameBytes),
                    part.length);
        }
        return dst;
    }

    /** Decodes the whole array on {@code threads} threads. */
    public DecodedArray readAll(int threads) {
        ArrayDescriptor d = header.descriptor();
        if (d.byteSize() > Integer.MAX_VALUE - 16) {
            throw new LimitExceededException(-1, d + " takes " + d.byteSize()
                    + " bytes, more than fits in one array: decode ranges of frames or stream to a file");
        }
        byte[] out = new byte[(int) d.byteSize()];
        readAll(ByteBuffer.wrap(out), threads);
        return new DecodedArray(d, out, header.metadata());
    }

    /**
     * Decodes the whole array on {@code threads} threads into {@code out}, from its position on (the position does
     * not move). A direct buffer lets native callers receive the data without a copy.
     */
    public void readAll(ByteBuffer out, int threads) {
        long bytes = header.descriptor().byteSize();
        if (out.remaining() < bytes) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "the array takes " + bytes
                    + " bytes but the output buffer has " + out.remaining() + " left");
        }
        int base = out.position();
        Parallel.forEach(index.size(), threads, c ->
                decoding.decode(c, readCoded(c), out, base + (int) (firstFrameOf(c) * frameBytes)));
    }

    /**
     * Decodes frames [{@code first}, {@code first + count}) to {@code out} in order, chunks in parallel with a
     * bounded number in flight, so any range of any size streams in bounded memory.
     */
    public void readFrames(long first, long count, OutputStream out, int threads, ProgressListener progress)
            throws IOException {
        checkRange(first, count);
        if (count == 0) {
            return;
        }
        int firstChunk = chunkOf(first);
        int chunks = chunkOf(first + count - 1) - firstChunk + 1;
        try {
            OrderedPipeline.run(chunks, threads, 2 * threads, i -> decodeChunk(firstChunk + i), (i, decoded) -> {
                Part part = part(firstChunk + i, first, count);
                out.write(decoded, part.offset, part.length);
                progress.progress("decoding", i + 1L, chunks);
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Checks every chunk: its coded bytes against the index checksum, then a full decode against the decoded
     * checksum (attempted even when the first check fails, to say whether the data are still recoverable).
     */
    public VerifyReport verify(int threads) {
        ChunkCheck[] checks = new ChunkCheck[index.size()];
        Parallel.forEach(checks.length, threads, c -> checks[c] = check(c));
        return new VerifyReport(List.of(checks));
    }

    private ChunkCheck check(int c) {
        ArchiveInput.Range coded = readCoded(c);
        boolean codedOk = decoding.codedChecksumOk(c, coded);
        StemzException error = codedOk ? null : new ChecksumMismatchException(ErrorCode.CHUNK_CHECKSUM_MISMATCH,
                index.offset(c), "chunk " + c + " is corrupt: its checksum does not match the index");
        boolean decodedOk = false;
        try {
            decoding.decodeUnchecked(c, coded, ByteBuffer.allocate(decoding.decodedBytes(c)), 0);
            decodedOk = true;
        } catch (StemzException e) {
            error = error != null ? error : e;
        }
        return new ChunkCheck(c, index.offset(c), index.length(c), firstFrameOf(c), header.framesInChunk(c),
                codedOk, decodedOk, error);
    }

    private byte[] decodeChunk(int c) {
        byte[] decoded = new byte[decoding.decodedBytes(c)];
        decoding.decode(c, readCoded(c), ByteBuffer.wrap(decoded), 0);
        return decoded;
    }

    private ArchiveInput.Range readCoded(int c) {
        return in.range(index.offset(c), (int) index.length(c));
    }

    /** The frames of chunk c inside [first, first + count): first such frame, byte offset and length in the chunk. */
    private record Part(long firstFrame, int offset, int length) {
    }

    private Part part(int c, long first, long count) {
        long from = Math.max(first, firstFrameOf(c));
        long to = Math.min(first + count, firstFrameOf(c) + header.framesInChunk(c));
        return new Part(from, (int) ((from - firstFrameOf(c)) * frameBytes), (int) ((to - from) * frameBytes));
    }

    private int chunkOf(long frame) {
        return (int) (frame / header.framesPerChunk());
    }

    private void checkRange(long first, long count) {
        if (first < 0 || count < 0 || first > frames() - count) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "frames [" + first + ", " + (first + count)
                    + ") outside [0, " + frames() + ")");
        }
    }

    @Override
    public void close() {
        in.close();
    }
}
