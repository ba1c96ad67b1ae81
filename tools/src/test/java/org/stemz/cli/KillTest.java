package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compress killed with SIGKILL halfway leaves nothing at the output path. */
class KillTest {
    @TempDir
    Path dir;

    @Test
    void sigkillHalfwayLeavesNoOutput() throws Exception {
        // 256 MiB of zeros as raw uint16 (a sparse file: instant to make), seconds of work for the child
        Path in = dir.resolve("big.raw");
        try (RandomAccessFile f = new RandomAccessFile(in.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        Path out = dir.resolve("big.stemz");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                StemzCli.class.getName(), "compress", in.toString(), "-o", out.toString(), "--shape", "2048,256,256",
                "--dtype", "uint16", "-T", "1"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partFile() == null && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
            assertTrue(partFile() != null, "the child never started writing");
            Thread.sleep(50);
            p.destroyForcibly(); // SIGKILL on Unix
            p.waitFor(10, TimeUnit.SECONDS);
            assertTrue(p.exitValue() != 0, "the child completed before the kill: the test proves nothing");
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(out), "a killed compress left a file at the output path");
    }

    private Path partFile() throws Exception {
        try (var files = Files.list(dir)) {
            // the temporary file beside the output: ".big.stemz.stemz-tmp-PID.part" (and the writer's own)
            return files.filter(f -> f.getFileName().toString().startsWith(".big.stemz")).findFirst().orElse(null);
        }
    }
}
