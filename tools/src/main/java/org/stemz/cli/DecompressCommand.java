package org.stemz.cli;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.DecodedArray;
import org.stemz.cli.output.ArrayWriter;
import org.stemz.cli.output.OutputFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz decompress IN.stemz -o OUT.npy [--frames A:B | --scan-range Y0:Y1,X0:X1]}. */
@Command(name = "decompress", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Decode a .stemz archive, whole or a range of frames, to .npy or .raw.",
            "Every chunk is checked against its checksums; corrupt data are never written."})
public final class DecompressCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.stemz", description = "The archive to decode.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npy|OUT.raw",
            description = "Output file; .npy keeps dtype, byte order and shape, .raw holds the bare elements.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Replace an existing output file.")
    boolean force;

    @Option(names = "--frames", paramLabel = "A:B",
            description = "Only frames A (included) to B (excluded), counting scan positions in C order; "
                    + "the output is (B-A, det_y, det_x).")
    String frames;

    @Option(names = "--scan-range", paramLabel = "Y0:Y1,X0:X1",
            description = "Only scan rows Y0..Y1-1 and columns X0..X1-1 of a 4-D archive.")
    String scanRange;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (frames != null && scanRange != null) {
            throw new UsageException("give --frames or --scan-range, not both");
        }
        ArrayWriter writer = OutputFormats.forPath(output);
        long start = System.nanoTime();
        try (AtomicOutput target = AtomicOutput.open(output, force, List.of(input))) {
            DecodedArray a = select();
            OutputStream out = target.stream();
            writer.begin(out, a.descriptor(), a.metadata());
            ProgressListener progress = common.progress();
            progress.begin("write", a.data().length);
            for (int off = 0; off < a.data().length; off += 1 << 22) {
                int n = Math.min(1 << 22, a.data().length - off);
                out.write(a.data(), off, n);
                progress.advance(n);
            }
            progress.end();
            writer.end(out);
            target.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            Json summary = Json.object().put("input", input.toString()).put("output", output.toString())
                    .put("dtype", a.descriptor().type().name().toLowerCase()).put("shape", a.descriptor().shape())
                    .put("bytes", a.data().length).put("seconds", seconds);
            Report.print(spec.commandLine().getOut(), common, summary, String.format("%s -> %s: %s, %d bytes in %.2f s",
                    input, output, a.descriptor(), a.data().length, seconds));
        }
        return ExitCodes.OK;
    }

    private DecodedArray select() throws java.io.IOException {
        if (frames != null) {
            long[] r = Ranges.parse(frames, "--frames");
            return Archives.decodeFrames(input, r[0], r[1], common.threads());
        }
        DecodedArray all = Archives.decode(input, common.threads());
        if (scanRange != null) {
            String[] yx = scanRange.split(",");
            if (yx.length != 2) {
                throw new UsageException("--scan-range must look like Y0:Y1,X0:X1, not " + scanRange);
            }
            long[] y = Ranges.parse(yx[0], "--scan-range");
            long[] x = Ranges.parse(yx[1], "--scan-range");
            return Slices.scan(all, y[0], y[1], x[0], x[1]);
        }
        return all;
    }
}
