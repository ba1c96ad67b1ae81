package org.stemz.cli.batch;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.stemz.cli.UsageException;
import picocli.CommandLine.Option;

/** The option of the many-file mode, and when that mode applies. */
public final class BatchOptions {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "With several inputs or a directory: files processed at once (default: 1).")
    int jobs = 1;

    /** Several inputs or a directory run as a batch; one file keeps the single-file behaviour and output. */
    public static boolean applies(List<String> inputs) {
        return inputs.size() > 1 || Files.isDirectory(Paths.get(inputs.get(0)));
    }

    int jobs() {
        if (jobs < 1) {
            throw new UsageException("--jobs must be at least 1, got " + jobs);
        }
        return jobs;
    }
}
