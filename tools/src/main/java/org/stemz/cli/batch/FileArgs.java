package org.stemz.cli.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line of one file of a batch: the batch's own options as given, minus those the batch handles
 * itself (jobs, threads, output, report format), so every file runs through exactly the single-file command.
 */
final class FileArgs {
    private static final Set<String> BATCH_OWNED = Set.of("--jobs", "--threads", "--output", "--json", "--quiet");

    private final String command;
    private final List<String> forwarded = new ArrayList<>();

    FileArgs(ParseResult parsed) {
        command = parsed.commandSpec().name();
        for (OptionSpec o : parsed.matchedOptions()) {
            if (BATCH_OWNED.contains(o.longestName())) {
                continue;
            }
            if (o.arity().max() == 0) {
                forwarded.add(o.longestName());
            } else {
                for (String v : o.originalStringValues()) {
                    forwarded.add(o.longestName());
                    forwarded.add(v);
                }
            }
        }
    }

    /** {@code stemz COMMAND [options] INPUT [-o OUTPUT] -T THREADS [--json]}. */
    String[] forFile(String input, String output, int threads, boolean json) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(forwarded);
        args.add("--threads");
        args.add(String.valueOf(threads));
        if (output != null) {
            args.add("--output");
            args.add(output);
        }
        if (json) {
            args.add("--json");
        }
        args.add("--");
        args.add(input);
        return args.toArray(String[]::new);
    }
}
