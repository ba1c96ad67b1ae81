package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArchiveReader;
import org.stemz.cli.input.MibFrames;
import org.stemz.cli.live.MerlinSimulator;

/** The stream commands in a child JVM: a pipe on standard input, SIGINT and SIGKILL during a capture. */
@Timeout(120)
class LiveProcessTest {
    private static final int SIZE = LiveCliTest.SIZE;

    @TempDir
    Path dir;

    private Process child(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                StemzCli.class.getName()));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("child.err").toFile())
                .redirectOutput(dir.resolve("child.out").toFile()).start();
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("child.out")) + Files.readString(dir.resolve("child.err"));
    }

    @Test
    void rawAndMibFramesPipedIntoCompressDecodeBitExactly() throws Exception {
        MibFrames frames = MibFrames.synthetic(6, SIZE, 7);
        byte[] pixels = LiveCliTest.pixels(frames, 40);
        Path mib = dir.resolve("p.mib");
        frames.writeMib(mib, 40);
        for (String kind : List.of("raw", "mib")) {
            Path out = dir.resolve(kind + ".stemz");
            Process p = kind.equals("raw")
                    ? child("compress", "-", "-o", out.toString(), "--shape", "5,8," + SIZE + "," + SIZE, "--dtype", "uint16",
                    "--endian", "big", "--frames-per-chunk", "8", "-q")
                    : child("compress", "-", "-o", out.toString(), "--frames-per-chunk", "8", "-q");
            try (OutputStream in = p.getOutputStream()) {
                in.write(kind.equals("raw") ? pixels : Files.readAllBytes(mib));
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), log());
            assertArrayEquals(pixels, LiveCliTest.decoded(out), kind);
            try (ArchiveReader r = ArchiveReader.open(out)) {
                long[] shape = kind.equals("raw") ? new long[] {5, 8, SIZE, SIZE} : new long[] {40, SIZE, SIZE};
                assertArrayEquals(shape, r.descriptor().shape(), kind);
            }
        }
    }

    /** Starts a capture in a child from a simulator at 300 frames/s (for minutes) and waits until it has written. */
    private Process captureUntilWritten(MerlinSimulator sim, Path out, long bytes) throws Exception {
        Process p = child("capture", "merlin://127.0.0.1:" + sim.port(), "-o", out.toString(), "--frames-per-chunk", "8",
                "-T", "1", "--json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Path temp = temporary(out, p);
            if (Files.exists(temp) && Files.size(temp) > bytes) {
                return p;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("the capture never wrote " + bytes + " bytes: " + log());
    }

    private static Path temporary(Path out, Process p) {
        return out.resolveSibling("." + out.getFileName() + ".stemz-tmp-" + p.pid());
    }

    @Test
    void sigintFinishesAValidArchiveOfWhatWasReceived() throws Exception {
        try (MibFrames frames = MibFrames.synthetic(7, SIZE, 8);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(100_000).withRate(300))) {
            Path out = dir.resolve("int.stemz");
            Process p = captureUntilWritten(sim, out, 20_000);
            // the shell's built-in kill: no procps needed
            assertEquals(0, new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start().waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the capture did not end on SIGINT");
            assertEquals(130, p.exitValue(), log());
            assertTrue(log().contains("stopped by SIGINT"), log());
            long n;
            try (ArchiveReader r = ArchiveReader.open(out)) {
                assertTrue(r.verify(1).ok());
                n = r.frames();
            }
            assertTrue(n > 8, "frames kept: " + n);
            assertTrue(log().contains("\"frames\": " + n + ","), log());
            assertArrayEquals(LiveCliTest.pixels(frames, n), LiveCliTest.decoded(out));
            assertFalse(Files.exists(temporary(out, p)));
        }
    }

    @Test
    void sigkillHalfwayLeavesAFileThatRecoverRestoresBitExactly() throws Exception {
        try (MibFrames frames = MibFrames.synthetic(7, SIZE, 9);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(100_000).withRate(300))) {
            Path out = dir.resolve("kill.stemz");
            Process p = captureUntilWritten(sim, out, 30_000);
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(out), "a killed capture left a file at the output path");
            Path left = temporary(out, p);
            Path restored = dir.resolve("restored.stemz");
            CliRunner.Result r = CliRunner.run("recover", left.toString(), "-o", restored.toString(), "--json");
            assertEquals(0, r.exit(), r.toString());
            long n;
            try (ArchiveReader a = ArchiveReader.open(restored)) {
                n = a.frames();
                // every chunk the child had written completely: the file's chunks up to the cut
                assertEquals(a.chunkCount() * 8L, n);
            }
            assertTrue(n >= 16, "frames restored: " + n + " " + r);
            assertArrayEquals(LiveCliTest.pixels(frames, n), LiveCliTest.decoded(restored));
        }
    }
}
