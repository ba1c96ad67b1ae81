package org.stemz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared datasets: $STEMZ_SHARED_DATA, else a {@code shared/data} folder beside the repository (as
 * in CI, where ../shared sits next to the clone).
 */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        String env = System.getenv("STEMZ_SHARED_DATA");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Every dataset folder under sim/ and real/ (empty if the data are not there). */
    static List<Path> datasets() throws IOException {
        List<Path> result = new ArrayList<>();
        Path root = root();
        if (root == null) {
            return result;
        }
        for (String kind : new String[] {"sim", "real"}) {
            Path dir = root.resolve(kind);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isDirectory).sorted().forEach(result::add);
                }
            }
        }
        return result;
    }

    /** The dataset's array: data.npy, else data.npy inside data.npz. */
    static Npy load(Path dataset) throws IOException {
        Path npy = dataset.resolve("data.npy");
        return Npy.load(Files.exists(npy) ? npy : dataset.resolve("data.npz"));
    }
}
