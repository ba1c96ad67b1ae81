package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.ProgressListener;
import org.stemz.cli.input.ArraySource;
import org.stemz.cli.input.NpyReader;

class RoundTripCliTest {
    @TempDir
    Path dir;

    private static byte[] readNpy(Path f) throws Exception {
        try (ArraySource s = NpyReader.open(f)) {
            return Archives.readAll(s);
        }
    }

    private static void ok(CliRunner.Result r) {
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void compressDecompressEveryTypeBitExact() throws Exception {
        for (DataType t : DataType.values()) {
            ArrayDescriptor d = new ArrayDescriptor(t, t.size() == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN,
                    2, 3, 5, 7);
            byte[] data = TestData.random(d, t.ordinal());
            Path in = TestData.npy(dir.resolve(t + ".npy"), d, data);
            Path archive = dir.resolve(t + ".stemz");
            ok(CliRunner.run("compress", in.toString(), "-o", archive.toString(), "-q", "-T", "2"));
            Path back = dir.resolve(t + ".back.npy");
            ok(CliRunner.run("decompress", archive.toString(), "-o", back.toString(), "-q"));
            assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(back), t.toString());
            ok(CliRunner.run("verify", archive.toString(), "--against", in.toString(), "-q"));
        }
    }

    @Test
    void framesAndScanRangeAndRawOutput() throws Exception {
        ArrayDescriptor d = TestData.uint16(3, 4, 6, 5);
        byte[] data = TestData.random(d, 9);
        Path in = TestData.npy(dir.resolve("a.npy"), d, data);
        Path archive = dir.resolve("a.stemz");
        ok(CliRunner.run("compress", in.toString(), "-o", archive.toString(), "--frames-per-chunk", "2", "-q"));
        int fb = 6 * 5 * 2;

        Path frames = dir.resolve("f.npy");
        ok(CliRunner.run("decompress", archive.toString(), "-o", frames.toString(), "--frames", "3:7", "-q"));
        assertArrayEquals(Arrays.copyOfRange(data, 3 * fb, 7 * fb), readNpy(frames));

        Path rect = dir.resolve("r.raw");
        ok(CliRunner.run("decompress", archive.toString(), "-o", rect.toString(), "--scan-range", "1:3,2:4", "-q"));
        byte[] expect = new byte[4 * fb];
        for (int y = 1; y < 3; y++) {
            System.arraycopy(data, (y * 4 + 2) * fb, expect, (y - 1) * 2 * fb, 2 * fb);
        }
        assertArrayEquals(expect, Files.readAllBytes(rect));

        CliRunner.Result bad = CliRunner.run("decompress", archive.toString(), "-o", dir.resolve("x.npy").toString(),
                "--frames", "5:99");
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
        assertEquals(ExitCodes.USAGE, CliRunner.run("decompress", archive.toString(), "-o",
                dir.resolve("x.tiff").toString()).exit());
    }

    @Test
    void decompressToHdf5KeepsTypeOrderAndShape() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.stemz.hdf5.Hdf5Native.isAvailable(), "no libhdf5");
        for (DataType t : new DataType[] {DataType.UINT16, DataType.UINT32, DataType.INT8, DataType.FLOAT64}) {
            ArrayDescriptor d = new ArrayDescriptor(t, ByteOrder.BIG_ENDIAN, 2, 3, 4, 5);
            byte[] data = TestData.random(d, 11);
            Path in = TestData.npy(dir.resolve(t + ".npy"), d, data);
            Path archive = dir.resolve(t + ".stemz");
            ok(CliRunner.run("compress", in.toString(), "-o", archive.toString(), "-q"));
            Path h5 = dir.resolve(t + ".h5");
            ok(CliRunner.run("decompress", archive.toString(), "-o", h5.toString(), "-q"));
            try (ArraySource s = org.stemz.cli.input.Hdf5Reader.open(h5, "/data")) {
                assertEquals(t.size() == 1 ? d.withOrder(ByteOrder.LITTLE_ENDIAN) : d, s.descriptor());
                assertArrayEquals(data, Archives.readAll(s), t.toString());
            }
            ok(CliRunner.run("verify", archive.toString(), "--against", h5 + ":/data", "-q"));
        }
    }

    @Test
    void infoJsonShowsLayoutAndMetadata() throws Exception {
        ArrayDescriptor d = TestData.uint16(2, 2, 8, 8);
        Path in = TestData.npy(dir.resolve("m.npy"), d, TestData.random(d, 2));
        Path archive = dir.resolve("m.stemz");
        CliRunner.Result c = CliRunner.run("compress", in.toString(), "-o", archive.toString(), "--json");
        ok(c);
        assertTrue(c.out().contains("\"archive_bytes\": " + Files.size(archive)), c.out());
        CliRunner.Result info = CliRunner.run("info", archive.toString(), "--json");
        ok(info);
        assertTrue(info.out().contains("\"dtype\": \"uint16\"") && info.out().contains("\"shape\": [2, 2, 8, 8]")
                && info.out().contains("source_format") && info.out().contains("\"model_bytes\""), info.out());
        ok(CliRunner.run("info", archive.toString()));
        CliRunner.Result chunks = CliRunner.run("info", archive.toString(), "--chunks", "--frames-per-chunk-is-not-an-option");
        assertEquals(ExitCodes.USAGE, chunks.exit());
        CliRunner.Result list = CliRunner.run("info", archive.toString(), "--chunks", "--json");
        ok(list);
        assertTrue(list.out().contains("\"chunk_list\": [{\"chunk\": 0, \"offset\": "), list.out());
    }

    /** Needs per-chunk checksums from the core (present since the first codec commit). */
    @Test
    void verifyNamesTheChunkOfEveryFlippedByte() throws Exception {
        ArrayDescriptor d = TestData.uint16(8, 8, 8);
        Path in = TestData.npy(dir.resolve("v.npy"), d, TestData.random(d, 4));
        Path archive = dir.resolve("v.stemz");
        ok(CliRunner.run("compress", in.toString(), "-o", archive.toString(), "--frames-per-chunk", "2", "-q"));
        byte[] good = Files.readAllBytes(archive);
        ArchiveReader layout = ArchiveReader.of(good);
        assertEquals(4, layout.chunkCount());
        Path broken = dir.resolve("broken.stemz");
        // about 100 positions spread over header, chunks, index and footer (the core's tests flip every bit)
        for (int pos = 0; pos < good.length; pos += Math.max(1, good.length / 100)) {
            byte[] b = good.clone();
            b[pos] ^= 0x10;
            Files.write(broken, b);
            CliRunner.Result r = CliRunner.run("verify", broken.toString(), "-T", "1");
            assertTrue(r.exit() != 0, "flip at " + pos + " not detected: " + r);
            int chunk = chunkAt(layout, pos);
            if (chunk >= 0) {
                assertEquals(ExitCodes.CHECKSUM_MISMATCH, r.exit(), r.toString());
                assertTrue(r.err().contains("chunk " + chunk + " "), "flip at " + pos + " should name chunk " + chunk
                        + ": " + r);
            }
        }
    }

    private static int chunkAt(ArchiveReader layout, long pos) {
        for (int c = 0; c < layout.chunkCount(); c++) {
            if (pos >= layout.index().offset(c) && pos < layout.index().offset(c) + layout.index().length(c)) {
                return c;
            }
        }
        return -1;
    }

    @Test
    void verifyAgainstADifferentSourceFails() throws Exception {
        ArrayDescriptor d = TestData.uint16(2, 4, 4);
        byte[] data = TestData.random(d, 5);
        Path in = TestData.npy(dir.resolve("s.npy"), d, data);
        Path archive = dir.resolve("s.stemz");
        ok(CliRunner.run("compress", in.toString(), "-o", archive.toString(), "-q"));
        data[2 * (16 + 5)] ^= 1;
        Path other = TestData.npy(dir.resolve("other.npy"), d, data);
        CliRunner.Result r = CliRunner.run("verify", archive.toString(), "--against", other.toString());
        assertEquals(ExitCodes.CONTENT_DIFFERS, r.exit(), r.toString());
        assertTrue(r.err().contains("frame 1, pixel (1, 1)"), r.toString());
    }

    @Test
    void progressReachesTheEndOfEveryPhase() throws Exception {
        ArrayDescriptor d = TestData.uint16(40, 64, 64);
        Path in = TestData.npy(dir.resolve("p.npy"), d, TestData.random(d, 6));
        RecordingProgress progress = new RecordingProgress();
        try (ArraySource s = NpyReader.open(in)) {
            Archives.compress(s, org.stemz.CodecOptions.defaults().withFramesPerChunk(8), dir.resolve("p.stemz"),
                    progress);
        }
        assertTrue(progress.finished.contains("coding"), progress.finished.toString());
        try (ArchiveReader r = Archives.open(dir.resolve("p.stemz"))) {
            RecordingProgress decoding = new RecordingProgress();
            Archives.decode(r, 0, r.frames(), java.io.OutputStream.nullOutputStream(), 2, decoding);
            assertEquals(java.util.Set.of("decoding"), decoding.finished);
        }
    }

    /** Records which phases reported completion (done == total); called from several threads. */
    static final class RecordingProgress implements ProgressListener {
        final java.util.Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void progress(String phase, long done, long total) {
            if (done == total) {
                finished.add(phase);
            }
        }
    }

    @Test
    void benchJson() throws Exception {
        ArrayDescriptor d = TestData.uint16(4, 16, 16);
        Path in = TestData.npy(dir.resolve("b.npy"), d, TestData.random(d, 7));
        CliRunner.Result r = CliRunner.run("bench", in.toString(), "--json", "--repeat", "1", "-T", "2");
        ok(r);
        for (String s : new String[] {"\"method\": \"stemz\"", "\"threads\": 2", "gzip -9", "bits_per_pixel",
            "model_bytes", "decode_megapixels_per_s"}) {
            assertTrue(r.out().contains(s), s + " missing: " + r.out());
        }
        CliRunner.Result table = CliRunner.run("bench", in.toString(), "--no-peers", "--repeat", "1", "-q");
        ok(table);
    }
}
