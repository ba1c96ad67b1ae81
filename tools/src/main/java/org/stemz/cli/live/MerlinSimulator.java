package org.stemz.cli.live;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.stemz.cli.input.MibFrames;

/**
 * Serves Merlin frames over TCP on the loopback interface as the detector does on its data port: to the first
 * client that connects, the acquisition header, then each frame, every message prefixed {@code MPX,<length>,}
 * (length in ASCII, 10 digits, counting the comma after it and the payload). Frames go out at a given rate; a
 * frame that would leave the sender more than its buffer behind schedule is dropped and counted, as a detector
 * with a full buffer would. Faults for tests: a connection dropped or stalled inside a frame, garbage, a wrong
 * MPX length, a frame header that does not match.
 */
public final class MerlinSimulator implements Closeable {
    public enum Fault { NONE, DROP_MID_FRAME, STALL_MID_FRAME, GARBAGE, WRONG_LENGTH, MISMATCHED_HEADER }

    /**
     * @param rate          frames per second (0: as fast as the client takes them)
     * @param frames        frames to send (cycling through the source; its sequence numbers continue)
     * @param bufferSeconds how far behind schedule the sender may fall before it drops frames
     * @param fault         the fault to inject at frame {@code faultFrame}
     */
    public record Settings(double rate, long frames, double bufferSeconds, Fault fault, long faultFrame) {
        public static Settings of(long frames) {
            return new Settings(0, frames, 1, Fault.NONE, -1);
        }

        public Settings withRate(double r) {
            return new Settings(r, frames, bufferSeconds, fault, faultFrame);
        }

        public Settings withFault(Fault f, long at) {
            return new Settings(rate, frames, bufferSeconds, f, at);
        }
    }

    /** What was sent: frames planned, sent and dropped (the sender fell behind), the largest lag, the time. */
    public record Report(long planned, long sent, long dropped, long maxLagFrames, double seconds, String error) {
    }

    private final MibFrames source;
    private final Settings settings;
    private final ServerSocket server;
    private final Thread thread;
    private volatile Socket client;
    private volatile Report report;

    private MerlinSimulator(MibFrames source, Settings settings, int port) throws IOException {
        this.source = source;
        this.settings = settings;
        this.server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "stemz-merlin-simulator");
        this.thread.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) and serves one connection in the background. */
    public static MerlinSimulator start(MibFrames source, int port, Settings settings) throws IOException {
        MerlinSimulator s = new MerlinSimulator(source, settings, port);
        s.thread.start();
        return s;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits up to {@code timeoutMillis} for the connection to be served; null if it is not done by then. */
    public Report await(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        return report;
    }

    private void serve() {
        long sent = 0;
        long dropped = 0;
        long maxLag = 0;
        long start = System.nanoTime();
        String error = null;
        try (Socket s = server.accept()) {
            client = s;
            s.setSendBufferSize(4 << 20);
            OutputStream out = s.getOutputStream();
            out.write(message(source.acquisitionHeader(settings.frames())));
            int frameBytes = source.frameBytes();
            byte[] msg = new byte[15 + frameBytes];
            byte[] prefix = prefix(frameBytes);
            System.arraycopy(prefix, 0, msg, 0, 15);
            long bufferFrames = settings.rate() > 0 ? Math.max(1, (long) (settings.bufferSeconds() * settings.rate())) : 0;
            start = System.nanoTime();
            for (long i = 0; i < settings.frames(); i++) {
                if (settings.rate() > 0) {
                    long due = start + (long) (i * 1e9 / settings.rate());
                    long now = System.nanoTime();
                    if (now < due) {
                        LockSupport.parkNanos(due - now);
                    }
                    long lag = (long) ((System.nanoTime() - start) * settings.rate() / 1e9) - i;
                    maxLag = Math.max(maxLag, lag);
                    if (lag > bufferFrames) {
                        dropped++;
                        continue;
                    }
                }
                source.read(i, msg, 15);
                if (i == settings.faultFrame() && fault(out, msg)) {
                    break;
                }
                out.write(msg);
                sent++;
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        } finally {
            report = new Report(settings.frames(), sent, dropped, maxLag, (System.nanoTime() - start) / 1e9, error);
            try {
                server.close();
            } catch (IOException ignored) {
                // nothing left to serve
            }
        }
    }

    /** Injects the fault into frame message {@code msg}; true if the connection ends here. */
    private boolean fault(OutputStream out, byte[] msg) throws IOException {
        switch (settings.fault()) {
            case DROP_MID_FRAME:
                out.write(msg, 0, msg.length / 2);
                out.flush();
                return true;
            case STALL_MID_FRAME:
                out.write(msg, 0, msg.length / 2);
                out.flush();
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60)); // until the client gives up and closes
                return true;
            case GARBAGE:
                out.write("GARBAGE!".repeat(512).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return true;
            case WRONG_LENGTH:
                byte[] wrong = prefix(msg.length - 15 + 2);
                System.arraycopy(wrong, 0, msg, 0, 15);
                out.write(msg);
                out.flush();
                return true;
            case MISMATCHED_HEADER:
                // field 6, the pixel depth: U16 becomes U32 (or U08); the header keeps its size
                String text = new String(msg, 15, source.headerBytes(), StandardCharsets.ISO_8859_1);
                int at = 15;
                for (int commas = 0; commas < 6; at++) {
                    if (msg[at] == ',') {
                        commas++;
                    }
                }
                byte[] depth = (text.contains(",U32,") ? "U08" : "U32").getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(depth, 0, msg, at, 3);
                out.write(msg);
                out.flush();
                return true;
            default:
                return false;
        }
    }

    private static byte[] message(byte[] payload) {
        byte[] m = new byte[15 + payload.length];
        System.arraycopy(prefix(payload.length), 0, m, 0, 15);
        System.arraycopy(payload, 0, m, 15, payload.length);
        return m;
    }

    /** "MPX,<payload length + 1 in 10 digits>," */
    static byte[] prefix(int payloadBytes) {
        return String.format("MPX,%010d,", payloadBytes + 1L).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }
}
