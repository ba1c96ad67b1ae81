package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM halfway through a compress, decompress or verify: the temporary files are removed and the
 * exit code is 128 + the signal (130, 143); SIGKILL leftovers are found and removed by {@code stemz clean}.
 */
class SignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void compressInterrupted(String signal, int exit) throws Exception {
        Path in = sparseRaw();
        Process p = start("compress", in.toString(), "-o", "big.stemz", "--shape", "2048,256,256", "--dtype",
                "uint16", "-T", "1");
        interruptWhileWriting(p, signal, exit);
        assertOnly("big.raw");
    }

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void decompressAndVerifyInterrupted(String signal, int exit) throws Exception {
        // 256 MiB of zero frames in 2048 chunks, made without compressing (a copy of one chunk)
        CraftedArchives.replicated(CraftedArchives.zeros(TestData.uint16(2, 256, 256), 1), 2048,
                dir.resolve("big.stemz"));
        interruptWhileWriting(start("decompress", "big.stemz", "-o", "out.npy", "-T", "1"), signal, exit);
        assertOnly("big.stemz");
        Process verify = start("verify", "big.stemz", "-T", "1");
        Thread.sleep(700); // started and working (decoding 256 MiB takes seconds at one thread)
        assertTrue(verify.isAlive(), "verify ended before the signal: the test proves nothing");
        signal(verify, signal);
        assertTrue(verify.waitFor(30, TimeUnit.SECONDS), "verify did not end on SIG" + signal);
        assertEquals(exit, verify.exitValue());
        assertOnly("big.stemz");
    }

    @Test
    void cleanRemovesOnlyStaleTemporaryFiles() throws Exception {
        Path in = sparseRaw();
        Process p = start("compress", in.toString(), "-o", "big.stemz", "--shape", "2048,256,256", "--dtype",
                "uint16", "-T", "1");
        waitForTemp(p);
        // a file named as a stemz temporary file of this (live) process, which clean must leave alone
        Path live = Files.createFile(dir.resolve(".x.stemz" + TempFiles.MARK + ProcessHandle.current().pid() + ".part"));
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(temps().size() >= 2, "SIGKILL left no temporary file: the test proves nothing");
        CliRunner.Result r = CliRunner.run("clean", dir.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("stale temporary file"), r.toString());
        assertEquals(List.of(live.getFileName().toString()), temps());
        Files.delete(live);
        assertOnly("big.raw");
    }

    /** 256 MiB of zeros as raw uint16 (sparse: instant to make), seconds of work for one thread. */
    private Path sparseRaw() throws Exception {
        Path in = dir.resolve("big.raw");
        try (RandomAccessFile f = new RandomAccessFile(in.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        return in;
    }

    private Process start(String... args) throws Exception {
        return ChildCli.builder(dir, "1g", args).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private void interruptWhileWriting(Process p, String signal, int exit) throws Exception {
        try {
            waitForTemp(p);
            Thread.sleep(200);
            assertTrue(p.isAlive(), "the child finished before the signal: the test proves nothing");
            signal(p, signal);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "no exit on SIG" + signal);
            String log = Files.readString(dir.resolve("child.log"));
            assertEquals(exit, p.exitValue(), log);
            assertTrue(!log.contains("\tat "), "no stack trace: " + log);
        } finally {
            p.destroyForcibly();
        }
        Files.delete(dir.resolve("child.log"));
    }

    private void waitForTemp(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (temps().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(!temps().isEmpty(), "the child never started writing: " + Files.readString(dir.resolve("child.log")));
    }

    private static void signal(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor());
    }

    private List<String> temps() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(TempFiles.MARK)).sorted().toList();
        }
    }

    /** The folder holds exactly these files (plus the child's log): nothing left beside the output. */
    private void assertOnly(String... names) throws Exception {
        try (var files = Files.list(dir)) {
            assertEquals(List.of(names), files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("child.log")).sorted().toList());
        }
    }
}
