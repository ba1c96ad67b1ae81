package org.stemz.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.ArchiveSummary;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.cli.batch.BatchOptions;
import org.stemz.cli.batch.BatchRun;
import org.stemz.cli.input.ArraySource;
import org.stemz.cli.input.InputSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz compress INPUT -o OUT.stemz}. */
@Command(name = "compress", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Compress a 4D-STEM dataset losslessly into a .stemz archive.",
            "INPUT is a .npy, a raw file (with --shape --dtype), FILE.h5:/dataset, a Nion Swift .ndata or .h5, "
                    + "a Merlin .mib (+ .hdr), an EMPAD .raw/.xml or a TIA .ser. The source's metadata go into the archive.",
            "INPUT - reads frames from standard input (raw with --shape/--dtype, or Merlin .mib content), and "
                    + "--follow INPUT a file that is still growing; both in one pass, as the frames arrive."})
public final class CompressCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "The dataset to compress; several, or "
            + "directories of them, run as a batch (see --jobs; -o is then an existing directory).")
    List<String> inputs;

    @Mixin
    BatchOptions batch;

    /** The input of a single-file run (the one element of inputs). */
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.stemz",
            description = "The archive to write (default: INPUT.stemz beside the input); OUT.h5 writes dataset "
                    + "/data of an HDF5 file with the stemz filter instead.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Replace an existing output file.")
    boolean force;

    @Option(names = "--frames-per-chunk", paramLabel = "N",
            description = "Frames per independently decodable chunk (default: about 4 MiB of raw data).")
    int framesPerChunk;

    @Option(names = "--chunk", paramLabel = "SHAPE",
            description = "HDF5 output only: chunk shape such as 1x16x128x128 (default: as stemz repack).")
    String chunk;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    DatasetModelOption datasetModel;

    @Mixin
    CommonOptions common;

    @Mixin
    StreamOptions stream;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (BatchOptions.applies(inputs)) {
            return BatchRun.run(spec, batch, inputs);
        }
        input = inputs.get(0);
        if (stream.applies(input)) {
            return StreamCompress.run(this);
        }
        InputSpec in = inputOptions.spec(input);
        Path out = output != null ? output : Paths.get(in.file() + ".stemz");
        CodecOptions options = CodecOptions.defaults().withThreads(common.threads())
                .withFramesPerChunk(framesPerChunk);
        long start = System.nanoTime();
        ArchiveSummary r;
        ArrayDescriptor d;
        try (ArraySource source = in.open()) {
            d = source.descriptor();
            if (!common.quiet) {
                for (String note : source.notes()) {
                    spec.commandLine().getErr().println("stemz compress: note: " + note);
                }
                spec.commandLine().getErr().flush();
            }
            if (CompressToHdf5.handles(out)) {
                return CompressToHdf5.run(spec, common, source, input, out, force, in.files(), chunk, datasetModel);
            }
            OutOfMemory.expect("compress", MemoryEstimate.encode(d,
                    options.framesPerChunkFor((long) d.framePixels() * d.type().size()), common.threads()));
            try (AtomicOutput target = AtomicOutput.open(out, force, in.files())) {
                r = Archives.compress(source, options, target, common.progress(d.byteSize()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long pixels = d.elementCount();
        double bpp = pixels == 0 ? 0 : 8.0 * r.archiveBytes() / pixels;
        double ratio = r.archiveBytes() == 0 ? 0 : (double) d.byteSize() / r.archiveBytes();
        Json summary = Json.object().put("input", input).put("output", out.toString())
                .put("dtype", d.type().name().toLowerCase()).put("shape", d.shape())
                .put("raw_bytes", d.byteSize()).put("archive_bytes", r.archiveBytes())
                .put("model_bytes", r.header().modelBytes()).put("chunks", r.index().size())
                .put("ratio", ratio).put("bits_per_pixel", bpp).put("seconds", seconds);
        Report.print(spec.commandLine().getOut(), common, summary, String.format(
                "%s -> %s: %d -> %d bytes (%.2fx, %.3f bits/pixel) in %.2f s",
                input, out, d.byteSize(), r.archiveBytes(), ratio, bpp, seconds));
        return ExitCodes.OK;
    }
}
