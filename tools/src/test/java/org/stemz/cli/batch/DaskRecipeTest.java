package org.stemz.cli.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.CliRunner;
import org.stemz.cli.TestData;

/**
 * The Dask recipe of native-shim/SCALE-OUT.md ({@code native-shim/scale-out/dask_stemz.py}) on a LocalCluster
 * of 2 spawned worker processes: BF/ADF/CoM maps from stemz-filtered HDF5 identical to NumPy on the
 * uncompressed file, and {@code client.map} over files calling {@code stemz compress} giving the archives a
 * serial run gives. Skipped with the reason when Dask, distributed or the plugin is missing.
 */
class DaskRecipeTest {
    private static final Path RECIPE = Paths.get("../native-shim/scale-out/dask_stemz.py").toAbsolutePath().normalize();
    private static final Path PLUGIN = Paths.get(System.getProperty("stemz.plugin.dir", "../native-shim/target/plugin"))
            .toAbsolutePath().normalize();
    private static final String PYTHON = Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, RECIPE.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HDF5_PLUGIN_PATH", PLUGIN.toString());
        Path out = Files.createTempFile("dask-out", ".txt");
        Path err = Files.createTempFile("dask-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd + "\n" + Files.readString(err));
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @BeforeAll
    static void requireDask() throws Exception {
        assumeTrue(Files.isRegularFile(PLUGIN.resolve("libstemz_h5filter.so")), "stemz HDF5 plugin not built in " + PLUGIN);
        Run r = run(List.of(PYTHON, "-c", "import h5py, dask.array, distributed"));
        assumeTrue(r.exit() == 0, "Dask distributed not installed (python3-dask, python3-distributed): " + r.err().strip());
    }

    @Test
    void mapsFromStemzHdf5OnTwoWorkersEqualNumpyOnRawData() throws Exception {
        Path raw = dir.resolve("raw.h5");
        Path compressed = dir.resolve("stemz.h5");
        Run made = python("make", raw.toString(), compressed.toString(), "9", "6", "32");
        assertEquals(0, made.exit(), made.toString());
        assertTrue(Files.size(compressed) < Files.size(raw), "the stemz file is compressed");
        Run r = python("analyse", compressed.toString(), "--raw", raw.toString(), "--workers", "2", "--rows", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"workers\": 2") && r.out().contains("\"identical_to_numpy\": true"), r.toString());
    }

    @Test
    void clientMapCompressesLikeASerialRun() throws Exception {
        ArrayDescriptor d = TestData.uint16(3, 4, 24, 20);
        Path scans = Files.createDirectories(dir.resolve("scans"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(TestData.npy(scans.resolve("scan" + i + ".npy"), d, TestData.random(d, i)).toString());
        }
        try (RandomAccessFile f = new RandomAccessFile(files.get(3), "rw")) {
            f.setLength(f.length() - 10);
        }
        Path parallel = Files.createDirectories(dir.resolve("parallel"));
        String stemz = "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' org.stemz.cli.StemzCli";
        List<String> args = new ArrayList<>(List.of("compress", "--workers", "2", "--stemz", stemz, "--out", parallel.toString()));
        args.addAll(files);
        Run r = python(args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("\"ok\": 4, \"failures\": [\"" + files.get(3) + "\"]"), r.toString());

        Path serial = Files.createDirectories(dir.resolve("serial"));
        for (int i = 0; i < 5; i++) {
            Path name = Path.of(files.get(i)).getFileName();
            Path out = serial.resolve(name + ".stemz");
            CliRunner.run("compress", "-q", "-T", "1", files.get(i), "-o", out.toString());
            assertEquals(Files.exists(out), Files.exists(parallel.resolve(name + ".stemz")), "same outputs: " + name);
            if (i != 3) {
                assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(parallel.resolve(name + ".stemz")), name.toString());
            }
        }
        assertTrue(!Files.exists(parallel.resolve("scan3.npy.stemz")), "no output for the corrupt scan");
    }
}
