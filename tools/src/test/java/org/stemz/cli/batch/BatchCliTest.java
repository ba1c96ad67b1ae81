package org.stemz.cli.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.CliRunner;
import org.stemz.cli.ExitCodes;
import org.stemz.cli.TestData;

class BatchCliTest {
    private static final ArrayDescriptor SMALL = TestData.uint16(2, 3, 16, 12);

    @TempDir
    Path dir;

    /** 20 .npy files in {@code dir/in}; {@code corrupt} (if not null) has its data cut short. */
    private Path inputs(String corrupt) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < 20; i++) {
            TestData.npy(in.resolve(String.format("scan%02d.npy", i)), SMALL, TestData.random(SMALL, i));
        }
        if (corrupt != null) {
            try (RandomAccessFile f = new RandomAccessFile(in.resolve(corrupt).toFile(), "rw")) {
                f.setLength(f.length() - 100);
            }
        }
        return in;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void directoryWithOneCorruptInput() throws Exception {
        Path in = inputs("scan07.npy");
        CliRunner.Result r = CliRunner.run("compress", "--jobs", "3", in.toString());
        assertEquals(ExitCodes.CORRUPT_INPUT, r.exit(), r.toString());
        assertTrue(r.err().contains("FAILED " + in.resolve("scan07.npy")), r.toString());
        assertTrue(r.err().contains("19 of 20 files OK") && r.err().contains("FAILED: " + in.resolve("scan07.npy")),
                r.toString());
        assertEquals(19, r.out().lines().filter(l -> l.matches("\\[\\d+/20] .*scan\\d\\d\\.npy -> .*")).count(),
                r.toString());
        List<String> files = names(in);
        // 20 inputs, 19 archives, no archive, temporary or partial file for the corrupt one
        assertEquals(39, files.size(), files.toString());
        assertFalse(files.contains("scan07.npy.stemz"), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.startsWith(".") || f.endsWith(".part")), files.toString());

        // the 19 archives verify as a batch, and each decodes to its input
        CliRunner.Result v = CliRunner.run("verify", "-j", "2", in.toString());
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().contains("19 of 19 files OK"), v.toString());
        Path back = dir.resolve("back.npy");
        assertEquals(0, CliRunner.run("decompress", in.resolve("scan12.npy.stemz").toString(), "-o", back.toString()).exit());
        assertArrayEquals(Files.readAllBytes(in.resolve("scan12.npy")), Files.readAllBytes(back));
    }

    @Test
    void jsonSummaryNamesEveryFile() throws Exception {
        Path in = inputs("scan19.npy");
        Path out = Files.createDirectories(dir.resolve("out"));
        CliRunner.Result r = CliRunner.run("compress", "--json", "-j", "2", "-o", out.toString(), in.toString());
        assertEquals(ExitCodes.CORRUPT_INPUT, r.exit(), r.toString());
        String json = r.out().strip();
        assertTrue(json.startsWith("{\"command\": \"compress\", \"files\": 20, \"ok\": 19, \"failed\": 1, \"failures\": [\""
                + in.resolve("scan19.npy") + "\"]"), json);
        for (int i = 0; i < 20; i++) {
            assertTrue(json.contains("{\"input\": \"" + in.resolve(String.format("scan%02d.npy", i)) + "\", \"ok\": "
                    + (i != 19)), "scan " + i + " in " + json);
        }
        assertEquals(19, names(out).size(), names(out).toString());
        assertEquals(1, json.lines().count(), "one JSON object");
    }

    @Test
    void verifyBatchReportsTheDamagedArchive() throws Exception {
        Path in = inputs(null);
        assertEquals(0, CliRunner.run("compress", "-q", in.resolve("scan01.npy").toString(), in.resolve("scan02.npy").toString()).exit());
        Path damaged = in.resolve("scan02.npy.stemz");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(damaged, bytes);
        CliRunner.Result r = CliRunner.run("verify", in.resolve("scan01.npy.stemz").toString(), damaged.toString());
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("FAILED " + damaged) && r.err().contains("1 of 2 files OK"), r.toString());
    }

    @Test
    void usageErrors() throws Exception {
        Path in = inputs(null);
        Path notDir = in.resolve("scan00.npy");
        assertEquals(ExitCodes.USAGE, CliRunner.run("compress", "-o", notDir.toString(), in.toString()).exit());
        assertEquals(ExitCodes.USAGE, CliRunner.run("compress", "--jobs", "0", in.toString()).exit());
        assertEquals(ExitCodes.USAGE, CliRunner.run("verify", "--against", notDir.toString(), in.toString()).exit());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result r = CliRunner.run("compress", empty.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("no input files"), r.toString());
        r = CliRunner.run("compress", notDir.toString(), notDir.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("would both be compressed to"), r.toString());
    }
}
