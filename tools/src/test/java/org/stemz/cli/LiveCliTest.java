package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemz.ArchiveReader;
import org.stemz.cli.input.MibFrames;
import org.stemz.cli.live.MerlinSimulator;
import org.stemz.cli.live.MerlinSimulator.Fault;

/** capture, compress --follow and recover, in-process, against the Merlin simulator on the loopback interface. */
@Timeout(120)
class LiveCliTest {
    static final int SIZE = 32;

    @TempDir
    Path dir;

    /** The pixels (big-endian U16) of the first {@code n} frames {@code frames} sends. */
    static byte[] pixels(MibFrames frames, long n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] f = new byte[frames.frameBytes()];
        for (long i = 0; i < n; i++) {
            frames.read(i, f, 0);
            out.write(f, frames.headerBytes(), f.length - frames.headerBytes());
        }
        return out.toByteArray();
    }

    static byte[] decoded(Path archive) throws Exception {
        try (ArchiveReader r = ArchiveReader.open(archive)) {
            assertTrue(r.verify(1).ok());
            return r.readAll(1).data();
        }
    }

    private CliRunner.Result capture(MerlinSimulator sim, String... more) {
        List<String> args = new ArrayList<>(List.of("capture", "merlin://127.0.0.1:" + sim.port(), "-o",
                dir.resolve("c.stemz").toString(), "--frames-per-chunk", "8", "-T", "2", "--json"));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void captureDecodesBitExactlyToTheSource() throws Exception {
        try (MibFrames frames = MibFrames.synthetic(7, SIZE, 1);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(60))) {
            CliRunner.Result r = capture(sim, "--scan", "6,10");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("\"frames\": 60,"), r.out());
            try (ArchiveReader a = ArchiveReader.open(dir.resolve("c.stemz"))) {
                assertArrayEquals(new long[] {6, 10, SIZE, SIZE}, a.descriptor().shape());
                assertTrue(a.header().metadata().contains("merlin-tcp"), a.header().metadata());
            }
            assertArrayEquals(pixels(frames, 60), decoded(dir.resolve("c.stemz")));
            assertEquals(0, sim.await(5000).dropped());
        }
    }

    @Test
    void captureAtAFrameRateStopsAfterFramesN() throws Exception {
        try (MibFrames frames = MibFrames.synthetic(5, SIZE, 2);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(1000).withRate(500))) {
            CliRunner.Result r = capture(sim, "--frames", "30");
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(pixels(frames, 30), decoded(dir.resolve("c.stemz")));
        }
    }

    @Test
    void progressLineAndDryRun() throws Exception {
        try (MibFrames frames = MibFrames.synthetic(3, SIZE, 10);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(150).withRate(300))) {
            CliRunner.Result r = CliRunner.run("capture", "merlin://127.0.0.1:" + sim.port(), "-o",
                    dir.resolve("p.stemz").toString(), "--progress");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.err().contains("/150 frames") && r.err().contains("frames/s") && r.err().contains("MB/s")
                    && r.err().contains("ratio"), r.err());
            assertTrue(r.out().contains("150 frames"), r.out());
        }
        try (MibFrames frames = MibFrames.synthetic(3, SIZE, 11);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(40))) {
            CliRunner.Result r = CliRunner.run("capture", "merlin://127.0.0.1:" + sim.port(), "--dry-run", "--json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("\"frames\": 40,"), r.out());
        }
    }

    /** The fault hits frame 21 (after two chunks of 8 and 5 frames of the third): frames 0-20 are kept. */
    @ParameterizedTest
    @CsvSource({"DROP_MID_FRAME,TRUNCATED", "GARBAGE,RESERVED_VALUE", "WRONG_LENGTH,RESERVED_VALUE",
        "MISMATCHED_HEADER,RESERVED_VALUE", "STALL_MID_FRAME,TRUNCATED"})
    void aBrokenStreamExitsNonZeroAndKeepsEveryCompleteFrame(Fault fault, String code) throws Exception {
        try (MibFrames frames = MibFrames.synthetic(7, SIZE, 3);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(60).withFault(fault, 21))) {
            CliRunner.Result r = capture(sim, "--timeout", "2");
            assertEquals(ExitCodes.CORRUPT_INPUT, r.exit(), r.toString());
            assertTrue(r.err().contains(code + " at byte ") && r.err().contains("frame 21:"), r.err());
            assertTrue(r.err().contains("21 complete frames"), r.err());
            assertArrayEquals(pixels(frames, 21), decoded(dir.resolve("c.stemz")));
        }
    }

    @Test
    void refusesAnExistingOutputAndABadAddress() throws Exception {
        Files.write(dir.resolve("c.stemz"), new byte[] {1});
        try (MibFrames frames = MibFrames.synthetic(2, SIZE, 4);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(4))) {
            assertEquals(ExitCodes.USAGE, capture(sim).exit());
        }
        assertEquals(ExitCodes.USAGE, CliRunner.run("capture", "tcp://x:1", "-o", dir.resolve("d.stemz").toString()).exit());
        CliRunner.Result refused = CliRunner.run("capture", "merlin://127.0.0.1:1", "-o", dir.resolve("d.stemz").toString(),
                "--wait", "2");
        assertEquals(ExitCodes.IO_ERROR, refused.exit(), refused.toString());
        assertFalse(Files.exists(dir.resolve("d.stemz")));
    }

    @ParameterizedTest
    @CsvSource({"raw", "mib"})
    void followCompressesAFileWhileItIsWritten(String kind) throws Exception {
        MibFrames frames = MibFrames.synthetic(9, SIZE, 5);
        int n = 45;
        byte[] expected = pixels(frames, n);
        Path file = dir.resolve(kind.equals("raw") ? "growing.raw" : "growing.mib");
        Files.write(file, new byte[0]);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                byte[] f = new byte[frames.frameBytes()];
                for (int i = 0; i < n; i++) {
                    frames.read(i, f, 0);
                    int from = kind.equals("raw") ? frames.headerBytes() : 0;
                    // each frame in two writes, so the reader sees frames cut in the middle
                    int half = from + (f.length - from) / 2;
                    out.write(f, from, half - from);
                    out.flush();
                    out.write(f, half, f.length - half);
                    out.flush();
                    if (i % 10 == 0) {
                        Thread.sleep(30);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        List<String> args = new ArrayList<>(List.of("compress", "--follow", file.toString(), "-o",
                dir.resolve("f.stemz").toString(), "--idle", "1", "--frames-per-chunk", "8", "-q"));
        if (kind.equals("raw")) {
            args.addAll(List.of("--shape", SIZE + "," + SIZE, "--dtype", "uint16", "--endian", "big"));
        }
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        writer.join();
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(expected, decoded(dir.resolve("f.stemz")));
    }

    @Test
    void followStopsAtFramesN() throws Exception {
        MibFrames frames = MibFrames.synthetic(3, SIZE, 6);
        Path file = dir.resolve("x.mib");
        frames.writeMib(file, 20);
        CliRunner.Result r = CliRunner.run("compress", "--follow", file.toString(), "--frames", "12", "-q");
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(pixels(frames, 12), decoded(dir.resolve("x.mib.stemz")));
    }

    @Test
    void recoverRejectsWhatIsNotAnArchive() throws Exception {
        Path junk = Files.write(dir.resolve("junk.stemz"), new byte[100]);
        CliRunner.Result r = CliRunner.run("recover", junk.toString(), "-o", dir.resolve("r.stemz").toString());
        assertTrue(r.exit() == ExitCodes.UNSUPPORTED_FORMAT || r.exit() == ExitCodes.CORRUPT_INPUT, r.toString());
        assertFalse(Files.exists(dir.resolve("r.stemz")));
    }
}
