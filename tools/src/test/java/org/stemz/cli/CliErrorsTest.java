package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.input.MibTestFiles;

/** Exit codes and messages for the error cases of issue 5, plus --help and --version. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static void assertFails(CliRunner.Result r, int exit, String... inStderr) {
        assertEquals(exit, r.exit(), r.toString());
        for (String s : inStderr) {
            assertTrue(r.err().contains(s), "stderr lacks '" + s + "':\n" + r);
        }
        assertTrue(r.err().startsWith("stemz "), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace for expected errors:\n" + r);
    }

    @Test
    void missingInput() throws Exception {
        Path in = dir.resolve("nope.npy");
        assertFails(CliRunner.run("compress", in.toString(), "-o", dir.resolve("o.stemz").toString()),
                ExitCodes.IO_ERROR, in.toString(), "no such file");
        assertFalse(Files.exists(dir.resolve("o.stemz")));
        ArrayDescriptor d = TestData.uint16(1, 4, 4);
        Path ok = TestData.npy(dir.resolve("ok.npy"), d, TestData.random(d, 1));
        assertFails(CliRunner.run("compress", ok.toString(), "-o", dir.resolve("no/such/dir/o.stemz").toString()),
                ExitCodes.IO_ERROR, "output folder does not exist");
    }

    @Test
    void unknownFormat() throws Exception {
        Path in = Files.writeString(dir.resolve("notes.txt"), "hello, not a dataset");
        assertFails(CliRunner.run("compress", in.toString()), ExitCodes.UNSUPPORTED_FORMAT, "notes.txt",
                "unknown input format");
    }

    @Test
    void rawShapeNotMatchingTheFileSize() throws Exception {
        Path in = Files.write(dir.resolve("d.raw"), new byte[1000]);
        assertFails(CliRunner.run("compress", in.toString(), "--shape", "2,16,16", "--dtype", "uint16"),
                ExitCodes.USAGE, "d.raw", "needs 1024 bytes", "has 1000 bytes");
    }

    @Test
    void truncatedMib() throws Exception {
        Path mib = MibTestFiles.truncated(dir);
        Path out = dir.resolve("t.stemz");
        assertFails(CliRunner.run("compress", mib.toString(), "-o", out.toString()), ExitCodes.CORRUPT_INPUT,
                "TRUNCATED", "t.mib", "frame 1");
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "temp file left behind");
        }
    }

    @Test
    void damagedHdf5IsATypedErrorNeverACrash() throws Exception {
        int[][][] values = new int[4][16][16];
        Path h5 = dir.resolve("x.h5");
        try (io.jhdf.WritableHdfFile f = io.jhdf.HdfFile.write(h5)) {
            f.putDataset("data3", values);
        }
        byte[] good = Files.readAllBytes(h5);
        Path cut = dir.resolve("cut.h5");
        for (int len : new int[] {0, 7, 100, good.length / 2, good.length - 1000}) {
            Files.write(cut, java.util.Arrays.copyOf(good, len));
            CliRunner.Result r = CliRunner.run("compress", cut.toString(), "-o", dir.resolve("o" + len + ".stemz").toString());
            assertTrue(r.exit() == ExitCodes.CORRUPT_INPUT || r.exit() == ExitCodes.UNSUPPORTED_FORMAT,
                    "length " + len + ": " + r);
            assertTrue(r.err().contains("cut.h5"), r.toString());
        }
    }

    @Test
    void existingOutputNeedsForce() throws Exception {
        ArrayDescriptor d = TestData.uint16(2, 4, 4);
        Path in = TestData.npy(dir.resolve("a.npy"), d, TestData.random(d, 1));
        Path out = Files.writeString(dir.resolve("a.stemz"), "precious");
        assertFails(CliRunner.run("compress", in.toString(), "-o", out.toString()), ExitCodes.USAGE,
                "a.stemz", "--force");
        assertEquals("precious", Files.readString(out));
        assertFails(CliRunner.run("compress", in.toString(), "-o", in.toString(), "--force"), ExitCodes.USAGE,
                "refusing to overwrite the input");
    }

    @Test
    void unreadableArchive() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.stemz"), "this is not an archive at all, really not");
        Path out = dir.resolve("o.npy");
        assertFails(CliRunner.run("decompress", bad.toString(), "-o", out.toString()), ExitCodes.CORRUPT_INPUT,
                "bad magic");
        assertFalse(Files.exists(out));
        assertFails(CliRunner.run("info", bad.toString()), ExitCodes.CORRUPT_INPUT, "bad magic");
        assertFails(CliRunner.run("verify", bad.toString()), ExitCodes.CORRUPT_INPUT, "bad magic");
        assertFails(CliRunner.run("info", dir.resolve("none.stemz").toString()), ExitCodes.IO_ERROR, "no such file");
    }

    @Test
    void usageErrors() {
        CliRunner.Result r = CliRunner.run("compress");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("Missing required parameter"), r.err());
        assertEquals(ExitCodes.USAGE, CliRunner.run("decompress", "x.stemz").exit());
        assertEquals(ExitCodes.USAGE, CliRunner.run("frobnicate").exit());
        assertEquals(ExitCodes.USAGE, CliRunner.run().exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"compress", "decompress", "info", "verify", "bench", "repack"})
    void everySubcommandHasHelp(String sub) {
        CliRunner.Result r = CliRunner.run(sub, "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Usage: stemz " + sub), r.out());
        assertTrue(r.out().contains("--threads") && r.out().contains("--quiet"), r.out());
    }

    /** A stray % in a description makes picocli print a warning and the raw text instead of the help. */
    @Test
    void everyHelpTextFormats() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true));
        int commands = 0;
        try {
            java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(List.of(StemzCli.commandLine()));
            while (!todo.isEmpty()) {
                picocli.CommandLine c = todo.pop();
                c.getUsageMessage();
                commands++;
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(commands > 8, commands + " commands");
        assertFalse(warnings.toString().contains("WARN"), warnings.toString());
    }

    @Test
    void rootHelpAndVersion() {
        CliRunner.Result help = CliRunner.run("--help");
        assertEquals(0, help.exit());
        for (String sub : new String[] {"compress", "decompress", "info", "verify", "bench", "Exit codes"}) {
            assertTrue(help.out().contains(sub), help.out());
        }
        CliRunner.Result v = CliRunner.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().matches("(?s)stemz \\S+ \\(archive format version \\d+.*"), v.out());
    }
}
