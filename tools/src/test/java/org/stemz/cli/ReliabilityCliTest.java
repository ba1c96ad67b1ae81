package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.StemzCodec;

/**
 * Issue 13 in-process: concurrent runs to one output, raw inputs without a layout, escaped metadata, output
 * modes from the umask.
 */
class ReliabilityCliTest {
    @TempDir
    Path dir;

    @Test
    void secondCommitToAnOutputThatAppearedIsRefused() throws Exception {
        Path target = dir.resolve("o.bin");
        AtomicOutput first = AtomicOutput.open(target, false, List.of());
        AtomicOutput second = AtomicOutput.open(target, false, List.of()); // both pass the check at the start
        first.stream().write(1);
        second.stream().write(2);
        first.commit();
        UsageException e = assertThrows(UsageException.class, second::commit);
        assertTrue(e.getMessage().contains("appeared while stemz was writing it"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        second.close();
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target), "the first result is kept");
        assertEquals(List.of("o.bin"), names());
        // with --force a later commit replaces
        try (AtomicOutput forced = AtomicOutput.open(target, true, List.of())) {
            forced.stream().write(3);
            forced.commit();
        }
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(target));
    }

    @Test
    void twoConcurrentCompressRunsToOneOutput() throws Exception {
        ArrayDescriptor d = TestData.uint16(256, 64, 64);
        Path a = TestData.npy(dir.resolve("a.npy"), d, TestData.random(d, 1));
        Path b = TestData.npy(dir.resolve("b.npy"), d, TestData.random(d, 2));
        String out = dir.resolve("o.stemz").toString();
        var ra = CompletableFuture.supplyAsync(() -> CliRunner.run("compress", a.toString(), "-o", out, "-q", "-T", "1"));
        var rb = CompletableFuture.supplyAsync(() -> CliRunner.run("compress", b.toString(), "-o", out, "-q", "-T", "1"));
        CliRunner.Result x = ra.get();
        CliRunner.Result y = rb.get();
        assertEquals(1, (x.exit() == 0 ? 1 : 0) + (y.exit() == 0 ? 1 : 0), "exactly one succeeds:\n" + x + "\n" + y);
        CliRunner.Result failed = x.exit() == 0 ? y : x;
        assertEquals(ExitCodes.USAGE, failed.exit(), failed.toString());
        assertTrue(failed.err().contains("o.stemz") && failed.err().contains("--force"), failed.toString());
        Path winner = x.exit() == 0 ? a : b;
        CliRunner.Result v = CliRunner.run("verify", out, "--against", winner.toString());
        assertEquals(0, v.exit(), "the output is the successful run's: " + v);
        assertEquals(List.of("a.npy", "b.npy", "o.stemz"), names());
    }

    @Test
    void rawWithoutShapeIsAUsageErrorNamingShape() throws Exception {
        Path raw = Files.write(dir.resolve("frames.raw"), new byte[128 * 130 * 4 * 3]); // EMPAD-sized on purpose
        CliRunner.Result r = CliRunner.run("compress", raw.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("--shape") && r.err().contains("--format empad"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        // the same bytes as EMPAD when asked for, with the dropped rows reported
        CliRunner.Result e = CliRunner.run("compress", raw.toString(), "--format", "empad");
        assertEquals(0, e.exit(), e.toString());
        assertTrue(e.err().contains("note:") && e.err().contains("2 rows") && e.err().contains("not stored"),
                e.toString());
        CliRunner.Result v = CliRunner.run("verify", raw + ".stemz", "--against", raw.toString(), "--format", "empad");
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("not stored"), "verify --against says what it did not compare: " + v);
    }

    @Test
    void emptyRawInputIsAnError() throws Exception {
        Path empty = Files.write(dir.resolve("e.raw"), new byte[0]);
        CliRunner.Result r = CliRunner.run("compress", empty.toString(), "--shape", "0,16,16", "--dtype", "uint16");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("empty"), r.toString());
        CliRunner.Result e = CliRunner.run("compress", empty.toString(), "--format", "empad");
        assertEquals(ExitCodes.CORRUPT_INPUT, e.exit(), e.toString());
        assertTrue(e.err().contains("empty"), e.toString());
        assertEquals(List.of("e.raw"), names());
    }

    @Test
    void metadataWithTerminalEscapesPrintsEscaped() throws Exception {
        ArrayDescriptor d = TestData.uint16(2, 4, 4);
        String hostile = "{\"title\": \"\u001b]0;pwned\u0007\u001b[31mred\u009b2J\u202eevil\"}";
        Path a = Files.write(dir.resolve("m.stemz"), StemzCodec.compress(d, TestData.random(d, 3),
                CodecOptions.defaults().withMetadata(hostile)));
        for (String[] args : new String[][] {{"info", a.toString()}, {"info", a.toString(), "--json"},
            {"info", a.toString(), "--chunks"}}) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(0, r.exit(), r.toString());
            for (char c : new char[] {'\u001b', '\u0007', '\u009b', '\u202e'}) {
                assertEquals(-1, r.out().indexOf(c), String.format("raw U+%04X printed by %s", (int) c, List.of(args)));
            }
            assertTrue(r.out().contains("\\u001b[31mred"), r.toString());
        }
    }

    @Test
    void outputsHaveTheModeOfANewFile() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference")); // open(2) with 0666 & ~umask
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        ArrayDescriptor d = TestData.uint16(4, 8, 8);
        Path in = TestData.npy(dir.resolve("in.npy"), d, TestData.random(d, 4));
        assertEquals(0, CliRunner.run("compress", in.toString(), "-o", dir.resolve("o.stemz").toString(), "-q").exit());
        assertEquals(0, CliRunner.run("decompress", dir.resolve("o.stemz").toString(), "-o",
                dir.resolve("o.npy").toString(), "-q").exit());
        assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("o.stemz")));
        assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("o.npy")));
    }

    /** A child JVM under umask 027: outputs are 0640 (not 0600, not 0644). */
    @Test
    void outputsFollowTheUmaskOfTheProcess() throws Exception {
        ArrayDescriptor d = TestData.uint16(4, 8, 8);
        TestData.npy(dir.resolve("in.npy"), d, TestData.random(d, 5));
        for (String[] args : new String[][] {{"compress", "in.npy", "-o", "u.stemz"}, {"decompress", "u.stemz", "-o", "u.npy"}}) {
            ProcessBuilder pb = ChildCli.builder(dir, "256m", args);
            List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-c", "umask 027 && exec \"$@\"", "sh"));
            cmd.addAll(pb.command());
            Process p = pb.command(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), log);
        }
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        assertEquals(mode, Files.getPosixFilePermissions(dir.resolve("u.stemz")));
        assertEquals(mode, Files.getPosixFilePermissions(dir.resolve("u.npy")));
    }

    @Test
    void headerOnlyInfoMatchesTheFullReader() throws Exception {
        ArrayDescriptor d = new ArrayDescriptor(org.stemz.DataType.FLOAT32, ByteOrder.BIG_ENDIAN, 3, 5, 6, 7);
        Path a = Files.write(dir.resolve("f.stemz"), StemzCodec.compress(d, TestData.random(d, 6),
                CodecOptions.defaults().withFramesPerChunk(4).withMetadata("{\"k\": 1}")));
        HeaderSummary s = HeaderSummary.read(a);
        try (org.stemz.ArchiveReader r = org.stemz.ArchiveReader.open(a)) {
            assertEquals(r.descriptor(), s.descriptor());
            assertEquals(r.header().framesPerChunk(), s.framesPerChunk());
            assertEquals(r.header().metadata(), s.metadata());
            assertEquals(r.header().modelBytes(), s.modelBytes());
            assertEquals(r.header().headerBytes(), s.headerBytes());
            assertEquals(r.chunkCount(), s.chunkCount());
        }
        // any damage: no summary (info then uses the full reader, which names the problem)
        byte[] bytes = Files.readAllBytes(a);
        bytes[bytes.length / 3] ^= 1;
        Path bad = Files.write(dir.resolve("bad.stemz"), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertEquals(null, HeaderSummary.read(bad));
        CliRunner.Result r = CliRunner.run("info", bad.toString());
        assertTrue(r.exit() == ExitCodes.CORRUPT_INPUT || r.exit() == ExitCodes.CHECKSUM_MISMATCH, r.toString());
    }

    private List<String> names() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("reference")).sorted().toList();
        }
    }
}
