package org.stemz;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.stemz.codec.ChunkEncoder;
import org.stemz.codec.Model;
import org.stemz.codec.Parallel;

/**
 * One-pass writer of a version-2 archive from frames that arrive as a stream (a detector, a pipe, a growing file).
 * Each chunk is coded with the model of the last chunk written before it was queued, or with a model learned from
 * the chunk itself when that one cannot code it or fresh tables repay their bytes ({@link ChunkModels}); the chunk
 * then carries its model. Memory: a few chunks, whatever the length of the stream.
 *
 * <p>Crash safety: chunk records go to a temporary file beside the target as they are coded, each findable and
 * checked through its own prefix, so {@link ArchiveRecovery} restores every complete chunk of a file left by a
 * crash. {@link #finish()} writes the index and footer, rewrites the header with the final shape, and links the
 * file into place (never replacing an existing file unless asked to).
 */
public final class StreamingArchiveWriter implements Closeable {
    /** Chunks in flight; fixed (not a function of the thread count) so the output is the same on any machine. */
    private static final int DEPTH = 4;
    /**
     * Chunks buffered before the first model is learned, from all of them: a model learned from one chunk codes
     * the rest of a short scan a few percent worse (au_particle_dectris, 15 chunks: +3.9% against +0.5%).
     */
    static final int OPENING_CHUNKS = 8;

    private final Path target;
    private final Path temp;
    private final boolean replace;
    private final FileChannel out;
    private final DataType type;
    private final ByteOrder order;
    private final int height;
    private final int width;
    private final long[] scanShape;
    private final int frameBytes;
    private final int framesPerChunk;
    private final ArchiveHeader header;
    private final ExecutorService workers;
    private final ArrayDeque<Future<Coded>> pending = new ArrayDeque<>();
    /** The chunks of the stream's start, until the first model is learned from them. */
    private final java.util.List<ChunkModels.Chunk> opening = new java.util.ArrayList<>();
    private boolean opened;
    /** Per chunk on disk: what the index needs. */
    private final java.util.List<Entry> written = new java.util.ArrayList<>();
    private byte[] buffer;
    private int buffered;
    private long frames;
    private long position;
    /** The model of the last chunk written that carried one, and the statistics of the chunks written. */
    private ChunkModels.State state = ChunkModels.State.EMPTY;
    private int modelHolder = ChunkIndex.HEADER_MODEL;
    private int submitted;
    private boolean closed;

    /** A coded chunk and the chunk holding its model (itself when it carries a new one). */
    private record Coded(byte[] record, long decodedCrc, int modelChunk, Model model, int modelBytes, long[] bases,
                         PixelRange range, int pixelsChunk, long[] counts) {
    }

    private record Entry(int length, long crc, long decodedCrc, int modelChunk) {
    }

    private StreamingArchiveWriter(Path target, boolean replace, DataType type, ByteOrder order, int height,
                                   int width, long[] scanShape, CodecOptions options) throws IOException {
        this.target = target.toAbsolutePath();
        this.replace = replace;
        this.type = type;
        this.order = order;
        this.height = height;
        this.width = width;
        this.scanShape = scanShape == null ? new long[] {0} : scanShape.clone();
        long fb = (long) height * width * type.size();
        if (height < 1 || width < 1 || fb > Limits.MAX_CHUNK_BYTES) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "frames of " + height + " x " + width
                    + " pixels are outside the limits of the format");
        }
        this.frameBytes = (int) fb;
        this.framesPerChunk = options.framesPerChunkFor(fb);
        if (!replace && Files.exists(this.target)) {
            throw new FileAlreadyExistsException(this.target.toString(), null, "output exists");
        }
        this.header = new ArchiveHeader(descriptor(0), framesPerChunk, options.metadata(), null);
        this.temp = temporaryBeside(this.target);
        this.out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.workers = Parallel.daemonPool(Math.max(1, options.threads()), "stemz-stream");
        try {
            byte[] head = header.encode();
            ArchiveWriter.writeFully(out, head);
            position = head.length;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        this.buffer = new byte[framesPerChunk * frameBytes];
    }

    /**
     * Opens a writer for frames of {@code frameHeight} x {@code frameWidth} elements of {@code type} in byte order
     * {@code order}; {@code scanShape} (may be null) gives the scan axes when the stream completes them.
     */
    public static StreamingArchiveWriter open(Path target, DataType type, ByteOrder order, int frameHeight,
                                              int frameWidth, long[] scanShape, CodecOptions options)
            throws IOException {
        return open(target, type, order, frameHeight, frameWidth, scanShape, options, false);
    }

    /** As {@link #open(Path, DataType, ByteOrder, int, int, long[], CodecOptions)}; may replace an existing file. */
    public static StreamingArchiveWriter open(Path target, DataType type, ByteOrder order, int frameHeight,
                                              int frameWidth, long[] scanShape, CodecOptions options,
                                              boolean replace) throws IOException {
        return new StreamingArchiveWriter(target, replace, type, order, frameHeight, frameWidth, scanShape, options);
    }

    /** The path of the file being written (what {@link ArchiveRecovery} restores after a crash). */
    public Path temporaryFile() {
        return temp;
    }

    public int framesPerChunk() {
        return framesPerChunk;
    }

    /** Frames received so far. */
    public long framesWritten() {
        return frames;
    }

    /** Archive bytes written so far (chunks coded and on disk). */
    public long bytesWritten() {
        return position;
    }

    /** Adds {@code frameCount} frames stored back to back from byte {@code offset} of {@code src}. */
    public void write(byte[] src, int offset, int frameCount) throws IOException {
        checkOpen();
        if (offset < 0 || frameCount < 0 || (long) frameCount * frameBytes > src.length - offset) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, frameCount + " frames from byte " + offset
                    + " do not fit in an array of " + src.length + " bytes");
        }
        for (int f = 0; f < frameCount; ) {
            int n = Math.min(frameCount - f, framesPerChunk - buffered);
            System.arraycopy(src, offset + f * frameBytes, buffer, buffered * frameBytes, n * frameBytes);
            buffered += n;
            f += n;
            frames += n;
            if (buffered == framesPerChunk) {
                submit();
            }
        }
    }

    /** Codes what is buffered, writes the index and footer and the final header, and moves the file into place. */
    public ArchiveSummary finish() throws IOException {
        checkOpen();
        try {
            if (buffered > 0) {
                submit();
            }
            if (!opened && !opening.isEmpty()) {
                startStream(true);
            }
            while (!pending.isEmpty()) {
                writeOldest();
            }
            ChunkIndex index = new ChunkIndex(written.size(), ArchiveHeader.VERSION);
            long at = header.headerBytes();
            for (int c = 0; c < written.size(); c++) {
                Entry e = written.get(c);
                index.set(c, at, e.length, e.crc, e.decodedCrc);
                index.setModelChunk(c, e.modelChunk);
                at += e.length;
            }
            byte[] tail = index.encode(position);
            ArchiveWriter.writeFully(out, tail);
            ArchiveHeader last = header.withDescriptor(descriptor(frames));
            out.write(ByteBuffer.wrap(last.encode()), 0);
            out.force(true);
            out.close();
            commit(temp, target, replace);
            closed = true;
            workers.shutdown();
            return new ArchiveSummary(last, index, position + tail.length);
        } catch (IOException | RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    /** Stops and deletes the temporary file. */
    public void abort() {
        closed = true;
        for (Future<Coded> f : pending) {
            f.cancel(true);
        }
        workers.shutdownNow();
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more to do: the name marks it as a leftover
        }
    }

    /** Same as {@link #abort()} unless finished. */
    @Override
    public void close() {
        if (!closed) {
            abort();
        }
    }

    /** The temporary file a run of this process writes before {@code target} is complete (found by recover). */
    static Path temporaryBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".stemz-tmp-" + ProcessHandle.current().pid());
    }

    /** Links {@code temp} to {@code target} (fails if the target appeared meanwhile, unless replacing). */
    static void commit(Path temp, Path target, boolean replace) throws IOException {
        if (replace) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Files.createLink(target, temp);
        Files.delete(temp);
    }

    private void submit() throws IOException {
        byte[] chunk = buffer;
        int n = buffered;
        buffer = new byte[framesPerChunk * frameBytes];
        buffered = 0;
        if (!opened) {
            opening.add(new ChunkModels.Chunk(chunk, n));
            if (opening.size() == OPENING_CHUNKS) {
                startStream(false);
            }
            return;
        }
        while (pending.size() >= DEPTH) {
            writeOldest();
        }
        ChunkModels.State known = state;
        int holder = modelHolder;
        int c = submitted++;
        pending.add(workers.submit(() -> code(c, known, holder, chunk, n)));
    }

    /** Learns the first model from the opening chunks and queues them, the first carrying it. */
    private void startStream(boolean ended) throws IOException {
        ChunkModels.Opening o;
        try {
            o = ChunkModels.open(workers, opening, type, order, height, width, ended && opening.size() == 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while learning the first model");
        } catch (ExecutionException e) {
            throw Parallel.taskFailure(e.getCause(), new StemzException(ErrorCode.INVALID_ARGUMENT, -1,
                    "learning the first model failed: " + e.getCause()));
        }
        opened = true;
        state = o.state();
        modelHolder = 0;
        for (int i = 0; i < opening.size(); i++) {
            ChunkModels.Chunk k = opening.get(i);
            int c = submitted++; // = i: the opening chunks are the stream's first
            pending.add(workers.submit(() -> {
                ChunkModels.Choice choice = ChunkModels.withModel(o, c);
                return record(c, choice, 0, o.packed().length, 0, k.data(), k.frames());
            }));
        }
        opening.clear();
    }

    private Coded code(int c, ChunkModels.State known, int holder, byte[] chunk, int n) {
        ChunkModels.Choice choice = ChunkModels.choose(known, type, order, height, width, chunk, 0, n);
        return record(c, choice, holder, known.modelBytes(), known.pixelsChunk(), chunk, n);
    }

    private Coded record(int c, ChunkModels.Choice choice, int holder, int holderBytes, int pixelsChunk, byte[] chunk,
                         int n) {
        long decodedCrc = Checksums.crc32c(chunk, 0, n * frameBytes);
        byte[] coded = ChunkEncoder.encode(choice.analysis(), choice.model());
        byte[] record = ChunkRecord.build(n, decodedCrc, choice.packedModel(), coded);
        boolean carries = choice.packedModel() != null;
        return new Coded(record, decodedCrc, carries ? c : holder, choice.model(),
                carries ? choice.packedModel().length : holderBytes, choice.bases(), choice.range(),
                choice.learned() ? c : pixelsChunk, choice.counts());
    }

    private void writeOldest() throws IOException {
        Coded k;
        try {
            k = pending.remove().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while coding a chunk");
        } catch (ExecutionException e) {
            throw Parallel.taskFailure(e.getCause(), new StemzException(ErrorCode.INVALID_ARGUMENT, -1,
                    "coding a chunk failed: " + e.getCause()));
        }
        ArchiveWriter.writeFully(out, k.record);
        position += k.record.length;
        int c = written.size();
        written.add(new Entry(k.record.length, ChunkRecord.crc(k.record, 0, k.record.length), k.decodedCrc,
                k.modelChunk));
        // a new state object: the workers coding later chunks hold the previous one
        PixelRange range = PixelRange.union(state.range(), k.range);
        // counts add up while chunks are coded with the same pixels (a chunk may have been queued with a model
        // that a chunk written before it has replaced); opening chunks (no counts) are in the opening's already
        boolean samePixels = k.pixelsChunk == state.pixelsChunk();
        long[] seen = k.counts == null ? state.seen() : samePixels ? sum(state.seen(), k.counts) : k.counts;
        if (k.modelChunk == c) {
            state = new ChunkModels.State(k.model, k.modelBytes, k.bases, state.history(), range, k.pixelsChunk, seen);
            modelHolder = c;
        } else {
            state = new ChunkModels.State(state.model(), state.modelBytes(), state.bases(), state.history(), range,
                    state.pixelsChunk(), samePixels ? seen : state.seen());
        }
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    private ArrayDescriptor descriptor(long frameCount) {
        long[] shape = new long[scanShape.length + 2];
        long product = 1;
        for (long s : scanShape) {
            product *= s;
        }
        if (scanShape.length > 1 && product == frameCount) {
            System.arraycopy(scanShape, 0, shape, 0, scanShape.length);
        } else {
            // an incomplete scan (or a plain stream): leading axes of 1, then the frames received
            java.util.Arrays.fill(shape, 0, scanShape.length, 1);
            shape[scanShape.length - 1] = frameCount;
        }
        shape[shape.length - 2] = height;
        shape[shape.length - 1] = width;
        return new ArrayDescriptor(type, order, shape);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the writer is finished or aborted");
        }
    }
}
