package org.stemz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory bounded independently of the number of frames, and container overhead, on files larger than the heap.
 * The default test streams 128 MiB through a 64 MiB heap (1 MiB chunks); the large one, run with
 * {@code mvn -o -pl filter test -Dtest=BoundedMemoryTest -Dstemz.large=true}, streams 1 GiB and 2 GiB through
 * {@code -Xmx512m} with default 4 MiB chunks and checks that the peak heap does not grow with the frames.
 */
class BoundedMemoryTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void fileTwiceTheHeapStreamsLosslesslyWithUnderOnePercentOverhead() throws Exception {
        String out = LargeArchiveCheck.runChild(128 * MIB, dir, 64, 2, 8);
        System.out.println("128 MiB through -Xmx64m: " + out);
        assertTrue(LargeArchiveCheck.value(out, "overhead") < 0.01, out);
        assertEquals(LargeArchiveCheck.value(out, "middle_frame_expected"),
                LargeArchiveCheck.value(out, "middle_frame_bytes_read"), out);
    }

    @Test
    @EnabledIfSystemProperty(named = "stemz.large", matches = "true")
    void twoGibibytesThroughHalfAGibibyteHeap() throws Exception {
        String one = LargeArchiveCheck.runChild(1024 * MIB, dir, 512, 2, 0);
        String two = LargeArchiveCheck.runChild(2048 * MIB, dir, 512, 2, 0);
        System.out.println("1 GiB through -Xmx512m: " + one);
        System.out.println("2 GiB through -Xmx512m: " + two);
        for (String phase : new String[] {"live_heap_encode_mb", "live_heap_decode_mb"}) {
            double a = LargeArchiveCheck.value(one, phase);
            double b = LargeArchiveCheck.value(two, phase);
            assertTrue(b <= a * 1.25 + 48, phase + " grew from " + a + " to " + b + " MiB");
        }
        assertTrue(LargeArchiveCheck.value(two, "overhead") < 0.01, two);
    }
}
