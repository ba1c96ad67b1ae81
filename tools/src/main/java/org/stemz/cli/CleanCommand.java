package org.stemz.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stemz clean [DIR...]}: removes the temporary files a killed stemz left ({@code .NAME.stemz-tmp-PID.part},
 * see {@link TempFiles}), only those whose process is no longer running, so a run in progress is never disturbed.
 */
@Command(name = "clean", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Remove stale temporary files (.NAME.stemz-tmp-PID.part) left by a killed stemz.",
            "Only files whose process (PID) is no longer running are removed; DIR defaults to the current folder."})
public final class CleanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Folders to clean (not recursive).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = {"-n", "--dry-run"}, description = "Only list what would be removed.")
    boolean dryRun;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        for (Path dir : dirs.isEmpty() ? List.of(Paths.get(".")) : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "not a folder");
            }
            for (var e : TempFiles.stale(dir, null, !dryRun).entrySet()) {
                bytes += e.getValue();
                removed.add(e.getKey().toString());
            }
        }
        StringBuilder human = new StringBuilder();
        for (String f : removed) {
            human.append(dryRun ? "would remove " : "removed ").append(Display.escape(f)).append(System.lineSeparator());
        }
        human.append(removed.size()).append(" stale temporary file(s), ").append(bytes).append(" bytes")
                .append(dryRun ? " (dry run)" : "");
        Report.print(spec.commandLine().getOut(), common, Json.object().put("removed", removed)
                .put("bytes", bytes).put("dry_run", dryRun), human.toString());
        return ExitCodes.OK;
    }
}
