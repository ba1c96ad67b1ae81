package org.stemz.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.hdf5.FilterCall;
import org.stemz.hdf5.Hdf5Exception;
import org.stemz.hdf5.Hdf5Native;
import org.stemz.hdf5.Repacker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz repack IN.h5 OUT.h5}: rewrites HDF5 datasets with the stemz filter through libhdf5 (JNA). */
@Command(name = "repack", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Copy an HDF5 file, rewriting datasets with the stemz HDF5 filter (id 36000).",
            "Other objects and all attributes are copied unchanged. Readers need the stemz plugin "
                + "(HDF5_PLUGIN_PATH) or jhdf with the stemz jar.",
            "libhdf5 is loaded as hdf5_serial, then hdf5; set STEMZ_HDF5_LIBRARY to override."})
public final class RepackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.h5", description = "The HDF5 file to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.h5", description = "The HDF5 file to write.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Replace an existing output file.")
    boolean force;

    @Option(names = {"-d", "--dataset"}, paramLabel = "PATH",
            description = "Dataset to compress (repeatable). Default: every dataset of rank >= 2 whose element "
                    + "type stemz codes (8/16/32-bit integers, 32/64-bit floats).")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--chunk", paramLabel = "SHAPE",
            description = "Chunk shape such as 1x16x128x128 (one value per axis). Default: one scan row for 4-D "
                    + "data, about 4 MiB of frames for 3-D stacks. Chunks should hold whole frames (a warning says so "
                    + "otherwise): each chunk is modelled on its own.")
    String chunk;

    @Mixin
    DatasetModelOption datasetModel;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (!Hdf5Native.isAvailable()) {
            throw new IOException(Hdf5Native.unavailableReason());
        }
        // chunks are encoded on this many threads and stored with direct chunk writes; the filter (reading the
        // result back for its size) decodes with as many
        System.setProperty(FilterCall.THREADS_PROPERTY, String.valueOf(common.threads()));
        PrintWriter err = spec.commandLine().getErr();
        datasetModel.printReaderNote(err, "repack");
        List<Repacker.Result> results;
        // written under a temporary name and renamed only after HDF5 closed the file without an error
        try (AtomicOutput out = AtomicOutput.open(output, force, List.of(input))) {
            results = Repacker.repack(input, out.temporaryPath(), datasets, parseChunk(chunk), common.threads(),
                    datasetModel.enabled, warning -> {
                        err.println("stemz repack: warning: " + warning);
                        err.flush();
                    });
            out.commit();
        } catch (Hdf5Exception e) {
            throw new IOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        List<Json> items = new ArrayList<>();
        StringBuilder human = new StringBuilder();
        for (Repacker.Result r : results) {
            items.add(Json.object().put("dataset", r.path()).put("shape", r.shape()).put("chunk", r.chunk())
                    .put("raw_bytes", r.rawBytes()).put("stored_bytes", r.storedBytes())
                    .put("bits_per_pixel", r.bitsPerPixel()));
            human.append(String.format("%s %s chunks %s: %d -> %d bytes (%.2fx, %.3f bits/pixel)%n", r.path(),
                    Arrays.toString(r.shape()), Arrays.toString(r.chunk()), r.rawBytes(), r.storedBytes(),
                    (double) r.rawBytes() / Math.max(1, r.storedBytes()), r.bitsPerPixel()));
        }
        if (results.isEmpty()) {
            human.append("no dataset to compress; the file was copied unchanged").append(System.lineSeparator());
        }
        Report.print(spec.commandLine().getOut(), common, Json.object().put("input", input.toString())
                .put("output", output.toString()).put("datasets", items), human.toString().stripTrailing());
        return ExitCodes.OK;
    }

    static long[] parseChunk(String text) {
        if (text == null) {
            return null;
        }
        try {
            long[] dims = Arrays.stream(text.trim().split("[x,]")).mapToLong(Long::parseLong).toArray();
            if (dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
                throw new NumberFormatException();
            }
            return dims;
        } catch (NumberFormatException e) {
            throw new UsageException("--chunk must be positive integers separated by 'x', e.g. 1x16x128x128; got '"
                    + text + "'");
        }
    }
}
