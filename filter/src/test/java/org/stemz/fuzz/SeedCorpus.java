package org.stemz.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stemz.ArchiveReader;
import org.stemz.ChunkIndex;

/**
 * Writes the seed corpus of {@link ParserFuzzTest}: the conformance vectors (whole archives and their headers),
 * the fixed archives' models and chunks with the prefixes the targets expect. Usage: {@code SeedCorpus <filter dir>
 * <conformance dir>}.
 */
public final class SeedCorpus {
    private SeedCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0], "src/test/resources/org/stemz/fuzz/ParserFuzzTestInputs");
        List<Path> vectors = new ArrayList<>();
        for (String dir : new String[] {"v1/valid", "v1/invalid", "v2/valid", "v2/invalid"}) {
            try (var s = Files.list(Path.of(args[1], dir))) {
                s.sorted().forEach(vectors::add);
            }
        }
        for (Path v : vectors) {
            String name = v.getParent().getParent().getFileName() + "-"
                    + v.getFileName().toString().replace(".stemz", "");
            byte[] bytes = Files.readAllBytes(v);
            write(out.resolve("archive"), name, bytes);
            write(out.resolve("header"), name, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 4096)));
        }
        try (ArchiveReader r = ArchiveReader.open(Path.of(args[1], "v2/valid/few-frames-sectioned-model.stemz"))) {
            // a model of 48 x 48 pixels, parsed for 16 x 16: its sections unpack, its body then fails
            write(out.resolve("model"), "sectioned", prefixed(16 | 15, 15, r.header().modelData()));
        }
        for (int m = 0; m < ParserFuzzTest.ARCHIVES.length; m++) {
            byte[] a = ParserFuzzTest.ARCHIVES[m];
            try (ArchiveReader r = ArchiveReader.of(a)) {
                byte[] model = r.header().modelData();
                write(out.resolve("model"), "mode" + m, prefixed(16 | 4, 5, model)); // version 2, 5 x 6 pixels
                ChunkIndex index = r.index();
                byte[] record = java.util.Arrays.copyOfRange(a, (int) index.offset(0),
                        (int) (index.offset(0) + index.length(0)));
                write(out.resolve("chunk"), "mode" + m, prefixed(m, r.header().framesInChunk(0) - 1,
                        org.stemz.FuzzAccess.codedFrames(record)));
                write(out.resolve("record"), "mode" + m, record);
            }
        }
        byte[] s = ParserFuzzTest.STREAMED;
        try (ArchiveReader r = ArchiveReader.of(s)) {
            ChunkIndex index = r.index();
            write(out.resolve("recovery"), "streamed", s);
            write(out.resolve("recovery"), "streamed-cut", java.util.Arrays.copyOf(s, s.length - 40));
            for (int c = 0; c < index.size(); c++) {
                write(out.resolve("record"), "streamed-" + c, java.util.Arrays.copyOfRange(s, (int) index.offset(c),
                        (int) (index.offset(c) + index.length(c))));
            }
            int at = s.length - ChunkIndex.FOOTER_BYTES - 24 * index.size();
            byte[] entries = new byte[s.length - at + 1];
            entries[0] = (byte) index.size();
            System.arraycopy(s, at, entries, 1, s.length - at);
            write(out.resolve("index"), "streamed", entries);
        }
    }

    private static byte[] prefixed(int a, int b, byte[] rest) {
        byte[] r = new byte[rest.length + 2];
        r[0] = (byte) a;
        r[1] = (byte) b;
        System.arraycopy(rest, 0, r, 2, rest.length);
        return r;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
