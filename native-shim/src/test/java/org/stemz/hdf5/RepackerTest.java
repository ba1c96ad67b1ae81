package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.FilterConfigException;

/** Repacker (behind {@code stemz repack}): targets rewritten with stemz, everything else copied. */
class RepackerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void hdf5() {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
        Native.assumePlugin();
    }

    private Path tree() {
        Path in = dir.resolve("in.h5");
        Native.ok(Native.python("make-tree", Native.sharedFile("sim/srtio3_merlin/data.npz").toString(), in.toString()));
        return in;
    }

    @Test
    void rewritesEligibleDatasetsAndCopiesTheRest() {
        Path in = tree();
        Path out = dir.resolve("out.h5");
        List<Repacker.Result> results = Repacker.repack(in, out, List.of(), null);
        assertEquals(1, results.size(), results.toString()); // the 1-D and string datasets are copied as they are
        Repacker.Result r = results.get(0);
        assertEquals("/experiment/scan/frames", r.path());
        assertArrayEquals(new long[] {1, 5, 128, 128}, r.chunk()); // one scan row
        assertTrue(r.storedBytes() < r.rawBytes() / 2, r.toString());
        Native.ok(Native.python("same-tree", in.toString(), out.toString(), "experiment/scan/frames"));
        // chunks stored with direct chunk writes read through the C plugin in the HDF5 tools too
        Native.ok("h5diff", in.toString(), out.toString(), "/experiment/scan/frames", "/experiment/scan/frames");
    }

    @Test
    void namedDatasetWithChosenChunks() {
        Path in = tree();
        Path out = dir.resolve("out.h5");
        List<Repacker.Result> results = Repacker.repack(in, out, List.of("experiment/scan/frames"),
                new long[] {2, 2, 128, 128});
        assertArrayEquals(new long[] {2, 2, 128, 128}, results.get(0).chunk());
        Native.ok(Native.python("same-tree", in.toString(), out.toString(), "experiment/scan/frames"));
        assertThrows(FilterConfigException.class, () -> Repacker.repack(in, dir.resolve("x.h5"), List.of("/nope"), null));
        assertThrows(FilterConfigException.class,
                () -> Repacker.repack(in, dir.resolve("y.h5"), List.of("/experiment/scan/frames"), new long[] {1, 2}));
    }
}
