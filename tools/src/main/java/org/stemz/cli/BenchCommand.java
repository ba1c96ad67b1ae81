package org.stemz.cli;

import java.util.concurrent.Callable;
import org.stemz.cli.bench.Benchmark;
import org.stemz.cli.input.ArraySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz bench INPUT [--json]}: stemz against gzip, zstd and HDF5 Blosc on one dataset. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Compare stemz with gzip (Deflater 6 and 9), zstd (command-line tool, if on PATH) and "
                + "HDF5 Blosc-zstd (/usr/bin/python3 with hdf5plugin, if installed) on one dataset.",
            "Reports size, bits per pixel, stemz's model size, and encode/decode MB/s and megapixels/s "
                    + "(best of --repeat runs after a warm-up), stemz with 1 thread and with --threads."})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "The dataset (any format compress reads).")
    String input;

    @Option(names = "--repeat", paramLabel = "N", description = "Timed runs per measurement (default: 3).")
    int repeat = 3;

    @Option(names = "--no-peers", description = "Measure stemz only.")
    boolean noPeers;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new UsageException("--repeat must be at least 1");
        }
        Benchmark bench;
        try (ArraySource source = inputOptions.spec(input).open()) {
            byte[] data = Archives.readAll(source);
            bench = new Benchmark(input, source.descriptor(), data);
        }
        bench.run(common.threads(), repeat, !noPeers, common.quiet || common.json ? null : spec.commandLine().getErr());
        Report.print(spec.commandLine().getOut(), common, bench.toJson(), bench.table());
        return ExitCodes.OK;
    }
}
