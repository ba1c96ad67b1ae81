package org.stemz.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stemz.ArrayDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stemz info IN.stemz [--json]}: what an archive holds, read from its header and index only. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show an archive's dtype, shape, chunking, sizes, compression ratio and metadata "
                + "(reads the header and index; decodes nothing).")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.stemz", description = "The archive to describe.")
    Path input;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ArchiveLayout layout = Archives.load(input).layout();
        ArrayDescriptor d = layout.header().descriptor();
        long pixels = d.elementCount();
        double bpp = pixels == 0 ? 0 : 8.0 * layout.fileBytes() / pixels;
        Json json = Json.object().put("file", input.toString())
                .put("format_version", org.stemz.ArchiveHeader.VERSION)
                .put("dtype", d.type().name().toLowerCase())
                .put("byte_order", d.order().toString().toLowerCase().replace("_endian", ""))
                .put("shape", d.shape()).put("frames", d.frames())
                .put("frames_per_chunk", layout.header().framesPerChunk()).put("chunks", layout.index().size())
                .put("raw_bytes", d.byteSize()).put("archive_bytes", layout.fileBytes())
                .put("header_bytes", layout.header().headerBytes()).put("model_bytes", layout.header().modelBytes())
                .put("coded_bytes", layout.codedBytes())
                .put("ratio", layout.fileBytes() == 0 ? 0 : (double) d.byteSize() / layout.fileBytes())
                .put("bits_per_pixel", bpp).put("metadata", layout.header().metadata());
        String human = String.format("%s%n  %s, %d frames of %dx%d%n  %d chunks of up to %d frames%n"
                        + "  %d bytes raw, %d bytes archived (%.2fx, %.3f bits/pixel)%n"
                        + "  header %d bytes (model %d), chunks %d bytes%n  metadata: %s",
                input, d, d.frames(), d.frameHeight(), d.frameWidth(), layout.index().size(),
                layout.header().framesPerChunk(), d.byteSize(), layout.fileBytes(),
                (double) d.byteSize() / Math.max(1, layout.fileBytes()), bpp, layout.header().headerBytes(),
                layout.header().modelBytes(), layout.codedBytes(), abbreviate(layout.header().metadata()));
        Report.print(spec.commandLine().getOut(), common, json, human);
        return ExitCodes.OK;
    }

    private static String abbreviate(String s) {
        return s.isEmpty() ? "(none)" : s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " chars)";
    }
}
