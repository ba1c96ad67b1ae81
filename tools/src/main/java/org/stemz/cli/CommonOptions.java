package org.stemz.cli;

import picocli.CommandLine.Option;

/** Options every subcommand shares. */
public final class CommonOptions {
    @Option(names = {"-T", "--threads"}, paramLabel = "N",
            description = "Worker threads (default: all ${sys:stemz.cores} cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors; no progress bar.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as JSON on standard output.")
    boolean json;

    static {
        System.setProperty("stemz.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    public int threads() {
        if (threads < 1) {
            throw new UsageException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /** A progress bar over {@code totalBytes} on a terminal, unless --quiet or --json. */
    org.stemz.ProgressListener progress(long totalBytes) {
        return ConsoleProgress.forTerminal(quiet || json, totalBytes);
    }
}
