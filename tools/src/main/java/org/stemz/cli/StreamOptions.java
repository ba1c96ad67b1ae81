package org.stemz.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code compress} for inputs that arrive as a stream: {@code -} (standard input) and --follow. */
public final class StreamOptions {
    @Option(names = "--follow",
            description = "INPUT is still being written: compress it as it grows, until it stops growing for --idle "
                    + "seconds or --frames N are in (raw with --shape/--dtype, or Merlin .mib).")
    boolean follow;

    @Option(names = "--idle", paramLabel = "SECONDS",
            description = "--follow: the file has ended once it has not grown for this long (default: ${DEFAULT-VALUE}).")
    double idle = 5;

    @Mixin
    LiveOptions live;

    /** Whether {@code input} is to be read as a stream. */
    boolean applies(String input) {
        return follow || "-".equals(input);
    }
}
