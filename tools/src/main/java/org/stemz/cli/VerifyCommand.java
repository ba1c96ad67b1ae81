package org.stemz.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.DecodedArray;
import org.stemz.StemzException;
import org.stemz.cli.input.ArraySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stemz verify IN.stemz [--against SOURCE]}: header, index and every chunk checksum, then a full
 * decode (which checks the decoded data's checksums), then optionally a bit-for-bit comparison with the source.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check an archive: header, index and chunk checksums, and a full decode.",
            "With --against, also compare it bit for bit with the original dataset (any input format).",
            "Exits 0 only if all is well; names every corrupt chunk."})
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.stemz", description = "The archive to check.")
    Path input;

    @Option(names = "--against", paramLabel = "SOURCE",
            description = "The original dataset (any format compress reads) to compare the decoded array with.")
    String against;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Archives.Loaded archive = Archives.load(input);
        List<String> problems = new ArrayList<>();
        for (ArchiveLayout.BadChunk b : archive.badChunks()) {
            problems.add(String.format("chunk %d (bytes %d..%d, frames %d..%d): checksum mismatch", b.chunk(),
                    b.offset(), b.offset() + b.length() - 1, b.firstFrame(), b.firstFrame() + b.frames() - 1));
        }
        int exit = problems.isEmpty() ? ExitCodes.OK : ExitCodes.CHECKSUM_MISMATCH;
        DecodedArray decoded = null;
        if (problems.isEmpty()) {
            try {
                decoded = archive.decode(common.threads());
            } catch (StemzException e) {
                problems.add(e.getMessage());
                exit = ExitCodes.of(e);
            }
        }
        ArrayComparison.Result comparison = null;
        if (decoded != null && against != null) {
            try (ArraySource source = inputOptions.spec(against).open()) {
                comparison = ArrayComparison.compare(decoded, source);
            }
            if (!comparison.identical()) {
                problems.add("differs from " + against + ": " + comparison.difference());
                exit = ExitCodes.CONTENT_DIFFERS;
            }
        }
        Json json = Json.object().put("file", input.toString()).put("ok", exit == ExitCodes.OK)
                .put("chunks", archive.layout().index().size()).put("problems", problems)
                .put("against", against).put("identical", comparison == null ? null : comparison.identical())
                .put("note", comparison == null ? null : comparison.note());
        StringBuilder human = new StringBuilder();
        if (exit == ExitCodes.OK) {
            human.append(input).append(": OK (").append(archive.layout().index().size())
                    .append(" chunks, all checksums match, decodes completely")
                    .append(against == null ? "" : ", identical to " + against).append(')');
            if (comparison != null && comparison.note() != null) {
                human.append(System.lineSeparator()).append("  note: ").append(comparison.note());
            }
            Report.print(spec.commandLine().getOut(), common, json, human.toString());
        } else {
            for (String p : problems) {
                spec.commandLine().getErr().println("stemz verify: " + input + ": " + p);
            }
            spec.commandLine().getErr().flush();
            if (common.json) {
                Report.print(spec.commandLine().getOut(), common, json, "");
            }
        }
        return exit;
    }
}
