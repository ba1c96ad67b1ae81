package org.stemz.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.stemz.ArchiveReader;
import org.stemz.DecodedArray;
import org.stemz.StemzCodec;
import org.stemz.StemzException;

/**
 * Checks one manifest entry through the public API only: the file's hash, then the decode of the bytes in memory
 * ({@link StemzCodec#decompress}) and of the file ({@link ArchiveReader#open}), each of which must give exactly
 * the expected data or the expected error code. Returns the problems found (none: the vector passes).
 */
final class ConformanceRunner {
    private ConformanceRunner() {
    }

    static List<String> check(Path root, JsonNode entry) {
        List<String> problems = new ArrayList<>();
        String id = entry.path("id").asText("?");
        Path file = root.resolve(entry.path("file").asText(""));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(id + ": cannot read " + file + ": " + e);
            return problems;
        }
        if (!Manifest.sha256(bytes).equals(entry.path("sha256").asText())) {
            problems.add(id + ": file SHA-256 differs from the manifest");
        }
        JsonNode expect = entry.path("expect");
        int spec = entry.path("spec_version").asInt(-1);
        if (!Manifest.SPEC_VERSIONS.contains(spec)) {
            problems.add(id + ": spec version " + entry.path("spec_version") + " is not one of "
                    + Manifest.SPEC_VERSIONS);
        } else if (expect.path("result").asText().equals("ok") && (bytes.length < 10
                || (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8) != spec)) {
            problems.add(id + ": a valid vector of spec version " + spec + " must carry that version");
        }
        check(problems, id + " (in memory)", expect, () -> StemzCodec.decompress(bytes, 2));
        check(problems, id + " (file)", expect, () -> {
            try (ArchiveReader r = ArchiveReader.open(file)) {
                return r.readAll(1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return problems;
    }

    private static void check(List<String> problems, String what, JsonNode expect, Supplier<DecodedArray> decode) {
        String result = expect.path("result").asText();
        DecodedArray decoded;
        try {
            decoded = decode.get();
        } catch (StemzException e) {
            if (!result.equals("error")) {
                problems.add(what + ": expected success, got " + e.code() + " (" + e.getMessage() + ")");
            } else if (!e.code().name().equals(expect.path("code").asText())) {
                problems.add(what + ": expected " + expect.path("code").asText() + ", got " + e.code()
                        + " (" + e.getMessage() + ")");
            }
            return;
        } catch (RuntimeException | Error e) {
            problems.add(what + ": untyped failure " + e);
            return;
        }
        if (!result.equals("ok")) {
            problems.add(what + ": expected " + expect.path("code").asText() + ", but it decoded");
            return;
        }
        if (!Manifest.sha256(decoded.data()).equals(expect.path("decoded_sha256").asText())) {
            problems.add(what + ": decoded SHA-256 differs");
        }
        if (!decoded.descriptor().type().name().toLowerCase(Locale.ROOT).equals(expect.path("dtype").asText())) {
            problems.add(what + ": dtype " + decoded.descriptor().type() + ", expected " + expect.path("dtype"));
        }
        String order = decoded.descriptor().order() == ByteOrder.BIG_ENDIAN ? "big" : "little";
        if (!order.equals(expect.path("byte_order").asText())) {
            problems.add(what + ": byte order " + order + ", expected " + expect.path("byte_order"));
        }
        List<Long> shape = new ArrayList<>();
        expect.path("shape").forEach(n -> shape.add(n.asLong()));
        List<Long> actual = new ArrayList<>();
        for (long s : decoded.descriptor().shape()) {
            actual.add(s);
        }
        if (!actual.equals(shape)) {
            problems.add(what + ": shape " + actual + ", expected " + shape);
        }
    }
}
