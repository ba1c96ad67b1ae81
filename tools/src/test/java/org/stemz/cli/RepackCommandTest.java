package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.hdf5.Hdf5File;
import org.stemz.hdf5.Hdf5Native;

class RepackCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void available() {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
        assumeTrue(StemzCli.commandLine().getSubcommands().containsKey("repack"), "repack not registered in StemzCli");
    }

    private Path input(byte[] data) {
        Path in = dir.resolve("in.h5");
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 3, 4, 32, 32);
        try (Hdf5File f = Hdf5File.create(in)) {
            f.write("/scan", d, d.shape(), d.shape(), false, data);
        }
        return in;
    }

    /** uint16 counts of the input's shape: one pixel in {@code oneIn} holds 0..{@code below}-1, the rest 0. */
    private static byte[] sparseCounts(long seed, int oneIn, int below) {
        byte[] data = new byte[3 * 4 * 32 * 32 * 2];
        Random r = new Random(seed);
        for (int i = 0; i < data.length; i += 2) {
            data[i] = (byte) (r.nextInt(oneIn) == 0 ? r.nextInt(below) : 0);
        }
        return data;
    }

    @Test
    void repacksAndReadsBackIdentically() {
        byte[] data = sparseCounts(5, 3, 6);
        Path in = input(data);
        Path out = dir.resolve("out.h5");
        CliRunner.Result res = CliRunner.run("repack", in.toString(), out.toString(), "--chunk", "1x2x32x32");
        assertEquals(0, res.exit(), res.toString());
        assertTrue(res.out().contains("/scan") && res.out().contains("bits/pixel"), res.toString());
        try (Hdf5File f = Hdf5File.open(out, false)) {
            assertArrayEquals(data, f.read("/scan"));
            assertArrayEquals(new long[] {1, 2, 32, 32}, f.info("/scan").chunk());
        }
    }

    /** --dataset-model: the model goes into cd_values (layout 2) once; without it every chunk has its own. */
    @Test
    void datasetModelSwitchChoosesTheLayoutAndBothReadBackIdentically() {
        byte[] data = sparseCounts(6, 4, 9);
        Path in = input(data);
        int[] expectedLayout = {2, 1};
        String[][] switches = {{"--dataset-model"}, {"--no-dataset-model"}};
        for (int k = 0; k < switches.length; k++) {
            Path out = dir.resolve("layout" + expectedLayout[k] + ".h5");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("repack", in.toString(),
                    out.toString(), "--chunk", "1x1x32x32"));
            args.addAll(java.util.List.of(switches[k]));
            CliRunner.Result res = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, res.exit(), res.toString());
            assertEquals(expectedLayout[k] == 2, res.err().contains("import stemz.hdf5"), res.toString());
            try (Hdf5File f = Hdf5File.open(out, false)) {
                assertEquals(expectedLayout[k], f.stemzCdValues("/scan")[0], "cd_values layout of " + out);
                assertArrayEquals(data, f.read("/scan"));
            }
        }
    }

    @Test
    void refusesAnExistingOutputWithoutForceAndNeverTheInput() throws Exception {
        Path in = input(new byte[3 * 4 * 32 * 32 * 2]);
        Path out = dir.resolve("out.h5");
        java.nio.file.Files.writeString(out, "keep me");
        CliRunner.Result refused = CliRunner.run("repack", in.toString(), out.toString());
        assertEquals(ExitCodes.USAGE, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("--force"), refused.toString());
        assertEquals("keep me", java.nio.file.Files.readString(out));
        assertEquals(ExitCodes.USAGE, CliRunner.run("repack", in.toString(), in.toString(), "--force").exit());
        assertEquals(0, CliRunner.run("repack", in.toString(), out.toString(), "--force").exit());
        try (Hdf5File f = Hdf5File.open(out, false)) {
            assertArrayEquals(new byte[3 * 4 * 32 * 32 * 2], f.read("/scan"));
        }
    }

    @Test
    void usageAndIoErrorsHaveTheirExitCodes() {
        Path in = input(new byte[3 * 4 * 32 * 32 * 2]);
        assertEquals(ExitCodes.USAGE, CliRunner.run("repack", in.toString(), dir.resolve("o.h5").toString(),
                "--chunk", "1xax3").exit());
        assertEquals(ExitCodes.IO_ERROR, CliRunner.run("repack", dir.resolve("missing.h5").toString(),
                dir.resolve("o2.h5").toString()).exit());
    }
}
