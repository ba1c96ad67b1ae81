package org.stemz.cli.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.stemz.ArchiveSummary;
import org.stemz.CodecOptions;
import org.stemz.StreamingArchiveWriter;
import org.stemz.cli.input.FrameStream;
import org.stemz.cli.input.StreamLayout;

/**
 * Moves frames from a {@link FrameStream} into a {@link StreamingArchiveWriter}: a reader thread takes frames off
 * the stream into a bounded pool of frame buffers (so the network is drained while chunks are coded) and the
 * calling thread hands them to the writer. However the stream ends (its end, an error, a stop request), every
 * complete frame received goes into the archive and the archive is finished; a failure of the writer itself
 * leaves its temporary file for {@code stemz recover}.
 */
public final class CaptureSession {
    /** How the capture went. {@code streamError} is null unless the stream failed (frames before it are kept). */
    public record Result(ArchiveSummary summary, long frames, long bytesIn, double seconds, boolean stopRequested,
                         Throwable streamError, String endReason, long sequenceGaps) {
    }

    private static final byte[] END = new byte[0];
    private final FrameStream stream;
    private final StreamLayout layout;
    private final BlockingQueue<byte[]> full;
    private final BlockingQueue<byte[]> free;
    private final int poolFrames;
    private int allocated;
    private volatile boolean stop;
    private volatile Throwable streamError;
    private volatile long framesIn;
    private volatile StreamingArchiveWriter writer;

    /** {@code bufferBytes}: memory for frames received but not yet handed to the writer. */
    public CaptureSession(FrameStream stream, long bufferBytes) {
        this.stream = stream;
        this.layout = stream.layout();
        this.poolFrames = (int) Math.max(4, Math.min(1 << 16, bufferBytes / Math.max(1, layout.frameBytes())));
        this.full = new ArrayBlockingQueue<>(poolFrames + 1);
        this.free = new ArrayBlockingQueue<>(poolFrames);
    }

    public StreamLayout layout() {
        return layout;
    }

    /** Asks the capture to end now, keeping what was received; safe from any thread (a signal handler). */
    public void requestStop() {
        stop = true;
        try {
            stream.close(); // unblocks a socket read
        } catch (IOException ignored) {
            // the reader ends anyway at its next check
        }
    }

    public boolean stopRequested() {
        return stop;
    }

    /** Frames handed to the writer so far. */
    public long framesIn() {
        return framesIn;
    }

    public long bytesIn() {
        return stream.bytesRead();
    }

    /** Archive bytes on disk so far (0 before the writer is open). */
    public long bytesOut() {
        StreamingArchiveWriter w = writer;
        return w == null ? 0 : w.bytesWritten();
    }

    /** Frames per chunk of the archive (0 before the writer is open). */
    public int framesPerChunk() {
        StreamingArchiveWriter w = writer;
        return w == null ? 0 : w.framesPerChunk();
    }

    /**
     * Captures into {@code target} until the stream ends, fails or a stop is requested. If the writer itself fails
     * (disk full, out of memory), its temporary file is left for {@code stemz recover} and {@code warn} says so.
     */
    public Result run(Path target, boolean replace, CodecOptions options, Consumer<String> warn) throws IOException {
        long start = System.nanoTime();
        StreamingArchiveWriter w = StreamingArchiveWriter.open(target, layout.type(), layout.order(), layout.height(),
                layout.width(), layout.scan(), options.withMetadata(layout.metadataJson()), replace);
        writer = w;
        Thread reader = new Thread(this::readLoop, "stemz-capture-reader");
        reader.setDaemon(true);
        try {
            reader.start();
            drain(w, reader);
            ArchiveSummary summary = w.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(summary, w.framesWritten(), stream.bytesRead(), seconds, stop, streamError,
                    stream.endReason(), stream.sequenceGaps());
        } catch (IOException | RuntimeException | Error e) {
            requestStop();
            if (w.framesWritten() == 0 || !java.nio.file.Files.exists(w.temporaryFile())) {
                w.abort();
            } else {
                // what reached the disk is recoverable: keep it rather than lose the acquisition
                warn.accept("the archive could not be finished (" + e + "); the complete chunks written so far are"
                        + " in " + w.temporaryFile() + ": stemz recover " + w.temporaryFile() + " -o " + target);
            }
            throw e;
        }
    }

    private void drain(StreamingArchiveWriter w, Thread reader) throws IOException {
        long stopSeen = -1;
        while (true) {
            byte[] frame;
            try {
                frame = full.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while capturing");
            }
            if (frame == END) {
                return;
            }
            if (frame != null) {
                w.write(frame, 0, 1);
                framesIn++;
                free.offer(frame);
                continue;
            }
            if (stop) {
                // a reader blocked on a stream that cannot be closed (standard input) never sends END: every
                // complete frame is in the queue once it has had a moment to put the last one
                long now = System.nanoTime();
                if (stopSeen < 0) {
                    stopSeen = now;
                } else if (now - stopSeen > 500_000_000L && !reader.isAlive() || now - stopSeen > 1_000_000_000L) {
                    return;
                }
            }
        }
    }

    private void readLoop() {
        try {
            while (!stop) {
                byte[] buffer = take();
                if (buffer == null || !stream.next(buffer, 0)) {
                    break;
                }
                full.put(buffer);
            }
        } catch (Throwable t) {
            if (!stop) {
                streamError = t;
            }
        } finally {
            full.offer(END);
        }
    }

    /** A free frame buffer, allocating up to the pool size; null if stopped while waiting. */
    private byte[] take() throws InterruptedException {
        while (!stop) {
            byte[] b = free.poll();
            if (b == null && allocated < poolFrames) {
                allocated++;
                return new byte[layout.frameBytes()];
            }
            if (b == null) {
                b = free.poll(50, TimeUnit.MILLISECONDS);
            }
            if (b != null) {
                return b;
            }
        }
        return null;
    }
}
