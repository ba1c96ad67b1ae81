package org.stemz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long stream does not grow the writer's memory: what it holds is the opening, a bounded queue of chunks and
 * per-stream state, never a function of the stream's length. (The 20,000-frame run of 256x256 frames under
 * -Xmx256m is in bench/stream-bench.sh.)
 */
class StreamingMemoryTest {
    private static final int SIDE = 64;
    private static final int FRAMES_PER_CHUNK = 16;

    @TempDir
    Path dir;

    @Test
    void heapAfterGcDoesNotGrowWithTheStream() throws Exception {
        int frameBytes = SIDE * SIDE * 2;
        byte[] frames = new byte[FRAMES_PER_CHUNK * frameBytes];
        Random r = new Random(11);
        int chunks = 320;
        long early = 0;
        long late = 0;
        Path target = dir.resolve("long.stemz");
        try (StreamingArchiveWriter w = StreamingArchiveWriter.open(target, DataType.UINT16, ByteOrder.LITTLE_ENDIAN,
                SIDE, SIDE, null, CodecOptions.defaults().withFramesPerChunk(FRAMES_PER_CHUNK).withThreads(2))) {
            for (int c = 0; c < chunks; c++) {
                fill(frames, r);
                w.write(frames, 0, FRAMES_PER_CHUNK);
                if (c == 40) {
                    early = usedAfterGc();
                } else if (c == chunks - 1) {
                    late = usedAfterGc();
                }
            }
            assertEquals(chunks, w.finish().index().size());
        }
        // the chunk index grows by a few bytes a chunk; anything held per chunk (a frame, counts) would be MBs
        assertTrue(late - early < (2 << 20), "heap after GC grew from " + early + " to " + late + " bytes");
        try (ArchiveReader reader = ArchiveReader.open(target)) {
            assertTrue(reader.verify(2).ok());
        }
    }

    /** Poisson-like counts around a bright disk: a new value now and then forces new tables or models. */
    private static void fill(byte[] frames, Random r) {
        ByteBuffer b = ByteBuffer.wrap(frames).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames.length / 2; i++) {
            int p = i % (SIDE * SIDE);
            int y = p / SIDE - SIDE / 2;
            int x = p % SIDE - SIDE / 2;
            int mean = y * y + x * x < 100 ? 200 : 2;
            b.putShort(2 * i, (short) Math.max(0, mean + (int) (Math.sqrt(mean) * r.nextGaussian())));
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
