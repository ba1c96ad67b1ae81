package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.hdf5.Hdf5File;
import org.stemz.hdf5.Hdf5Native;

/** compress -o OUT.h5 (parallel direct chunk writes) and repack's chunk advice. */
class Hdf5OutputTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void available() {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        Random r = new Random(11);
        for (int i = 0; i < n; i += 2) {
            b[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(9) : 0);
        }
        return b;
    }

    @Test
    void compressToHdf5ReadsBackIdenticallyWithTheChosenChunks() throws Exception {
        byte[] data = data(5 * 6 * 16 * 16 * 2);
        Path raw = Files.write(dir.resolve("in.raw"), data);
        Path out = dir.resolve("out.h5");
        CliRunner.Result r = CliRunner.run("compress", raw.toString(), "--shape", "5,6,16,16", "--dtype", "uint16",
                "-o", out.toString(), "--chunk", "2x4x16x16", "-T", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("chunks [2, 4, 16, 16]"), r.toString());
        try (Hdf5File f = Hdf5File.open(out, false)) {
            assertArrayEquals(data, f.read("/data"));
            assertArrayEquals(new long[] {2, 4, 16, 16}, f.info("/data").chunk());
        }
        CliRunner.Result again = CliRunner.run("compress", raw.toString(), "--shape", "5,6,16,16", "--dtype",
                "uint16", "-o", out.toString());
        assertEquals(ExitCodes.USAGE, again.exit(), "an existing output without --force: " + again);
    }

    @Test
    void compressToHdf5WithTheDatasetModelWritesLayoutTwoWithEdgeChunks() throws Exception {
        byte[] data = data(5 * 6 * 16 * 16 * 2);
        Path raw = Files.write(dir.resolve("in.raw"), data);
        Path out = dir.resolve("model.h5");
        CliRunner.Result r = CliRunner.run("compress", raw.toString(), "--shape", "5,6,16,16", "--dtype", "uint16",
                "-o", out.toString(), "--chunk", "2x4x16x16", "--dataset-model");
        assertEquals(0, r.exit(), r.toString());
        try (Hdf5File f = Hdf5File.open(out, false)) {
            assertEquals(2, f.stemzCdValues("/data")[0], "cd_values layout");
            assertArrayEquals(data, f.read("/data"));
        }
    }

    @Test
    void repackWarnsOnSubFrameChunksAndRecommendsWholeFrames() {
        Path in = dir.resolve("in.h5");
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 3, 16, 16);
        try (Hdf5File f = Hdf5File.create(in)) {
            f.write("/data", d, d.shape(), d.shape(), false, data((int) d.byteSize()));
        }
        CliRunner.Result split = CliRunner.run("repack", in.toString(), dir.resolve("a.h5").toString(), "--chunk",
                "1x1x8x16");
        assertEquals(0, split.exit(), split.toString());
        assertTrue(split.err().contains("warning") && split.err().contains("split the 16x16 frames")
                && split.err().contains("--chunk 1x3x16x16"), split.toString());
        CliRunner.Result whole = CliRunner.run("repack", in.toString(), dir.resolve("b.h5").toString(), "--chunk",
                "1x1x16x16");
        assertEquals(0, whole.exit(), whole.toString());
        assertFalse(whole.err().contains("warning"), whole.toString());
    }
}
