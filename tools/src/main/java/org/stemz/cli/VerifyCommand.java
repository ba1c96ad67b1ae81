package org.stemz.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.ArchiveReader;
import org.stemz.ChunkCheck;
import org.stemz.VerifyReport;
import org.stemz.cli.input.ArraySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stemz verify IN.stemz [--against SOURCE]}: header and index (checked on opening), then every chunk's
 * coded checksum and a full decode against its decoded checksum, then optionally a bit-for-bit comparison
 * with the source.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check an archive: header, index, every chunk's checksum, and a full decode.",
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
        List<String> problems = new ArrayList<>();
        int exit = ExitCodes.OK;
        ArrayComparison.Result comparison = null;
        int chunks;
        Archives.expectDecode("verify", input, common.threads(), true);
        try (ArchiveReader reader = Archives.open(input)) {
            chunks = reader.chunkCount();
            VerifyReport report = reader.verify(common.threads());
            for (ChunkCheck c : report.failures()) {
                problems.add(String.format("chunk %d (bytes %d..%d, frames %d..%d): %s%s", c.chunk(), c.offset(),
                        c.offset() + c.codedBytes() - 1, c.firstFrame(), c.firstFrame() + c.frames() - 1,
                        c.error() == null ? "checksum mismatch" : c.error().getMessage(),
                        c.decodedChecksumOk() ? " (its data still decode correctly)" : ""));
                if (exit == ExitCodes.OK) {
                    exit = c.error() == null ? ExitCodes.CHECKSUM_MISMATCH : ExitCodes.of(c.error());
                }
            }
            if (report.ok() && against != null) {
                try (ArraySource source = inputOptions.spec(against).open()) {
                    comparison = ArrayComparison.compare(reader, source);
                    if (!source.notes().isEmpty()) { // what the comparison could not cover
                        List<String> notes = new ArrayList<>(source.notes());
                        if (comparison.note() != null) {
                            notes.add(0, comparison.note());
                        }
                        comparison = new ArrayComparison.Result(comparison.difference(), String.join("; ", notes));
                    }
                }
                if (!comparison.identical()) {
                    problems.add("differs from " + against + ": " + comparison.difference());
                    exit = ExitCodes.CONTENT_DIFFERS;
                }
            }
        }
        Json json = Json.object().put("file", input.toString()).put("ok", exit == ExitCodes.OK)
                .put("chunks", chunks).put("problems", problems)
                .put("against", against).put("identical", comparison == null ? null : comparison.identical())
                .put("note", comparison == null ? null : comparison.note());
        if (exit == ExitCodes.OK) {
            String human = input + ": OK (" + chunks + " chunks, all checksums match, decodes completely"
                    + (against == null ? "" : ", identical to " + against) + ")"
                    + (comparison != null && comparison.note() != null
                    ? System.lineSeparator() + "  note: " + comparison.note() : "");
            Report.print(spec.commandLine().getOut(), common, json, human);
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
