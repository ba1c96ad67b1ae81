package org.stemz.cli.live;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line for a capture, rewritten in place a few times a second: frames (of those expected), frames/s
 * and MB/s in over the last second, MB/s out, and the ratio so far (raw bytes received over archive bytes written;
 * shown once a few chunks are on disk, as chunks still being coded make it run high).
 */
public final class LiveProgress implements AutoCloseable {
    private static final long PERIOD_MILLIS = 250;
    private final CaptureSession session;
    private final PrintWriter out;
    private final Thread thread;
    private final long start = System.nanoTime();
    private long lastFrames;
    private long lastIn;
    private long lastOut;
    private long lastTime = start;
    private int width;
    private volatile boolean closed;

    private LiveProgress(CaptureSession session, PrintWriter out) {
        this.session = session;
        this.out = out;
        this.thread = new Thread(this::loop, "stemz-progress");
        this.thread.setDaemon(true);
    }

    /** Starts a progress line on {@code out}; null if not {@code enabled}. */
    public static LiveProgress start(CaptureSession session, PrintWriter out, boolean enabled) {
        if (!enabled) {
            return null;
        }
        LiveProgress p = new LiveProgress(session, out);
        p.thread.start();
        return p;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                print(false);
            }
        }
    }

    synchronized void print(boolean last) {
        long now = System.nanoTime();
        long frames = session.framesIn();
        long in = session.bytesIn();
        long outBytes = session.bytesOut();
        double dt = Math.max(1e-9, (last ? now - start : now - lastTime) / 1e9);
        double fps = (frames - (last ? 0 : lastFrames)) / dt;
        double inRate = (in - (last ? 0 : lastIn)) / dt / 1e6;
        double outRate = (outBytes - (last ? 0 : lastOut)) / dt / 1e6;
        if (now - lastTime >= 1_000_000_000L || last) {
            lastTime = now;
            lastFrames = frames;
            lastIn = in;
            lastOut = outBytes;
        }
        long expected = session.layout().expectedFrames();
        long raw = frames * session.layout().frameBytes();
        String line = String.format(Locale.ROOT, "%d%s frames  %.0f frames/s  in %.1f MB/s  out %.1f MB/s  ratio %s",
                frames, expected >= 0 ? "/" + expected : "", fps, inRate, outRate,
                outBytes > 0 && (last || frames > 8L * session.framesPerChunk()) ? String.format(Locale.ROOT, "%.2f", (double) raw / outBytes) : "-");
        int pad = Math.max(0, width - line.length());
        width = line.length();
        out.print("\r" + line + " ".repeat(pad) + (last ? "\n" : ""));
        out.flush();
    }

    /** Stops the updates and prints the final line (averages over the whole capture). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        print(true);
    }
}
