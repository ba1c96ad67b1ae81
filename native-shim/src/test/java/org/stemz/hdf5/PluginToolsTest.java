package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemz.DataType;

/** h5repack, h5diff, h5dump and h5py with the native plugin (a JVM started inside each tool). */
class PluginToolsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void plugin() {
        Native.assumePlugin();
    }

    @ParameterizedTest(name = "{0} [{1}] chunks {2}")
    @CsvSource(delimiter = ';', value = {
        "sim/srtio3_merlin/data.npz; 0:3,0:8; 1,8,128,128", // one scan row per chunk
        "sim/graphene_lowdose_merlin/data.npz; 0:3,0:5; 2,4,128,128", // partial edge chunks
        "sim/au_particle_dectris/data.npz; 0:2,0:6; 1,3,64,64", // chunks that split frames
        "sim/mos2_nion/data.npz; 0:2,0:8; 1,8,96,96",
        "sim/si110_empad/data.npz; 0:2,0:8; 1,4,128,128",
    })
    void h5repackShrinksAndEveryReaderSeesIdenticalData(String source, String slices, String chunks) throws IOException {
        Path in = Native.makeInput(dir, "in.h5", source, slices, chunks, null);
        Path out = Native.repack(in, dir.resolve("out.h5"));
        assertTrue(Files.size(out) < Files.size(in), "repacked " + Files.size(out) + " >= original " + Files.size(in));
        Native.Result diff = Native.ok("h5diff", in.toString(), out.toString());
        assertEquals("", diff.out().trim(), "h5diff reports differences");
        Native.ok(Native.python("equal", in.toString(), out.toString(), "data"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"u1", "i1", "<u2", ">u2", "<i2", "<u4", ">i4", "<f4", ">f4", "<f8", ">f8"})
    void everyElementTypeRoundTripsAndCdValuesMatchTheJavaLayout(String dtype) throws IOException {
        Path in = Native.makeInput(dir, "in.h5", "real/fpd_medipix_2x2/data.npy", "0:2,0:2,0:32,0:40", "1,2,32,40", dtype);
        Path out = Native.repack(in, dir.resolve("out.h5"));
        Native.ok(Native.python("equal", in.toString(), out.toString(), "data"));
        // the plugin's set_local (C) and FilterParameters (Java) must agree slot for slot
        DataType type = DataType.parse(dtype);
        ByteOrder order = dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] expected = FilterParameters.of(type, order, 1, 2, 32, 40).toCdValues();
        assertArrayEquals(expected, storedCdValues(out), "cd_values of " + dtype);
    }

    private static int[] storedCdValues(Path file) {
        String header = Native.ok("h5dump", "-p", "-H", file.toString()).out();
        Matcher m = Pattern.compile("PARAMS \\{ ([0-9 ]+) \\}").matcher(header);
        assertTrue(m.find(), header);
        return Arrays.stream(m.group(1).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void h5dumpPrintsIdenticalValues() {
        Path in = Native.makeInput(dir, "in.h5", "real/merlin_4x2_6bit/data.npy", "0:1,0:2,100:108,100:116", "1,1,8,16", null);
        Path out = Native.repack(in, dir.resolve("out.h5"));
        String a = dataSection(Native.ok("h5dump", "-d", "/data", in.toString()).out());
        String b = dataSection(Native.ok("h5dump", "-d", "/data", out.toString()).out());
        // h5dump exits 0 even when a filter fails (printing "DATA { }"), so compare the values themselves
        assertTrue(a.contains("(0,1,7,0): "), "h5dump printed no values: " + a);
        assertEquals(a, b);
    }

    @Test
    void filterStatsReportTheTimeInsideTheFilter() {
        // 1 x 2 x 8 x 16 values in chunks of 1 x 1 x 8 x 16: 2 chunks of 256 bytes
        Path in = Native.makeInput(dir, "in.h5", "real/merlin_4x2_6bit/data.npy", "0:1,0:2,100:108,100:116", "1,1,8,16", "<u2");
        Path out = dir.resolve("out.h5");
        Map<String, String> stats = Map.of("STEMZ_FILTER_STATS", "2");
        Native.Result repack = Native.run(Native.PLUGIN_DIR, stats, "h5repack", "-f",
                "UD=" + FilterParameters.FILTER_ID + ",0,0", in.toString(), out.toString());
        assertEquals(0, repack.exit(), repack.all());
        Pattern line = Pattern.compile("stemz filter: (en|de)coded 2 chunks, 0\\.0 MB in [0-9.]+ s \\([0-9.]+ MB/s\\)");
        assertTrue(line.matcher(repack.err()).find() && repack.err().contains("encoded 2 chunks"), repack.all());
        Native.Result dump = Native.run(Native.PLUGIN_DIR, stats, "h5dump", "-d", "/data", out.toString());
        assertTrue(line.matcher(dump.err()).find() && dump.err().contains("decoded 2 chunks"), dump.all());
        assertTrue(dataSection(dump.out()).contains("(0,1,7,0): "), dump.all());
        assertEquals("", Native.run("h5dump", "-d", "/data", out.toString()).err(), "statistics without STEMZ_FILTER_STATS");
    }

    private static String dataSection(String dump) {
        int i = dump.indexOf("DATA {");
        assertTrue(i >= 0, dump);
        return dump.substring(i);
    }
}
