package org.stemz.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds every version-2 vector and manifest.json deterministically (single-threaded encoder, fixed seeds); the
 * version-1 vectors under v1/ are frozen and only listed. Usage: {@code GenerateVectors <conformance dir>}, or
 * through {@code ConformanceTest#regenerate} (README.md).
 */
public final class GenerateVectors {
    private GenerateVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "conformance");
        generate(root, root);
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> all = new ArrayList<>(ValidVectors.all());
        all.addAll(ContainerVectors.valid());
        all.addAll(InvalidVectors.all());
        all.addAll(ContainerVectors.invalid());
        return all;
    }

    /**
     * Writes v2/valid/, v2/invalid/ and manifest.json under {@code root}, replacing the .stemz files there; the
     * frozen version-1 entries come from {@code source}.
     */
    static void generate(Path root, Path source) throws IOException {
        List<Vector> vectors = vectors();
        for (String dir : new String[] {"valid", "invalid"}) {
            Path d = Files.createDirectories(root.resolve("v" + Vector.SPEC_VERSION).resolve(dir));
            try (var old = Files.list(d)) {
                for (Path p : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".stemz"))::iterator) {
                    Files.delete(p);
                }
            }
        }
        for (Vector v : vectors) {
            Files.write(root.resolve(v.file()), v.bytes());
        }
        Manifest.write(root.resolve(Manifest.FILE), source.resolve(Manifest.FROZEN_V1), vectors);
    }
}
