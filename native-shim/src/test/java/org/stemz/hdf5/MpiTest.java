package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel HDF5 (native-shim/SCALE-OUT.md): {@code mpirun -np 2} writes one stemz-filtered dataset
 * collectively, each rank its own scan rows, through h5py-mpi (the C plugin built against libhdf5_openmpi,
 * a JVM per rank) and through the JNA binding in Java; serial h5py, h5dump and jhdf read it back bit-exactly.
 * Skipped with the reason when OpenMPI, parallel HDF5 or h5py-mpi is missing (scripts/install-deps.sh installs them).
 */
class MpiTest {
    private static final int SCAN_Y = 7;  // uneven: rank 0 writes 4 rows, rank 1 three
    private static final int SCAN_X = 5;
    private static final int DET = 48;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireMpi() {
        Native.assumePlugin();
        assumeTrue(ScaleOut.onPath("mpirun"),
                "mpirun not found: install openmpi-bin (scripts/install-deps.sh)");
        assumeTrue(Files.isRegularFile(ScaleOut.MPI_PLUGIN_DIR.resolve("libstemz_h5filter.so")),
                "no parallel-HDF5 plugin in " + ScaleOut.MPI_PLUGIN_DIR + ": install libhdf5-openmpi-dev and rebuild");
        Native.Result h5pyMpi = Native.run(ScaleOut.MPI_PLUGIN_DIR, Map.of("H5PY_ALWAYS_USE_MPI", "1"), "/usr/bin/python3", "-c",
                "import h5py, sys; sys.exit(0 if h5py.get_config().mpi else 1)");
        assumeTrue(h5pyMpi.exit() == 0, "h5py without MPI: install python3-h5py-mpi (" + h5pyMpi.err().strip() + ")");
    }

    private static Native.Result ok(Native.Result r, String what) {
        assertEquals(0, r.exit(), () -> what + " failed:\n" + r.all());
        return r;
    }

    @Test
    void h5pyMpiWritesCollectivelyThroughThePlugin() throws Exception {
        Path file = dir.resolve("h5py-mpi.h5");
        ok(Native.run(ScaleOut.MPI_PLUGIN_DIR, ScaleOut.mpiEnv(), ScaleOut.mpirun(2, ScaleOut.PYTHON, ScaleOut.script("mpi_stemz.py"),
                "write", file.toString(), "" + SCAN_Y, "" + SCAN_X, "" + DET)), "mpirun h5py write");
        Path expected = dir.resolve("expected.bin");
        ok(Native.run(ScaleOut.PYTHON, ScaleOut.script("mpi_stemz.py"), "expected", expected.toString(),
                "" + SCAN_Y, "" + SCAN_X, "" + DET), "expected");
        readsBackEverywhere(file, expected);
    }

    @Test
    void jnaBindingWritesCollectivelyInJava() throws Exception {
        Path file = dir.resolve("jna-mpi.h5");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ok(Native.run(ScaleOut.MPI_PLUGIN_DIR, ScaleOut.mpiEnv(), ScaleOut.mpirun(2, java, "-cp", System.getProperty("java.class.path"),
                MpiJnaWrite.class.getName(), "write", file.toString(), "" + SCAN_Y, "" + SCAN_X, "" + DET)), "mpirun java");
        Path expected = dir.resolve("expected.bin");
        Files.write(expected, MpiJnaWrite.rows(0, SCAN_Y, SCAN_X, DET));
        readsBackEverywhere(file, expected);
    }

    /**
     * Serial h5py, h5dump and jhdf all return exactly the bytes of {@code expected} (little-endian uint16): rows
     * 0..3 come from rank 0 and 4..6 from rank 1 (the ranks' printed lines may interleave, so the data tell).
     */
    private void readsBackEverywhere(Path file, Path expected) throws Exception {
        byte[] want = Files.readAllBytes(expected);
        ok(Native.run(ScaleOut.PYTHON, ScaleOut.script("mpi_stemz.py"), "same", file.toString(), expected.toString()),
                "serial h5py");

        // h5dump exits 0 even when the filter fails: compare the values it wrote
        Path dump = dir.resolve(file.getFileName() + ".dump");
        Native.run("h5dump", "-b", "LE", "-d", "/data", "-o", dump.toString(), file.toString());
        assertTrue(Files.isRegularFile(dump), "h5dump wrote nothing");
        assertArrayEquals(want, Files.readAllBytes(dump), "h5dump -b values");

        ByteBuffer b = ByteBuffer.wrap(want).order(ByteOrder.LITTLE_ENDIAN);
        try (HdfFile f = new HdfFile(file)) {
            int[][][][] data = (int[][][][]) f.getDatasetByPath("/data").getData();
            assertEquals(SCAN_Y, data.length);
            for (int[][][] row : data) {
                for (int[][] frame : row) {
                    for (int[] line : frame) {
                        for (int v : line) {
                            assertEquals(Short.toUnsignedInt(b.getShort()), v, "jhdf");
                        }
                    }
                }
            }
        }
        assertEquals(0, b.remaining());
    }
}
