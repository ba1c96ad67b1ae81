package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

/**
 * h5py opening datasets with a stemz dataset model (layout 2, thousands of cd_values) after {@code import
 * stemz.hdf5}, which replaces h5py's get_filters (whose 16-value stack array h5py reads past): each read in its own
 * child process, in the main thread and in a threading.Thread, comparing the SHA-256 of the data read with the
 * data written. Without the import, a small layout-1 dataset still opens.
 */
class SafeH5pyReadTest {
    private static final Path PYTHON_DIR = Path.of("").toAbsolutePath().getParent().resolve("python");

    @TempDir
    static Path dir;
    private static Path layout2;
    private static String expected;
    private static int cdValues;

    @BeforeAll
    static void writeLayout2() throws Exception {
        Native.assumePlugin();
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
        assumeTrue(Files.isRegularFile(PYTHON_DIR.resolve("stemz/hdf5.py")), "no python/ folder");
        long[] shape = {2, 3, 128, 128};
        long[] chunk = {1, 1, 128, 128};
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, shape);
        byte[] data = spreadCounts(d);
        DatasetCoding coding = DatasetCoding.datasetModel(FilterParameters.of(d.type(), d.order(), chunk),
                frames -> frames.accept(data, 0, (int) (shape[0] * shape[1])));
        cdValues = coding.cdValues().length;
        layout2 = dir.resolve("layout2.h5");
        try (Hdf5File f = Hdf5File.create(layout2);
             StemzDatasetWriter w = StemzDatasetWriter.create(f, "/data", shape, chunk, 2, coding)) {
            for (long row = 0, at = 0; row < shape[0]; row += w.bandRows(row)) {
                int n = (int) w.bandBytes(row);
                w.writeBand(java.util.Arrays.copyOfRange(data, (int) at, (int) at + n));
                at += n;
            }
            w.finish();
        }
        expected = "<u2 (2, 3, 128, 128) " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Counts spread over hundreds of values, so the model (and cd_values) is KBs, as for real scans. */
    private static byte[] spreadCounts(ArrayDescriptor d) {
        byte[] b = new byte[(int) d.byteSize()];
        Random r = new Random(5);
        for (int i = 0; i < b.length; i += 2) {
            int v = r.nextInt(2) == 0 ? r.nextInt(1 + (i / 2) % 16384) : r.nextInt(4);
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >>> 8);
        }
        return b;
    }

    private static Native.Result read(Path file, String where, String helper) {
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONPATH", PYTHON_DIR.toString());
        env.put("STEMZ_PLUGIN_DIR", Native.PLUGIN_DIR.toString());
        return Native.run(Native.PLUGIN_DIR, env, Native.python("safe-digest", file.toString(), "data", where, helper));
    }

    /** Over 256: h5py's Dataset sees the 256 values HDF5's API gives (the stack-crash sizes, 2,200 values and more,
     *  are tested with a synthetic filter in python/tests/test_hdf5.py). */
    @Test
    void theDatasetModelTakesMoreValuesThanH5pysArrayAndHdf5sApi() {
        assertTrue(cdValues > 1_000, "cd_values " + cdValues + ": too few to show h5py's over-read");
    }

    @Test
    void layout2ReadsIntactInTheMainThreadAfterTheImport() {
        Native.Result r = read(layout2, "main", "import");
        assertEquals(0, r.exit(), r.all());
        assertEquals(expected + " values 256", r.out().trim(), r.all());
    }

    @Test
    void layout2ReadsIntactInAThreadAfterTheImport() {
        Native.Result r = read(layout2, "thread", "import");
        assertEquals(0, r.exit(), r.all());
        assertEquals(expected + " values 256", r.out().trim(), r.all());
    }

    /** No regression without the helper: plain h5py opens a layout-1 dataset (9 cd_values) and reads it. */
    @Test
    void aSmallLayout1DatasetOpensWithPlainH5py() {
        Path file = dir.resolve("layout1.h5");
        String written = Native.ok(Native.python("write", file.toString(), "data", "<u2", "3")).out().trim();
        for (String where : new String[] {"main", "thread"}) {
            Native.Result r = read(file, where, "plain");
            assertEquals(0, r.exit(), r.all());
            assertEquals(written + " values 9", r.out().trim(), where + ": " + r.all());
        }
    }
}
