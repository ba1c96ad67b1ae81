package org.stemz.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemz.cli.input.InputSpec;
import org.stemz.cli.input.MibFrames;
import org.stemz.cli.live.MerlinSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz simulate-merlin}: a Merlin data port on the loopback interface, for tests and benchmarks. */
@Command(name = "simulate-merlin", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serve frames over TCP on 127.0.0.1 as a Merlin detector does on its data port (acquisition "
                + "header, then MPX-prefixed MIB frames) to one client, at a given frame rate, then exit.",
            "SOURCE is a .mib (sent byte for byte) or any unsigned-integer input stemz reads (sent as U08/U16/U32 "
                    + "frames); --synthetic N makes N distinct 12-bit frames instead."})
public final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "Frames to send.")
    String source;

    @Option(names = "--synthetic", paramLabel = "N", description = "N distinct synthetic 12-bit frames (U16).")
    int synthetic;

    @Option(names = "--size", paramLabel = "PIXELS", description = "--synthetic frame side (default: ${DEFAULT-VALUE}).")
    int size = 256;

    @Option(names = "--frames", paramLabel = "N", description = "Frames to send, cycling through the source (default: its frames).")
    long frames = -1;

    @Option(names = "--rate", paramLabel = "FPS", description = "Frames per second (default: 0, as fast as the client reads).")
    double rate;

    @Option(names = "--buffer-seconds", paramLabel = "S",
            description = "Frames more than this far behind schedule are dropped, as by a detector whose buffer is full "
                    + "(default: ${DEFAULT-VALUE}).")
    double bufferSeconds = 1;

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: 6342; 0 picks a free one).")
    int port = CaptureCommand.DEFAULT_PORT;

    @Option(names = "--fault", paramLabel = "KIND@FRAME",
            description = "Inject a fault: drop_mid_frame, stall_mid_frame, garbage, wrong_length or mismatched_header, at frame FRAME.")
    String fault;

    @Option(names = "--write", paramLabel = "OUT.mib", description = "Write the frames as a .mib (+ .hdr) instead of serving them.")
    Path write;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((source == null) == (synthetic <= 0)) {
            throw new UsageException("give either SOURCE or --synthetic N");
        }
        MerlinSimulator.Fault kind = MerlinSimulator.Fault.NONE;
        long at = -1;
        if (fault != null) {
            String[] parts = fault.split("@");
            try {
                kind = MerlinSimulator.Fault.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
                at = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 0;
            } catch (IllegalArgumentException e) {
                throw new UsageException("--fault " + fault + ": expected KIND@FRAME, KIND one of drop_mid_frame, "
                        + "stall_mid_frame, garbage, wrong_length, mismatched_header");
            }
        }
        try (MibFrames frames = open()) {
            long total = this.frames > 0 ? this.frames : frames.count();
            PrintWriter out = spec.commandLine().getOut();
            if (write != null) {
                AtomicOutput.checkTarget(write, common.json, java.util.List.of());
                frames.writeMib(write, total);
                Report.print(out, common, Json.object().put("output", write.toString()).put("frames", total),
                        "wrote " + total + " frames to " + write);
                return ExitCodes.OK;
            }
            MerlinSimulator.Settings settings = new MerlinSimulator.Settings(rate, total, bufferSeconds, kind, at);
            try (MerlinSimulator sim = MerlinSimulator.start(frames, port, settings)) {
                out.println("listening on 127.0.0.1:" + sim.port());
                out.flush();
                MerlinSimulator.Report r = sim.await(0);
                Json json = Json.object().put("planned", r.planned()).put("sent", r.sent()).put("dropped", r.dropped())
                        .put("max_lag_frames", r.maxLagFrames()).put("seconds", r.seconds())
                        .put("frames_per_second", r.seconds() > 0 ? r.sent() / r.seconds() : 0)
                        .put("error", r.error() == null ? "" : r.error());
                Report.print(out, common, json, String.format(Locale.ROOT, "sent %d of %d frames in %.2f s (%.0f frames/s), "
                        + "%d dropped, at most %d frames behind schedule%s", r.sent(), r.planned(), r.seconds(),
                        r.seconds() > 0 ? r.sent() / r.seconds() : 0, r.dropped(), r.maxLagFrames(),
                        r.error() == null ? "" : "; " + r.error()));
                return r.error() == null ? ExitCodes.OK : ExitCodes.IO_ERROR;
            }
        }
    }

    private MibFrames open() throws java.io.IOException {
        if (synthetic > 0) {
            return MibFrames.synthetic(synthetic, size, 1);
        }
        InputSpec in = inputOptions.spec(source);
        if (in.file().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mib")) {
            return MibFrames.ofMib(in.file());
        }
        return MibFrames.ofArray(in.open());
    }
}
