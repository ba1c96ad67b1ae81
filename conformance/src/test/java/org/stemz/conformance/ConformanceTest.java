package org.stemz.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Runs every vector of manifest.json, and checks the manifest, the generator and the runner themselves. */
class ConformanceTest {
    /** The conformance module's directory (Maven runs tests there). */
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyVectorConforms() throws IOException {
        return Manifest.read(ROOT.resolve(Manifest.FILE)).stream().map(e -> DynamicTest.dynamicTest(
                e.path("id").asText(), () -> assertEquals(List.of(), ConformanceRunner.check(ROOT, e))));
    }

    @Test
    void manifestListsEveryVectorFileAndNothingElse() throws IOException {
        TreeSet<String> listed = Manifest.read(ROOT.resolve(Manifest.FILE)).stream()
                .map(e -> e.path("file").asText()).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> present = new TreeSet<>();
        long bytes = 0;
        for (String dir : new String[] {"v1/valid", "v1/invalid", "v2/valid", "v2/invalid"}) {
            try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    present.add(dir + "/" + p.getFileName());
                    bytes += Files.size(p);
                }
            }
        }
        assertEquals(listed, present);
        assertTrue(bytes < 512 * 1024, "vectors take " + bytes + " bytes; keep them tiny");
    }

    /** SHA-256 of v1/entries.json: the version-1 vectors and their expectations are frozen. */
    private static final String FROZEN_V1_SHA256 = "edab188ccae5f6d5eb287a20878c7d384f152028a7652c88edb4d9674aff0c04";

    /**
     * The version-1 vectors written before version 2 existed still pass, unchanged: 18 valid, 48 invalid (the one
     * that used version 2 as an unknown version was withdrawn with it), every file as recorded.
     */
    @Test
    void frozenVersionOneVectorsStillDecode() throws IOException {
        assertEquals(FROZEN_V1_SHA256, Manifest.sha256(Files.readAllBytes(ROOT.resolve(Manifest.FROZEN_V1))),
                "v1/entries.json changed: the version-1 vectors are frozen");
        List<JsonNode> v1 = Manifest.read(ROOT.resolve(Manifest.FILE)).stream()
                .filter(e -> e.path("spec_version").asInt() == 1).toList();
        assertEquals(18, v1.stream().filter(e -> e.path("expect").path("result").asText().equals("ok")).count());
        assertEquals(66, v1.size());
        for (JsonNode e : v1) {
            assertTrue(e.path("file").asText().startsWith("v1/"), e.toString());
            assertEquals(List.of(), ConformanceRunner.check(ROOT, e));
        }
    }

    /** Version 2 has a vector per dtype, and the container's model features: header, chunk, change, absent. */
    @Test
    void versionTwoVectorsCoverEveryDtypeAndModelPlacement() throws IOException {
        TreeSet<String> features = new TreeSet<>();
        for (JsonNode e : Manifest.read(ROOT.resolve(Manifest.FILE))) {
            if (e.path("spec_version").asInt() == 2 && e.path("expect").path("result").asText().equals("ok")) {
                e.path("features").forEach(f -> features.add(f.asText()));
            }
        }
        for (org.stemz.DataType t : org.stemz.DataType.values()) {
            assertTrue(features.contains("dtype:" + t.name().toLowerCase(java.util.Locale.ROOT)), t.name());
        }
        assertTrue(features.containsAll(List.of("chunk-model", "model-change", "header-model-absent", "streamed",
                "multi-chunk", "hand-made")), features.toString());
    }

    /** The model features a valid vector claims are in its index: models carried, shared, changed, absent. */
    @Test
    void modelFeaturesAreWhatTheVectorsHold() throws IOException {
        int changes = 0;
        for (JsonNode e : Manifest.read(ROOT.resolve(Manifest.FILE))) {
            TreeSet<String> f = new TreeSet<>();
            e.path("features").forEach(x -> f.add(x.asText()));
            if (!e.path("expect").path("result").asText().equals("ok") || e.path("spec_version").asInt() != 2) {
                continue;
            }
            try (org.stemz.ArchiveReader r = org.stemz.ArchiveReader.open(ROOT.resolve(e.path("file").asText()))) {
                int carried = 0;
                int shared = 0;
                for (int c = 0; c < r.chunkCount(); c++) {
                    carried += r.index().modelChunk(c) == c ? 1 : 0;
                    shared += r.index().modelChunk(c) >= 0 && r.index().modelChunk(c) < c ? 1 : 0;
                }
                String id = e.path("id").asText();
                assertEquals(f.contains("header-model-absent"), r.header().model() == null, id);
                assertEquals(f.contains("chunk-model"), carried > 0, id);
                if (f.contains("model-change")) {
                    changes++;
                    assertTrue(carried >= 2 && shared >= 1, id + ": " + carried + " models, " + shared + " shared");
                }
            }
        }
        assertEquals(2, changes);
    }

    /** Rewrites the committed vectors: run with -Dstemz.regenerate=true (see README.md), then review the diff. */
    @Test
    @EnabledIfSystemProperty(named = "stemz.regenerate", matches = "true")
    void regenerate() throws IOException {
        GenerateVectors.generate(ROOT, ROOT);
    }

    /** If this fails after an encoder change, regenerate (see README.md) and review the diff. */
    @Test
    void generatorReproducesTheCommittedVectors(@TempDir Path temp) throws IOException {
        GenerateVectors.generate(temp, ROOT);
        assertEquals(Files.readString(ROOT.resolve(Manifest.FILE)), Files.readString(temp.resolve(Manifest.FILE)),
                "manifest.json is stale: regenerate with GenerateVectors");
        for (JsonNode e : Manifest.read(temp.resolve(Manifest.FILE))) {
            String file = e.path("file").asText();
            if (e.path("spec_version").asInt() == 1) {
                continue; // frozen, not generated
            }
            assertArrayEquals(Files.readAllBytes(ROOT.resolve(file)), Files.readAllBytes(temp.resolve(file)), file);
        }
    }

    @Test
    void runnerFailsWhenAManifestEntryIsWrong() throws IOException {
        List<JsonNode> entries = Manifest.read(ROOT.resolve(Manifest.FILE));
        JsonNode ok = entries.stream().filter(e -> e.path("expect").path("result").asText().equals("ok"))
                .findFirst().orElseThrow();
        JsonNode error = entries.stream().filter(e -> e.path("expect").path("result").asText().equals("error"))
                .findFirst().orElseThrow();
        assertEquals(List.of(), ConformanceRunner.check(ROOT, ok));
        assertEquals(List.of(), ConformanceRunner.check(ROOT, error));
        assertWrong(ok, e -> expect(e).put("decoded_sha256", "00" + expect(e).path("decoded_sha256").asText().substring(2)));
        assertWrong(ok, e -> expect(e).put("dtype", "int64"));
        assertWrong(ok, e -> expect(e).put("byte_order", "middle"));
        assertWrong(ok, e -> expect(e).putArray("shape").add(1).add(2));
        assertWrong(ok, e -> expect(e).removeAll().put("result", "error").put("code", "TRUNCATED"));
        assertWrong(ok, e -> e.put("sha256", "0".repeat(64)));
        assertWrong(ok, e -> e.put("spec_version", 3));
        assertWrong(ok, e -> e.put("spec_version", 3 - e.path("spec_version").asInt()));
        assertWrong(ok, e -> e.put("file", "valid/no-such-file.stemz"));
        assertWrong(error, e -> expect(e).put("code", "BAD_CHUNK"));
        assertWrong(error, e -> expect(e).put("result", "ok"));
    }

    private static ObjectNode expect(ObjectNode e) {
        return (ObjectNode) e.get("expect");
    }

    private static void assertWrong(JsonNode entry, Consumer<ObjectNode> damage) {
        ObjectNode wrong = entry.deepCopy();
        damage.accept(wrong);
        assertFalse(ConformanceRunner.check(ROOT, wrong).isEmpty(), "runner accepted a wrong entry: " + wrong);
    }
}
