package org.stemz.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemz.ArchiveHeader;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.ChunkIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stemz info IN.stemz [--json]}: what an archive holds, read from its header and footer only (the model is
 * not parsed, the index not read) unless {@code --chunks} asks for the index. Metadata are untrusted text and
 * printed escaped.
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show an archive's dtype, shape, chunking, sizes, compression ratio and metadata "
                + "(reads only the header and footer; with --chunks also the index).")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.stemz", description = "The archive to describe.")
    Path input;

    @Option(names = "--chunks", description = "Also list every chunk: offset, coded bytes, frames, checksums.")
    boolean chunks;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        HeaderSummary summary = chunks ? null : HeaderSummary.read(input);
        if (summary != null) {
            print(summary, null);
            return ExitCodes.OK;
        }
        // --chunks, a newer format version, or a damaged archive: the full reader (it names any problem)
        try (ArchiveReader reader = Archives.open(input)) {
            ArchiveHeader h = reader.header();
            print(new HeaderSummary(reader.descriptor(), h.framesPerChunk(), h.metadata(), h.modelBytes(),
                    h.headerBytes(), reader.chunkCount(), h.headerBytes() + codedBytes(reader), reader.archiveBytes()),
                    chunks ? reader : null);
        }
        return ExitCodes.OK;
    }

    private void print(HeaderSummary s, ArchiveReader withChunks) {
        ArrayDescriptor d = s.descriptor();
        long pixels = d.elementCount();
        double bpp = pixels == 0 ? 0 : 8.0 * s.archiveBytes() / pixels;
        Json json = Json.object().put("file", input.toString())
                .put("format_version", ArchiveHeader.VERSION)
                .put("dtype", d.type().name().toLowerCase())
                .put("byte_order", d.order().toString().toLowerCase().replace("_endian", ""))
                .put("shape", d.shape()).put("frames", d.frames())
                .put("frames_per_chunk", s.framesPerChunk()).put("chunks", s.chunkCount())
                .put("raw_bytes", d.byteSize()).put("archive_bytes", s.archiveBytes())
                .put("header_bytes", s.headerBytes()).put("model_bytes", s.modelBytes())
                .put("coded_bytes", s.codedBytes())
                .put("ratio", s.archiveBytes() == 0 ? 0 : (double) d.byteSize() / s.archiveBytes())
                .put("bits_per_pixel", bpp).put("metadata", s.metadata());
        StringBuilder list = new StringBuilder();
        if (withChunks != null) {
            List<Json> entries = new ArrayList<>();
            ChunkIndex index = withChunks.index();
            for (int c = 0; c < withChunks.chunkCount(); c++) {
                long first = withChunks.firstFrameOf(c);
                int frames = withChunks.header().framesInChunk(c);
                entries.add(Json.object().put("chunk", c).put("offset", index.offset(c))
                        .put("coded_bytes", index.length(c)).put("first_frame", first).put("frames", frames)
                        .put("coded_crc32c", String.format("%08x", index.codedCrc(c)))
                        .put("decoded_crc32c", String.format("%08x", index.decodedCrc(c))));
                list.append(String.format("%n  chunk %d: bytes %d..%d, frames %d..%d, crc32c %08x (coded) %08x (decoded)",
                        c, index.offset(c), index.offset(c) + index.length(c) - 1, first, first + frames - 1,
                        index.codedCrc(c), index.decodedCrc(c)));
            }
            json.put("chunk_list", entries);
        }
        String human = String.format("%s%n  %s, %d frames of %dx%d%n  %d chunks of up to %d frames%n"
                        + "  %d bytes raw, %d bytes archived (%.2fx, %.3f bits/pixel)%n"
                        + "  header %d bytes (model %d), chunks %d bytes%n  metadata: %s",
                Display.escape(input.toString()), d, d.frames(), d.frameHeight(), d.frameWidth(), s.chunkCount(),
                s.framesPerChunk(), d.byteSize(), s.archiveBytes(),
                (double) d.byteSize() / Math.max(1, s.archiveBytes()), bpp, s.headerBytes(),
                s.modelBytes(), s.codedBytes(), Display.escape(abbreviate(s.metadata())));
        Report.print(spec.commandLine().getOut(), common, json, human + list);
    }

    private static long codedBytes(ArchiveReader r) {
        long sum = 0;
        for (int c = 0; c < r.chunkCount(); c++) {
            sum += r.index().length(c);
        }
        return sum;
    }

    private static String abbreviate(String s) {
        return s.isEmpty() ? "(none)" : s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " chars)";
    }
}
