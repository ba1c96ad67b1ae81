package org.stemz.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.stemz.ArchiveSummary;
import org.stemz.CodecOptions;
import org.stemz.cli.input.FrameStream;
import org.stemz.cli.input.StreamLayout;
import org.stemz.cli.live.CaptureSession;
import org.stemz.cli.live.LiveProgress;
import org.stemz.cli.live.StopSignals;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a capture for a command: Ctrl-C/SIGTERM finish the archive (exit 130/143 once it is complete), a progress
 * line on stderr, the summary on stdout. A stream that fails keeps its complete frames in a finished archive
 * and the error is then reported with its exit code.
 */
final class LiveRun {
    private LiveRun() {
    }

    static int run(CommandSpec spec, CommonOptions common, LiveOptions live, FrameStream stream, String source,
                   Path out, boolean force, int framesPerChunk) throws IOException {
        CodecOptions options = CodecOptions.defaults().withThreads(common.threads()).withFramesPerChunk(framesPerChunk);
        CaptureSession session = new CaptureSession(stream, live.bufferBytes());
        boolean showProgress = !common.quiet && !common.json && (live.progress || stderrIsTerminal());
        CaptureSession.Result r;
        String signal;
        try (stream;
             StopSignals signals = StopSignals.install(session::requestStop);
             LiveProgress progress = LiveProgress.start(session, spec.commandLine().getErr(), showProgress)) {
            r = session.run(out, force, options, message -> {
                spec.commandLine().getErr().println("stemz " + spec.name() + ": " + message);
                spec.commandLine().getErr().flush();
            });
            signal = signals.received();
        }
        report(spec, common, source, out, stream.layout(), r, signal);
        if (r.streamError() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("stemz " + spec.name() + ": the stream failed; the " + r.frames() + " complete frames received are in "
                    + out);
            err.flush();
            throw rethrow(r.streamError());
        }
        return signal != null ? StopSignals.exitCode(signal) : ExitCodes.OK;
    }

    /** Whether stderr is a terminal (System.console() also needs stdin and stdout to be one, and a pipe is not). */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private static void report(CommandSpec spec, CommonOptions common, String source, Path out, StreamLayout layout,
                               CaptureSession.Result r, String signal) {
        ArchiveSummary s = r.summary();
        long raw = r.frames() * layout.frameBytes();
        double ratio = s.archiveBytes() == 0 ? 0 : (double) raw / s.archiveBytes();
        double bpp = raw == 0 ? 0 : 8.0 * s.archiveBytes() / (raw / layout.type().size());
        double fps = r.seconds() > 0 ? r.frames() / r.seconds() : 0;
        double mbIn = r.seconds() > 0 ? r.bytesIn() / r.seconds() / 1e6 : 0;
        String ended = signal != null ? "stopped by SIG" + signal : r.streamError() != null ? "stream failed" : r.endReason();
        Json summary = Json.object().put("input", source).put("output", out.toString())
                .put("dtype", layout.type().name().toLowerCase()).put("shape", s.header().descriptor().shape())
                .put("frames", r.frames()).put("expected_frames", layout.expectedFrames())
                .put("raw_bytes", raw).put("bytes_in", r.bytesIn()).put("archive_bytes", s.archiveBytes())
                .put("chunks", s.index().size()).put("ratio", ratio).put("bits_per_pixel", bpp)
                .put("seconds", r.seconds()).put("frames_per_second", fps).put("mb_per_second_in", mbIn)
                .put("sequence_gaps", r.sequenceGaps()).put("ended", ended == null ? "" : ended)
                .put("error", r.streamError() == null ? "" : String.valueOf(r.streamError().getMessage()));
        Report.print(spec.commandLine().getOut(), common, summary, String.format(java.util.Locale.ROOT,
                "%s -> %s: %d frames, %d -> %d bytes (%.2fx, %.3f bits/pixel) in %.2f s (%.0f frames/s, %.1f MB/s in)%s; %s",
                source, out, r.frames(), raw, s.archiveBytes(), ratio, bpp, r.seconds(), fps, mbIn,
                r.sequenceGaps() > 0 ? "; " + r.sequenceGaps() + " frames missing by sequence number" : "", ended));
    }

    private static RuntimeException rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
