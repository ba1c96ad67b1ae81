package org.stemz.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stemz.cli.input.MerlinStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz capture merlin://HOST:PORT -o OUT.stemz}: compresses a detector's data stream as it arrives. */
@Command(name = "capture", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Compress a Quantum Detectors Merlin TCP data stream (its data port, 6342 by default) into a "
                + ".stemz archive as the frames arrive, in one pass.",
            "Ctrl-C finishes the archive with every frame received (exit 130); a stream that breaks keeps its "
                    + "complete frames in a finished archive and exits non-zero. After a crash, `stemz recover` "
                    + "restores the complete chunks of the temporary file."})
public final class CaptureCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 6342;

    @Parameters(index = "0", paramLabel = "merlin://HOST[:PORT]", description = "The detector's data port.")
    String url;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.stemz", description = "The archive to write (required unless --dry-run).")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Replace an existing output file.")
    boolean force;

    @Option(names = "--scan", paramLabel = "Y,X",
            description = "Scan shape (default: from the acquisition header's frames per trigger).")
    String scan;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "A stream that sends nothing for this long is broken (default: ${DEFAULT-VALUE}); when the "
                    + "frame count is unknown, the capture ends there.")
    double timeout = 10;

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "How long to wait for the connection and the first frame (default: ${DEFAULT-VALUE}).")
    double wait = 300;

    @Option(names = "--frames-per-chunk", paramLabel = "N",
            description = "Frames per independently decodable chunk (default: about 4 MiB of raw data).")
    int framesPerChunk;

    @Option(names = "--dry-run",
            description = "Receive and check the frames but compress and write nothing (measures the receiving side).")
    boolean dryRun;

    @Mixin
    LiveOptions live;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!url.startsWith("merlin://")) {
            throw new UsageException("expected merlin://HOST[:PORT], not " + url);
        }
        String address = url.substring("merlin://".length()).replaceAll("/+$", "");
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        int port = DEFAULT_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException(url + ": the port is not a number");
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new UsageException(url + ": expected merlin://HOST[:PORT] with a port in 1..65535");
        }
        if (timeout <= 0 || wait <= 0) {
            throw new UsageException("--timeout and --wait must be positive");
        }
        long[] scanShape = scan == null ? null : InputOptions.parseDims(scan, "--scan");
        long frames = live.frames();
        if (scanShape != null && frames > 0 && java.util.Arrays.stream(scanShape).reduce(1, (a, b) -> a * b) != frames) {
            throw new UsageException("--scan " + scan + " does not hold --frames " + frames);
        }
        if (!dryRun) {
            if (output == null) {
                throw new UsageException("capture needs -o OUT.stemz");
            }
            AtomicOutput.checkTarget(output, force, List.of());
        }
        String name = host + ":" + port;
        Socket socket = new Socket();
        MerlinStream stream;
        try {
            socket.setReceiveBufferSize(8 << 20);
            socket.connect(new InetSocketAddress(host, port), millis(wait));
            socket.setSoTimeout(millis(wait));
            stream = MerlinStream.open(socket.getInputStream(), socket, name, Map.of(), frames, scanShape);
            socket.setSoTimeout(millis(timeout));
        } catch (IOException | RuntimeException e) {
            socket.close();
            if (e instanceof IOException && !(e instanceof java.io.InterruptedIOException) && e.getMessage() != null
                    && !e.getMessage().startsWith(name)) {
                throw new IOException("merlin://" + name + ": " + e.getMessage(), e);
            }
            throw e;
        }
        if (dryRun) {
            return receiveOnly(stream);
        }
        return LiveRun.run(spec, common, live, stream, url, output, force, framesPerChunk);
    }

    private int receiveOnly(MerlinStream stream) throws IOException {
        long start = System.nanoTime();
        long n = 0;
        try (stream) {
            byte[] frame = new byte[stream.layout().frameBytes()];
            while (stream.next(frame, 0)) {
                n++;
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        Report.print(spec.commandLine().getOut(), common, Json.object().put("frames", n).put("seconds", s)
                .put("frames_per_second", n / s).put("mb_per_second_in", stream.bytesRead() / s / 1e6), String.format(
                java.util.Locale.ROOT, "%s: received %d frames in %.2f s (%.0f frames/s, %.1f MB/s), nothing written",
                url, n, s, n / s, stream.bytesRead() / s / 1e6));
        return ExitCodes.OK;
    }

    private static int millis(double seconds) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(seconds * 1000)));
    }
}
