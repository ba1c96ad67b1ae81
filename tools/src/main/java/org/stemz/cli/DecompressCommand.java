package org.stemz.cli;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.ProgressListener;
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
        description = {"Decode a .stemz archive, whole or a range of frames, to .npy, .raw or .h5.",
            "Only the chunks holding the requested frames are read; every chunk is checked against its "
                    + "checksums and corrupt data are never written."})
public final class DecompressCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.stemz", description = "The archive to decode.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npy|.raw|.h5",
            description = "Output file: .npy keeps dtype, byte order and shape; .raw holds the bare elements; "
                    + ".h5 writes dataset /data with libhdf5.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Replace an existing output file.")
    boolean force;

    @Option(names = "--frames", paramLabel = "A:B",
            description = "Only frames A (included) to B (excluded), counting scan positions in C order; "
                    + "the output is (B-A, det_y, det_x).")
    String frames;

    @Option(names = "--scan-range", paramLabel = "Y0:Y1,X0:X1",
            description = "Only scan rows Y0..Y1-1 and columns X0..X1-1 of a 4-D archive; "
                    + "the output is (Y1-Y0, X1-X0, det_y, det_x).")
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
        OutputFormats.check(output);
        Archives.expectDecode("decompress", input, common.threads(), false);
        long start = System.nanoTime();
        try (ArchiveReader reader = Archives.open(input);
             AtomicOutput target = AtomicOutput.open(output, force, List.of(input))) {
            Selection sel = Selection.of(reader.descriptor(), frames, scanRange);
            try (ArrayWriter writer = OutputFormats.open(target, output, sel.descriptor())) {
                OutputStream out = writer.frames();
                ProgressListener progress = common.progress(sel.descriptor().byteSize());
                for (long[] run : sel.runs()) {
                    Archives.decode(reader, run[0], run[1], out, common.threads(), progress);
                }
                writer.finish();
            }
            target.commit();
            ArrayDescriptor d = sel.descriptor();
            double seconds = (System.nanoTime() - start) / 1e9;
            Json summary = Json.object().put("input", input.toString()).put("output", output.toString())
                    .put("dtype", d.type().name().toLowerCase()).put("shape", d.shape())
                    .put("bytes", d.byteSize()).put("seconds", seconds);
            Report.print(spec.commandLine().getOut(), common, summary,
                    String.format("%s -> %s: %s, %d bytes in %.2f s", input, output, d, d.byteSize(), seconds));
        }
        return ExitCodes.OK;
    }
}
