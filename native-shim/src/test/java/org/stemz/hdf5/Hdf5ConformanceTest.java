package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout-2 HDF5 vectors of conformance/hdf5/ (manifest.json there) through every reader of this repository:
 * jhdf (pure Java), the JNA binding (libhdf5 in this JVM), h5dump and h5py (after {@code import stemz.hdf5}) through
 * the native plugin, each in a child process. Valid vectors must decode to the manifest's SHA-256; invalid ones must
 * be rejected by every path with a message naming stemz.
 */
class Hdf5ConformanceTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().resolve("conformance/hdf5");
    private static final Path PYTHON_DIR = ROOT.getParent().getParent().resolve("python");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    /** Rewrites conformance/hdf5: run with -Dstemz.regenerate=true (conformance/README.md), then review the diff. */
    @Test
    @EnabledIfSystemProperty(named = "stemz.regenerate", matches = "true")
    void regenerate() throws IOException {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
        ArrayNode vectors = JSON.createArrayNode();
        for (Hdf5Vectors.Spec s : Hdf5Vectors.ALL) {
            Path file = ROOT.resolve(s.file());
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Hdf5Vectors.write(s, file);
            vectors.add(entry(s, Files.readAllBytes(file)));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "stemz HDF5 filter, cd_values layout 2")
                .put("spec", "format-spec/HDF5-FILTER.md section 3.2")
                .put("generator", "native-shim/src/test/java/org/stemz/hdf5/Hdf5Vectors.java")
                .put("dataset", "/data");
        root.set("vectors", vectors);
        Files.writeString(ROOT.resolve("manifest.json"), JSON.writeValueAsString(root) + "\n");
    }

    private static ObjectNode entry(Hdf5Vectors.Spec s, byte[] file) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", s.id()).put("file", s.file()).put("sha256", sha256(file)).put("layout", 2);
        ObjectNode expect = e.putObject("expect");
        if (s.fault() == Hdf5Vectors.Fault.NONE) {
            expect.put("result", "ok").put("decoded_sha256", sha256(s.data()))
                    .put("dtype", s.type().name().toLowerCase(Locale.ROOT)).put("byte_order", "little");
            ArrayNode shape = expect.putArray("shape");
            for (long x : s.shape()) {
                shape.add(x);
            }
            ArrayNode chunk = expect.putArray("chunk");
            for (long x : s.chunk()) {
                chunk.add(x);
            }
        } else {
            expect.put("result", "error").put("fault", s.fault().name().toLowerCase(Locale.ROOT))
                    .put("message_contains", s.fault().messageWord);
        }
        return e;
    }

    private static List<JsonNode> vectors() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(ROOT.resolve("manifest.json").toFile()).get("vectors").forEach(out::add);
        return out;
    }

    @Test
    void manifestListsExactlyTheFilesPresentWithTheirSha256() throws IOException {
        TreeSet<String> listed = new TreeSet<>();
        for (JsonNode v : vectors()) {
            listed.add(v.get("file").asText());
            assertEquals(v.get("sha256").asText(), sha256(Files.readAllBytes(ROOT.resolve(v.get("file").asText()))),
                    v.get("id").asText());
        }
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.toString().endsWith(".h5")).forEach(p -> present.add(ROOT.relativize(p).toString()));
        }
        assertEquals(present, listed);
    }

    /** The generator's data are the manifest's (HDF5 files carry times, so the files themselves are not compared). */
    @Test
    void generatorMakesTheManifestsVectors() throws IOException {
        List<JsonNode> vectors = vectors();
        assertEquals(Hdf5Vectors.ALL.size(), vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            Hdf5Vectors.Spec s = Hdf5Vectors.ALL.get(i);
            assertEquals(entry(s, new byte[0]).get("expect").toString(), vectors.get(i).get("expect").toString(), s.id());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReaderDecodesOrRejectsEveryVector() throws IOException {
        return vectors().stream().flatMap(v -> {
            Path file = ROOT.resolve(v.get("file").asText());
            JsonNode expect = v.get("expect");
            String id = v.get("id").asText();
            return Stream.of(
                    DynamicTest.dynamicTest(id + " jhdf", () -> check(expect, () -> jhdf(file))),
                    DynamicTest.dynamicTest(id + " JNA", () -> {
                        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
                        check(expect, () -> jna(file));
                    }),
                    DynamicTest.dynamicTest(id + " h5dump", () -> {
                        Native.assumePlugin();
                        check(expect, () -> h5dump(file));
                    }),
                    DynamicTest.dynamicTest(id + " h5py", () -> {
                        Native.assumePlugin();
                        check(expect, () -> h5py(file));
                    }));
        });
    }

    /** A reader: the SHA-256 of the decoded bytes (little-endian, C order), or an exception with its message. */
    private interface Reader {
        String sha256() throws Exception;
    }

    private static void check(JsonNode expect, Reader reader) throws Exception {
        if (expect.get("result").asText().equals("ok")) {
            assertEquals(expect.get("decoded_sha256").asText(), reader.sha256());
            return;
        }
        Exception e = assertThrows(Exception.class, reader::sha256);
        String m = e.getMessage() == null ? "" : e.getMessage();
        assertTrue(m.contains("stemz") && m.contains(expect.get("message_contains").asText()), m);
    }

    private static String jhdf(Path file) throws Exception {
        try (HdfFile f = new HdfFile(file)) {
            io.jhdf.api.Dataset d = f.getDatasetByPath("/data");
            int size = d.getDataType().getSize();
            boolean isFloat = d.getJavaType() == float.class || d.getJavaType() == Float.class;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object data;
            try {
                data = d.getData();
            } catch (RuntimeException e) { // jhdf may wrap the filter's exception (org.stemz.StemzException)
                StringBuilder m = new StringBuilder();
                for (Throwable c = e; c != null; c = c.getCause()) {
                    m.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" / ");
                }
                throw new IOException(m.toString(), e);
            }
            flatten(data, size, isFloat, out);
            return sha256(out.toByteArray());
        }
    }

    /** jhdf's nested Java arrays (uint8 as short, uint16 as int, uint32 as long) back to little-endian bytes. */
    private static void flatten(Object a, int size, boolean isFloat, ByteArrayOutputStream out) {
        if (a.getClass().getComponentType().isArray()) {
            for (int i = 0; i < Array.getLength(a); i++) {
                flatten(Array.get(a, i), size, isFloat, out);
            }
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(Array.getLength(a) * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < Array.getLength(a); i++) {
            Number n = (Number) Array.get(a, i);
            long bits = isFloat ? Float.floatToRawIntBits(n.floatValue()) : n.longValue();
            for (int k = 0; k < size; k++) {
                b.put((byte) (bits >>> (8 * k)));
            }
        }
        out.writeBytes(b.array());
    }

    private static String jna(Path file) {
        try (Hdf5File f = Hdf5File.open(file, false)) {
            return sha256(f.read("/data"));
        }
    }

    /** h5dump's binary output (it exits 0 even when a filter fails: the error stack says why). */
    private String h5dump(Path file) throws IOException {
        Path bin = dir.resolve(file.getFileName() + ".bin");
        Files.deleteIfExists(bin);
        Native.Result r = Native.run("h5dump", "--enable-error-stack", "-d", "/data", "-b", "LE", "-o",
                bin.toString(), file.toString());
        if (r.exit() != 0 || r.err().contains("stemz")) {
            throw new IOException("h5dump exit " + r.exit() + ": " + r.err());
        }
        return sha256(Files.readAllBytes(bin));
    }

    private static String h5py(Path file) throws IOException {
        Native.Result r = Native.run(Native.PLUGIN_DIR, Map.of("PYTHONPATH", PYTHON_DIR.toString(),
                "STEMZ_PLUGIN_DIR", Native.PLUGIN_DIR.toString()),
                Native.python("safe-digest", file.toString(), "data", "main", "import"));
        if (r.exit() != 0) {
            throw new IOException("h5py exit " + r.exit() + ": " + r.err());
        }
        String[] words = r.out().trim().split(" ");
        assertNotEquals(0, words.length, r.all());
        return words[words.length - 3]; // "<dtype> (shape) SHA values N"
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
