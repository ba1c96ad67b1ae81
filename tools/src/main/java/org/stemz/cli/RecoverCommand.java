package org.stemz.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.ArchiveRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz recover DAMAGED -o OUT}: an archive of every complete chunk of a truncated one. */
@Command(name = "recover", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Rebuild the index of a truncated version-2 archive (a capture or stream compress that was "
                + "killed leaves its temporary file, .OUT.stemz.stemz-tmp-PID, beside the output), keeping every "
                + "complete chunk that passes its checksums; the result is verified before it is kept."})
public final class RecoverCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DAMAGED", description = "The truncated archive.")
    Path damaged;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.stemz", required = true, description = "The archive to write.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Replace an existing output file.")
    boolean force;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.exists(damaged)) {
            throw new java.nio.file.NoSuchFileException(damaged.toString(), null, "no such file");
        }
        AtomicOutput.checkTarget(output, force, List.of(damaged));
        ArchiveRecovery.RecoveryReport r = ArchiveRecovery.recover(damaged, output, force);
        Json json = Json.object().put("input", damaged.toString()).put("output", output.toString())
                .put("chunks", r.chunks()).put("frames", r.frames()).put("dropped_bytes", r.droppedBytes())
                .put("stopped_because", r.stoppedBecause());
        Report.print(spec.commandLine().getOut(), common, json, String.format("%s -> %s: kept %d chunks (%d frames); "
                + "%d bytes after them dropped (%s)", damaged, output, r.chunks(), r.frames(), r.droppedBytes(),
                r.stoppedBecause()));
        return ExitCodes.OK;
    }
}
