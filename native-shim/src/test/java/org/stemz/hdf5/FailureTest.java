package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing JRE, missing jar, corrupt chunk, fork: every reader fails loudly and names stemz and the cause. */
class FailureTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void plugin() {
        Native.assumePlugin();
    }

    private Path compressed() {
        Path in = Native.makeInput(dir, "in.h5", "sim/srtio3_merlin/data.npz", "0:2,0:4", "1,4,128,128", null);
        return Native.repack(in, dir.resolve("out.h5"));
    }

    /**
     * h5py raises naming stemz and {@code cause}, h5repack exits non-zero (also when compressing if the plugin
     * itself is broken), h5dump's error stack names stemz.
     */
    private void assertEveryToolFails(Path pluginDir, Map<String, String> env, Path compressed, String cause,
                                      boolean pluginBroken) {
        Native.Result py = Native.run(pluginDir, env, Native.python("read-error", compressed.toString(), "data"));
        assertEquals(0, py.exit(), py.all());
        String message = py.out().toLowerCase();
        assertTrue(message.contains("stemz") && message.contains(cause), message);
        if (pluginBroken) {
            Native.Result pack = Native.run(pluginDir, env, "h5repack", "-f", "UD=" + FilterParameters.FILTER_ID
                    + ",0,0", dir.resolve("in.h5").toString(), dir.resolve("again.h5").toString());
            assertNotEquals(0, pack.exit(), "h5repack compressing " + pack.all());
        }
        Native.Result unpack = Native.run(pluginDir, env, "h5repack", "-f", "NONE", compressed.toString(),
                dir.resolve("plain.h5").toString());
        assertNotEquals(0, unpack.exit(), "h5repack decompressing " + unpack.all());
        Native.Result dump = Native.run(pluginDir, env, "h5dump", "--enable-error-stack", "-d", "/data",
                compressed.toString());
        assertTrue(dump.all().contains("stemz"), "h5dump error stack: " + dump.all());
        assertFalse(dump.out().contains("(0,0,0,0):"), "h5dump printed values: " + dump.out());
    }

    @Test
    void missingJar() throws IOException {
        Path out = compressed();
        Path lonely = Files.createDirectory(dir.resolve("nojar"));
        Files.copy(Native.PLUGIN_DIR.resolve("libstemz_h5filter.so"), lonely.resolve("libstemz_h5filter.so"));
        assertEveryToolFails(lonely, Map.of(), out, "jar", true);
    }

    @Test
    void missingJre() {
        Path out = compressed();
        Map<String, String> env = new HashMap<>();
        env.put("STEMZ_LIBJVM", dir.resolve("no-jre/lib/server/libjvm.so").toString());
        env.put("JAVA_HOME", null);
        assertEveryToolFails(Native.PLUGIN_DIR, env, out, "no java runtime", true);
    }

    /** No JVM reachable: h5py's create_dataset(..., compression=36000) raises instead of storing raw chunks. */
    @Test
    void datasetCreationFailsWithoutAJavaRuntime() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", dir.resolve("nowhere").toString());
        env.put("PATH", "/nonexistent"); // python3 is started by absolute path
        // the plugin's last resort is the JDK it was built with, present here: an explicit path that fails ends
        // the search
        env.put("STEMZ_LIBJVM", dir.resolve("no-jre/lib/server/libjvm.so").toString());
        Native.Result r = Native.run(Native.PLUGIN_DIR, env, Native.python("create-error",
                dir.resolve("x.h5").toString(), "2,3,16,16", "uint16"));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().toLowerCase().contains("stemz: no java runtime"), r.all());
    }

    @Test
    void missingJarFailsDatasetCreation() throws IOException {
        Path lonely = Files.createDirectory(dir.resolve("nojar"));
        Files.copy(Native.PLUGIN_DIR.resolve("libstemz_h5filter.so"), lonely.resolve("libstemz_h5filter.so"));
        Native.Result r = Native.run(lonely, Map.of(), Native.python("create-error", dir.resolve("x.h5").toString(),
                "2,16,16", "uint8"));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("stemz") && r.out().contains("jar"), r.all());
    }

    /** What the encoder would refuse fails at creation: a frame over 2^24 pixels, 64-bit integers. */
    @Test
    void datasetsTheEncoderWouldRefuseAreNotCreated() {
        Native.Result big = Native.run(Native.python("create-error", dir.resolve("big.h5").toString(), "1,4097,4097",
                "uint8"));
        assertEquals(0, big.exit(), big.all());
        assertTrue(big.out().contains("stemz") && big.out().contains("pixels"), big.all());
        Native.Result wide = Native.run(Native.python("create-error", dir.resolve("wide.h5").toString(), "2,8,8",
                "int64"));
        assertEquals(0, wide.exit(), wide.all());
        assertTrue(wide.out().contains("stemz") && wide.out().contains("type"), wide.all());
    }

    /** Layout 2 (dataset model, reserved) is kept by set_local but refused by this codec, at creation. */
    @Test
    void layoutTwoCdValuesFailAtCreationUntilTheCodecReadsThem() {
        Native.ok(Native.python("layout2", dir.resolve("v2.h5").toString()));
    }

    /** h5py adds the filter as optional; set_local stores it mandatory, so a failing chunk is an error. */
    @Test
    void theFilterIsStoredMandatory() {
        Path f = dir.resolve("w.h5");
        Native.ok(Native.python("write", f.toString(), "data", "<u2", "1"));
        Native.ok(Native.python("mandatory", f.toString(), "data"));
    }

    @Test
    void withoutJavaHomeOrJavaOnPathThePluginFallsBackToTheJdkItWasBuiltWith() {
        Path out = compressed();
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("STEMZ_LIBJVM", null);
        env.put("PATH", "/nonexistent"); // python3 is started by absolute path
        Native.Result r = Native.run(Native.PLUGIN_DIR, env, Native.python("digest", out.toString(), "data"));
        assertEquals(0, r.exit(), r.all());
    }

    @Test
    void corruptChunk() throws IOException {
        Path out = compressed();
        Native.ok(Native.python("corrupt", out.toString(), "data"));
        assertEveryToolFails(Native.PLUGIN_DIR, Map.of(), out, "checksum", false);
        // in-process paths too: the JNA filter and jhdf
        if (Hdf5Native.isAvailable()) {
            try (Hdf5File f = Hdf5File.open(out, false)) {
                Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> f.read("/data"));
                assertTrue(e.getMessage().contains("stemz"), e.getMessage());
            }
        }
        try (HdfFile f = new HdfFile(out)) {
            Exception e = assertThrows(Exception.class, () -> f.getDatasetByPath("/data").getData());
            assertTrue(String.valueOf(e.getMessage()).toLowerCase().contains("checksum")
                    || String.valueOf(e.getCause()).toLowerCase().contains("checksum"), e.toString());
        }
    }

    @Test
    void forkAfterTheJvmStartedFailsInTheChildInsteadOfHanging() {
        Path out = compressed();
        Native.Result r = Native.run(Native.PLUGIN_DIR, Map.of(), Native.python("fork", out.toString(), "data"));
        assertEquals(0, r.exit(), r.all());
    }

    @Test
    void ctrlCReachesPythonWhileThePluginRuns() {
        Path out = compressed();
        Native.Result r = Native.run(Native.PLUGIN_DIR, Map.of(), Native.python("interrupt", out.toString(), "data"));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("KeyboardInterrupt"), r.all());
    }

    @Test
    void manyProcessesReadingThroughH5pyGetIdenticalData() {
        Path out = compressed();
        Native.ok(Native.python("processes", dir.resolve("in.h5").toString(), out.toString(), "data", "3"));
    }
}
