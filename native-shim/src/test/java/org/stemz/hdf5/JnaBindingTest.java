package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;

/** The JNA binding (filter registered in this JVM), and jhdf reading files written by every writer. */
class JnaBindingTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void hdf5() {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
        Native.assumePlugin();
    }

    /** Copies IN:/data into a new file through JNA, as a stemz dataset with the given chunk shape. */
    private Path writeThroughJna(Path in, long[] chunk) {
        Path out = dir.resolve("jna.h5");
        try (Hdf5File src = Hdf5File.open(in, false); Hdf5File dst = Hdf5File.create(out)) {
            Hdf5File.DatasetInfo info = src.info("/data");
            dst.write("/data", info.descriptor(), info.shape(), chunk, true, src.read("/data"));
        }
        return out;
    }

    private static Object jhdfRead(Path file) {
        try (HdfFile f = new HdfFile(file)) {
            return f.getDatasetByPath("/data").getData();
        }
    }

    @Test
    void datasetWrittenThroughJnaReadsBackInJnaH5pyAndJhdf() throws Exception {
        Path in = Native.makeInput(dir, "in.h5", "sim/srtio3_merlin/data.npz", "0:2,0:8", "1,8,128,128", null);
        Path out = writeThroughJna(in, new long[] {1, 4, 128, 128});
        assertTrue(Files.size(out) < Files.size(in));
        try (Hdf5File a = Hdf5File.open(in, false); Hdf5File b = Hdf5File.open(out, false)) {
            assertArrayEquals(a.read("/data"), b.read("/data"));
            assertTrue(b.info("/data").storageBytes() < a.info("/data").storageBytes());
        }
        Native.ok(Native.python("equal", in.toString(), out.toString(), "data"));
        assertDeepEquals(jhdfRead(in), jhdfRead(out));
    }

    @Test
    void bigEndianFloatsThroughJna() {
        Path in = Native.makeInput(dir, "in.h5", "sim/mos2_nion/data.npz", "0:1,0:3,0:40,0:48", "1,3,40,48", ">f8");
        Path out = writeThroughJna(in, new long[] {1, 2, 40, 48});
        Native.ok(Native.python("equal", in.toString(), out.toString(), "data"));
        assertDeepEquals(jhdfRead(in), jhdfRead(out));
    }

    @Test
    void jhdfAndJnaReadH5repackOutput() {
        Path in = Native.makeInput(dir, "in.h5", "sim/au_particle_dectris/data.npz", "0:2,0:4", "1,2,128,128", null);
        Path out = Native.repack(in, dir.resolve("out.h5"));
        assertDeepEquals(jhdfRead(in), jhdfRead(out));
        try (Hdf5File a = Hdf5File.open(in, false); Hdf5File b = Hdf5File.open(out, false)) {
            assertArrayEquals(a.read("/data"), b.read("/data"));
        }
    }

    @Test
    void jhdfAndJnaReadWhatH5pyWroteThroughThePlugin() {
        Path file = dir.resolve("h5py.h5");
        Native.ok(Native.python("write", file.toString(), "data", "<i2", "7"));
        Object jhdf = jhdfRead(file);
        try (Hdf5File f = Hdf5File.open(file, false)) {
            Hdf5File.DatasetInfo info = f.info("/data");
            assertEquals(new ArrayDescriptor(org.stemz.DataType.INT16, java.nio.ByteOrder.LITTLE_ENDIAN, 3, 4, 24, 20),
                    info.descriptor());
            short[][][][] fromJhdf = (short[][][][]) jhdf;
            java.nio.ByteBuffer raw = java.nio.ByteBuffer.wrap(f.read("/data")).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long sum = 0;
            for (short[][][] a : fromJhdf) {
                for (short[][] b : a) {
                    for (short[] c : b) {
                        for (short v : c) {
                            assertEquals(raw.getShort(), v);
                            sum += v;
                        }
                    }
                }
            }
            assertTrue(sum > 0, "data are all zeros");
        }
    }

    @Test
    void manyThreadsReadingOneFileThroughJhdfGetIdenticalData() throws Exception {
        Path in = Native.makeInput(dir, "in.h5", "sim/graphene_lowdose_merlin/data.npz", "0:4,0:8", "1,2,128,128", null);
        Path out = writeThroughJna(in, new long[] {1, 2, 128, 128});
        Object expected = jhdfRead(in);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (HdfFile shared = new HdfFile(out)) {
            List<Future<Object>> reads = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // half share one HdfFile, half open their own
                reads.add(i % 2 == 0 ? pool.submit(() -> shared.getDatasetByPath("/data").getData())
                        : pool.submit(() -> jhdfRead(out)));
            }
            for (Future<Object> r : reads) {
                assertDeepEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void javaProgramExitingWithTheFileOpenStillWritesEveryChunk() throws Exception {
        Path file = dir.resolve("unclosed.h5");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WriteAndExit.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        try (Hdf5File f = Hdf5File.open(file, false)) {
            byte[] data = f.read("/data");
            for (int i = 0; i < data.length; i += 2) {
                assertEquals((byte) (i % 13 == 0 ? 9 : i % 3), data[i], "byte " + i);
            }
        }
        Native.ok(Native.python("digest", file.toString(), "data"));
    }

    @Test
    void pluginInsideAJavaProgramReusesItsJvm() throws Exception {
        Path in = Native.makeInput(dir, "in.h5", "sim/mos2_nion/data.npz", "0:2,0:3", "1,3,96,96", null);
        Path out = Native.repack(in, dir.resolve("out.h5"));
        String digest = Native.ok(Native.python("digest", out.toString(), "data")).out().trim();
        String expected = digest.substring(digest.lastIndexOf(' ') + 1);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadThroughPlugin.class.getName(), out.toString(), "/data");
        pb.environment().put("HDF5_PLUGIN_PATH", Native.PLUGIN_DIR.toString());
        Process p = pb.redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), log);
        assertEquals(expected, log.substring(log.lastIndexOf('\n') + 1));
    }

    private static void assertDeepEquals(Object expected, Object actual) {
        assertTrue(java.util.Objects.deepEquals(expected, actual), "arrays differ");
    }
}
