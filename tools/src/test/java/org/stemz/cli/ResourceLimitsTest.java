package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives that declare more than a 256 MiB heap holds, run through the CLI in a child JVM with -Xmx256m: each
 * ends within 60 s with success or a typed error (LIMIT_EXCEEDED, exit 7, saying how much memory it needs; or the
 * archive's own typed error), never a stack trace or a hang, and never leaves a file behind.
 */
class ResourceLimitsTest {
    private static final int SECONDS = 60;
    private static final String HEAP = "256m";

    @TempDir
    Path dir;

    /** A 6 KB archive of one 4096x4096 frame: its model expands to about 370 MB when parsed. */
    @Test
    void hugeModel() throws Exception {
        Path a = dir.resolve("model.stemz");
        try (var in = getClass().getResourceAsStream("/crafted/model-4096x4096.stemz")) {
            Files.copy(in, a);
        }
        // info reads the header and footer only: it needs a few KiB, not the model
        ChildCli.Result info = ChildCli.run(dir, SECONDS, HEAP, "info", "model.stemz").assertNoStackTrace();
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("[1, 4096, 4096]"), info.toString());
        for (String[] args : new String[][] {{"verify", "model.stemz"}, {"decompress", "model.stemz", "-o", "m.npy"}}) {
            ChildCli.Result r = ChildCli.run(dir, SECONDS, HEAP, args).assertNoStackTrace();
            assertEquals(ExitCodes.LIMIT_EXCEEDED, r.exit(), r.toString());
            assertTrue(r.err().startsWith("stemz " + args[0] + ": error: LIMIT_EXCEEDED"), r.toString());
            assertTrue(r.err().contains("256 MiB") && r.err().contains("-Xmx"), r.toString());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r);
        }
        assertOnly(a);
    }

    /** A header declaring 4096x4096 frames where the data hold 16x16. */
    @Test
    void hugeFrame() throws Exception {
        byte[] small = CraftedArchives.zeros(TestData.uint16(2, 16, 16), 1);
        Path a = Files.write(dir.resolve("frame.stemz"),
                CraftedArchives.redeclared(small, new long[] {2, 4096, 4096}, 1));
        for (String[] args : new String[][] {{"info", "frame.stemz"}, {"verify", "frame.stemz"},
            {"decompress", "frame.stemz", "-o", "f.npy"}}) {
            ChildCli.Result r = ChildCli.run(dir, SECONDS, HEAP, args).assertNoStackTrace();
            assertTypedOrOk(r, args[0].equals("info") ? Set.of(0, 3, 7) : Set.of(3, 7));
        }
        assertOnly(a);
    }

    /** One chunk declaring 1 GiB of decoded frames (8192 frames of 256x256 uint16) in a few bytes. */
    @Test
    void oneGibChunk() throws Exception {
        byte[] small = CraftedArchives.zeros(TestData.uint16(1, 256, 256), 1);
        Path a = Files.write(dir.resolve("chunk.stemz"),
                CraftedArchives.redeclared(small, new long[] {8192, 256, 256}, 8192));
        for (String[] args : new String[][] {{"verify", "chunk.stemz"}, {"decompress", "chunk.stemz", "-o", "c.npy"}}) {
            ChildCli.Result r = ChildCli.run(dir, SECONDS, HEAP, args).assertNoStackTrace();
            assertTypedOrOk(r, Set.of(3, 7));
            if (r.exit() == ExitCodes.LIMIT_EXCEEDED) {
                assertTrue(r.err().contains("chunks of 1024 MiB"), "the estimate names the chunk size: " + r);
            }
        }
        assertOnly(a);
    }

    /** 2^22 chunks of one 1x1 frame each (a 148 MiB archive): the index alone takes about 200 MiB in memory. */
    @Test
    void fourMillionOnePixelChunks() throws Exception {
        byte[] small = CraftedArchives.zeros(new org.stemz.ArrayDescriptor(org.stemz.DataType.UINT8,
                java.nio.ByteOrder.LITTLE_ENDIAN, 2, 1, 1), 1);
        Path a = dir.resolve("many.stemz");
        CraftedArchives.replicated(small, 1L << 22, a);
        ChildCli.Result info = ChildCli.run(dir, SECONDS, HEAP, "info", "many.stemz").assertNoStackTrace();
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("4194304 chunks"), info.toString());
        // the case that hung for 21 minutes: a worker's OutOfMemoryError must end the command
        ChildCli.Result r = ChildCli.run(dir, SECONDS, HEAP, "verify", "many.stemz", "-T", "2").assertNoStackTrace();
        assertTypedOrOk(r, Set.of(0, 7));
        assertOnly(a);
    }

    private static void assertTypedOrOk(ChildCli.Result r, Set<Integer> allowed) {
        assertTrue(allowed.contains(r.exit()), "exit " + r.exit() + " not in " + allowed + ":\n" + r);
        if (r.exit() != 0) {
            assertTrue(r.err().matches("(?s)stemz \\w+: error: [A-Z_]+[ :].*"), "a typed one-line error:\n" + r);
        }
    }

    /** Nothing but the archive is left in the folder (no output, no temporary file). */
    private void assertOnly(Path archive) throws Exception {
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(archive.getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
