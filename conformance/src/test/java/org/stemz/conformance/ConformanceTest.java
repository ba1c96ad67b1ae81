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
        for (String dir : new String[] {"valid", "invalid"}) {
            try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    present.add(dir + "/" + p.getFileName());
                    bytes += Files.size(p);
                }
            }
        }
        assertEquals(listed, present);
        assertTrue(bytes < 256 * 1024, "vectors take " + bytes + " bytes; keep them tiny");
    }

    /** Rewrites the committed vectors: run with -Dstemz.regenerate=true (see README.md), then review the diff. */
    @Test
    @EnabledIfSystemProperty(named = "stemz.regenerate", matches = "true")
    void regenerate() throws IOException {
        GenerateVectors.generate(ROOT);
    }

    /** If this fails after an encoder change, regenerate (see README.md) and review the diff. */
    @Test
    void generatorReproducesTheCommittedVectors(@TempDir Path temp) throws IOException {
        GenerateVectors.generate(temp);
        assertEquals(Files.readString(ROOT.resolve(Manifest.FILE)), Files.readString(temp.resolve(Manifest.FILE)),
                "manifest.json is stale: regenerate with GenerateVectors");
        for (JsonNode e : Manifest.read(temp.resolve(Manifest.FILE))) {
            String file = e.path("file").asText();
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
        assertWrong(ok, e -> e.put("spec_version", 2));
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
