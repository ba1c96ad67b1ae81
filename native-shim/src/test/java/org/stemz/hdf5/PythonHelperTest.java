package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure-Python helper (python/stemz/hdf5.py) through Debian's h5py, and the README's plugin path: Blosc and
 * stemz datasets read in one h5py process.
 */
class PythonHelperTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path PYTHON_DIR = REPO.resolve("python");
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void plugin() {
        Native.assumePlugin();
        assumeTrue(Files.isRegularFile(PYTHON_DIR.resolve("stemz/hdf5.py")), "no python/ folder in " + REPO);
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
    }

    private Native.Result unittest(Map<String, String> env, Path pythonPath) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PYTHONPATH", pythonPath.toString());
        all.put("STEMZ_PLUGIN_DIR", Native.PLUGIN_DIR.toString());
        all.put("HDF5_PLUGIN_PATH", null); // the helper sets it
        return Native.run(Native.PLUGIN_DIR, all, PYTHON, "-m", "unittest", "discover", "-v", "-s",
                PYTHON_DIR.resolve("tests").toString());
    }

    @Test
    void helperTestsPassWithPythonPath() {
        Native.Result r = unittest(Map.of(), PYTHON_DIR);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("OK"), r.all());
    }

    @Test
    void stemzRaisesWithoutAJavaRuntime() {
        Map<String, String> env = new HashMap<>();
        env.put("STEMZ_EXPECT_NO_JAVA", "1");
        env.put("JAVA_HOME", dir.resolve("nowhere").toString());
        env.put("PATH", "/nonexistent");
        env.put("STEMZ_LIBJVM", dir.resolve("nowhere/libjvm.so").toString());
        Native.Result r = unittest(env, PYTHON_DIR);
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.err().matches("(?s).*test_stemz_raises\\b[^\n]*\\.\\.\\. ok.*"), r.all());
    }

    /** pip install --no-index (into a folder: Debian's system Python is externally managed). */
    @Test
    void pipInstallWithoutAnIndex() throws IOException {
        Path site = dir.resolve("site");
        Path src = dir.resolve("src");
        copyTree(PYTHON_DIR, src); // pip writes build files into the source folder
        Native.Result pip = Native.run(Native.PLUGIN_DIR, Map.of(), PYTHON, "-m", "pip", "install", "--no-index",
                "--no-cache-dir", "--target", site.toString(), src.toString());
        assumeTrue(!pip.all().contains("No module named pip"), "pip is not installed");
        assertEquals(0, pip.exit(), pip.all());
        assertTrue(Files.isRegularFile(site.resolve("stemz/hdf5.py")), pip.all());
        Native.Result r = unittest(Map.of(), site);
        assertEquals(0, r.exit(), r.all());
    }

    /** Following the build's line (target/plugin/env.sh, as the README says): Blosc and stemz in one process. */
    @Test
    void bloscAndStemzInOneProcessWithTheReadmePluginPath() {
        Map<String, String> system = new HashMap<>();
        system.put("HDF5_PLUGIN_PATH", null); // hdf5plugin's filters come from the system plugin folder
        Native.Result blosc = Native.run(Native.PLUGIN_DIR, system, Native.python("write-blosc",
                dir.resolve("blosc.h5").toString()));
        assumeTrue(!blosc.all().contains("No module named 'hdf5plugin'"), "python3-hdf5plugin is not installed");
        assertEquals(0, blosc.exit(), blosc.all());
        Path stemz = dir.resolve("stemz.h5");
        Native.ok(Native.python("write", stemz.toString(), "data", "<u2", "4"));
        List<String> read = new java.util.ArrayList<>(List.of("bash", "-c",
                "source \"$0\" && exec \"$@\"", Native.PLUGIN_DIR.resolve("env.sh").toString()));
        read.addAll(List.of(Native.python("read-both", dir.resolve("blosc.h5").toString(), stemz.toString(), "data")));
        Map<String, String> env = new HashMap<>();
        env.put("HDF5_PLUGIN_PATH", null);
        Native.Result r = Native.run(Native.PLUGIN_DIR, env, read.toArray(String[]::new));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains(blosc.out().trim()), r.all());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith("build") || rel.contains("egg-info") || rel.contains("__pycache__")
                        || rel.endsWith("_install.py")) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
