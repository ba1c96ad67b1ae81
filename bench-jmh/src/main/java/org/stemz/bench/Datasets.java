package org.stemz.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared datasets: {@code sim/<name>/data.npz} or {@code real/<name>/data.npy} under the directory named
 * by the environment variable {@code STEMZ_DATA} (run.sh sets it), else {@code ../shared/data} from the working
 * directory. An environment variable, because JMH's forked JVMs inherit it.
 */
final class Datasets {
    private Datasets() {
    }

    static Path root() {
        String env = System.getenv("STEMZ_DATA");
        return Path.of(env != null && !env.isEmpty() ? env : "../shared/data");
    }

    static NpyArray load(String name) {
        Path root = root();
        Path sim = root.resolve("sim").resolve(name).resolve("data.npz");
        Path real = root.resolve("real").resolve(name).resolve("data.npy");
        Path file = Files.exists(sim) ? sim : real;
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("dataset '" + name + "' not found: neither " + sim + " nor " + real
                    + " exists (set STEMZ_DATA to the data directory)");
        }
        try {
            return NpyArray.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
