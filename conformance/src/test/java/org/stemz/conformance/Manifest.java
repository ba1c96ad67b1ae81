package org.stemz.conformance;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * manifest.json: per vector its id, file, SHA-256, spec version, features and expectation. The version-1 entries
 * are frozen in {@link #FROZEN_V1} (the encoder no longer writes version 1) and copied in unchanged.
 */
final class Manifest {
    static final String FILE = "manifest.json";
    static final String FROZEN_V1 = "v1/entries.json";
    /** The format versions vectors are listed for: every decoder must read all of them. */
    static final List<Integer> SPEC_VERSIONS = List.of(1, 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {
    }

    static ObjectNode entry(Vector v) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", v.id()).put("file", v.file()).put("sha256", sha256(v.bytes())).put("spec_version", Vector.SPEC_VERSION);
        ArrayNode features = e.putArray("features");
        v.features().forEach(features::add);
        ObjectNode expect = e.putObject("expect");
        if (v.valid()) {
            expect.put("result", "ok").put("decoded_sha256", sha256(v.decoded()))
                    .put("dtype", v.descriptor().type().name().toLowerCase(Locale.ROOT))
                    .put("byte_order", v.descriptor().order() == ByteOrder.BIG_ENDIAN ? "big" : "little");
            ArrayNode shape = expect.putArray("shape");
            for (long s : v.descriptor().shape()) {
                shape.add(s);
            }
        } else {
            expect.put("result", "error").put("code", v.error().name());
        }
        return e;
    }

    /** Writes the frozen version-1 entries of {@code frozenV1} (a JSON array), then those of {@code vectors}. */
    static void write(Path file, Path frozenV1, List<Vector> vectors) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "stemz");
        ArrayNode versions = root.putArray("spec_versions");
        SPEC_VERSIONS.forEach(versions::add);
        root.put("spec", "format-spec/SPEC.md")
                .put("generator", "conformance/src/test/java/org/stemz/conformance/GenerateVectors.java")
                .put("frozen", FROZEN_V1);
        ArrayNode list = root.putArray("vectors");
        JSON.readTree(frozenV1.toFile()).forEach(list::add);
        vectors.forEach(v -> list.add(entry(v)));
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(file, JSON.writer(pretty).writeValueAsString(root) + "\n");
    }

    static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        JSON.readTree(file.toFile()).get("vectors").forEach(entries::add);
        return entries;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
