package org.stemz.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds every vector and manifest.json deterministically (single-threaded encoder, fixed seeds).
 * Usage: {@code GenerateVectors <conformance dir>}, or through {@code ConformanceTest#regenerate} (README.md).
 */
public final class GenerateVectors {
    private GenerateVectors() {
    }

    public static void main(String[] args) throws IOException {
        generate(Path.of(args.length > 0 ? args[0] : "conformance"));
    }

    static List<Vector> vectors() {
        List<Vector> all = new ArrayList<>(ValidVectors.all());
        all.addAll(InvalidVectors.all());
        return all;
    }

    /** Writes valid/, invalid/ and manifest.json under {@code root}, replacing the .stemz files there. */
    static void generate(Path root) throws IOException {
        List<Vector> vectors = vectors();
        for (String dir : new String[] {"valid", "invalid"}) {
            Path d = Files.createDirectories(root.resolve(dir));
            try (var old = Files.list(d)) {
                for (Path p : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".stemz"))::iterator) {
                    Files.delete(p);
                }
            }
        }
        for (Vector v : vectors) {
            Files.write(root.resolve(v.file()), v.bytes());
        }
        Manifest.write(root.resolve(Manifest.FILE), vectors);
    }
}
