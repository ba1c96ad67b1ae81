package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the HDF5 tools and h5py (the h5check.py helper) as subprocesses against the gcc-built plugin. */
final class Native {
    static final Path PLUGIN_DIR = Paths.get(System.getProperty("stemz.plugin.dir", "target/plugin")).toAbsolutePath();
    /** $STEMZ_SHARED_DATA, else a {@code shared/data} folder beside the repository (as in CI). */
    static final Path SHARED_DATA = sharedData();
    private static final String PYTHON = Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final long TIMEOUT_SECONDS = 120;

    private Native() {
    }

    /** Exit code and output of a finished subprocess. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Skips the test when the plugin was not built (-Dstemz.skipNative) or the tools are missing. */
    static void assumePlugin() {
        assumeTrue(Files.isRegularFile(PLUGIN_DIR.resolve("libstemz_h5filter.so")),
                "plugin not built in " + PLUGIN_DIR + " (built by mvn process-classes unless -Dstemz.skipNative)");
        assumeTrue(onPath("h5repack") && onPath("h5dump") && onPath("h5diff"), "hdf5-tools not installed");
    }

    private static Path sharedData() {
        String env = System.getenv("STEMZ_SHARED_DATA");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolveSibling("shared").resolve("data"))) {
                return p.resolveSibling("shared").resolve("data");
            }
        }
        return Path.of("shared-data-not-found");
    }

    static Path sharedFile(String relative) {
        Path p = SHARED_DATA.resolve(relative);
        assumeTrue(Files.isRegularFile(p), "test data " + p + " missing");
        return p;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command with HDF5_PLUGIN_PATH set to {@code pluginDir} plus {@code env}; null values unset. */
    static Result run(Path pluginDir, Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HDF5_PLUGIN_PATH", pluginDir.toString());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            Path out = Files.createTempFile("stemz-out", ".txt");
            Path err = Files.createTempFile("stemz-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out (hung?) after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(String... command) {
        return run(PLUGIN_DIR, Map.of(), command);
    }

    /** Runs and asserts exit 0. */
    static Result ok(String... command) {
        Result r = run(command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed:\n" + r.all());
        return r;
    }

    /** h5check.py subcommand through /usr/bin/python3 (Debian's h5py). */
    static String[] python(String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script()));
        cmd.addAll(Arrays.asList(args));
        return cmd.toArray(String[]::new);
    }

    private static String script() {
        try {
            return Paths.get(Native.class.getResource("/python/h5check.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A new HDF5 file holding OUT:/data, a slice of a shared test array (rows, cols, ... as numpy slices). */
    static Path makeInput(Path dir, String name, String source, String slices, String chunks, String dtype) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("make", sharedFile(source).toString(), out.toString(), slices, chunks));
        if (dtype != null) {
            args.add(dtype);
        }
        ok(python(args.toArray(String[]::new)));
        return out;
    }

    /** h5repack IN OUT with the stemz filter and set_local's cd_values (n = 0). */
    static Path repack(Path in, Path out, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("h5repack", "-f", "UD=" + FilterParameters.FILTER_ID + ",0,0"));
        cmd.addAll(Arrays.asList(extra));
        cmd.add(in.toString());
        cmd.add(out.toString());
        ok(cmd.toArray(String[]::new));
        return out;
    }
}
