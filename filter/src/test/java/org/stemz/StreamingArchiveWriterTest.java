package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingArchiveWriterTest {
    private static final int H = 24;
    private static final int W = 20;
    private static final int FRAME_BYTES = H * W * 2;

    @TempDir
    Path dir;

    /** uint16 frames: a bright disk, sparse periphery; from frame {@code driftAt} on the counts grow tenfold. */
    static byte[] frames(int n, int driftAt, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(n * FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < n; f++) {
            int gain = f >= driftAt ? 10 : 1;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean disk = (y - 12) * (y - 12) + (x - 10) * (x - 10) < 25;
                    int v = disk ? 40 + r.nextInt(20) : (r.nextInt(10) == 0 ? 1 : 0);
                    b.putShort((short) (v * gain));
                }
            }
        }
        return b.array();
    }

    private StreamingArchiveWriter open(Path target, long[] scan) throws Exception {
        return StreamingArchiveWriter.open(target, DataType.UINT16, ByteOrder.LITTLE_ENDIAN, H, W, scan,
                CodecOptions.defaults().withFramesPerChunk(16).withThreads(2));
    }

    @Test
    void streamDecodesBitExactlyAndStartsANewModelWhenTheDataDrift() throws Exception {
        // the drift comes after the opening chunks, from which the first model is learned
        byte[] data = frames(300, 16 * StreamingArchiveWriter.OPENING_CHUNKS + 40, 1);
        Path target = dir.resolve("s.stemz");
        try (StreamingArchiveWriter w = open(target, new long[] {20, 15})) {
            for (int f = 0; f < 300; ) {
                int n = Math.min(7, 300 - f); // pieces that do not align with chunks
                w.write(data, f * FRAME_BYTES, n);
                f += n;
            }
            ArchiveSummary s = w.finish();
            assertEquals(20, s.header().descriptor().shape()[0]);
        }
        try (ArchiveReader r = ArchiveReader.open(target)) {
            assertArrayEquals(new long[] {20, 15, H, W}, r.descriptor().shape());
            assertArrayEquals(data, r.readAll(2).data());
            assertTrue(r.verify(2).ok());
            long models = java.util.stream.IntStream.range(0, r.chunkCount())
                    .filter(c -> r.index().modelChunk(c) == c).count();
            assertEquals(0, r.index().modelChunk(0));
            assertTrue(models >= 2, "a new model after the drift, found " + models);
            assertTrue(r.index().modelChunk(r.chunkCount() - 1) > 0);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void incompleteScanKeepsTheFramesReceived() throws Exception {
        byte[] data = frames(40, 1000, 2);
        Path target = dir.resolve("short.stemz");
        try (StreamingArchiveWriter w = open(target, new long[] {10, 15})) {
            w.write(data, 0, 40);
            w.finish();
        }
        try (ArchiveReader r = ArchiveReader.open(target)) {
            assertArrayEquals(new long[] {1, 40, H, W}, r.descriptor().shape());
            assertArrayEquals(data, r.readAll(1).data());
        }
    }

    @Test
    void refusesToReplaceAnExistingOutput() throws Exception {
        Path target = dir.resolve("exists.stemz");
        Files.write(target, new byte[] {1});
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> open(target, null));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
    }

    @Test
    void recoveryRestoresEveryCompleteChunkOfAKilledWriter() throws Exception {
        byte[] data = frames(200, 120, 3);
        Path target = dir.resolve("killed.stemz");
        StreamingArchiveWriter w = open(target, null);
        w.write(data, 0, 200);
        // as if killed now: chunks still in flight never reached the disk; cut the last one written in half
        Path left = dir.resolve("left.partial");
        byte[] onDisk = Files.readAllBytes(w.temporaryFile());
        w.abort();
        Files.write(left, Arrays.copyOf(onDisk, onDisk.length - 100));
        Path out = dir.resolve("recovered.stemz");
        ArchiveRecovery.RecoveryReport report = ArchiveRecovery.recover(left, out);
        assertTrue(report.chunks() >= 1, report.toString());
        assertEquals(report.chunks() * 16L, report.frames());
        try (ArchiveReader r = ArchiveReader.open(out)) {
            assertArrayEquals(new long[] {report.frames(), H, W}, r.descriptor().shape());
            assertArrayEquals(Arrays.copyOf(data, (int) report.frames() * FRAME_BYTES), r.readAll(1).data());
        }
    }
}
