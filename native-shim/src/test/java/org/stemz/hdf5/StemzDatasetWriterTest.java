package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

/**
 * Direct chunk writes with chunks encoded in parallel: the same bytes as HDF5's filter pipeline, for every chunk
 * shape (edge chunks, sub-frame chunks, ranks 1 to 4), every thread count, read back through the JNA filter and
 * jhdf.
 */
class StemzDatasetWriterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void hdf5() {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
    }

    private static byte[] data(ArrayDescriptor d, int seed) {
        byte[] b = new byte[(int) d.byteSize()];
        Random r = new Random(seed);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(5) == 0 ? r.nextInt(7) : 0);
        }
        return b;
    }

    /** Writes {@code data} band by band through StemzDatasetWriter. */
    private static void writeDirect(Hdf5File f, ArrayDescriptor d, long[] shape, long[] chunk, int threads,
                                    byte[] data) {
        try (StemzDatasetWriter w = StemzDatasetWriter.create(f, "/data", d.type(), d.order(), shape, chunk,
                threads)) {
            int at = 0;
            for (long row = 0; row < shape[0]; row += w.bandRows(row)) {
                int n = (int) w.bandBytes(row);
                w.writeBand(Arrays.copyOfRange(data, at, at + n));
                at += n;
            }
            w.finish();
        }
    }

    private void check(DataType type, ByteOrder order, long[] shape, long[] chunk) {
        long[] arrayShape = shape.length >= 2 ? shape : new long[] {1, shape[0]};
        ArrayDescriptor d = new ArrayDescriptor(type, order, arrayShape);
        byte[] data = data(d, Arrays.hashCode(chunk));
        Path pipeline = dir.resolve("pipeline.h5");
        try (Hdf5File f = Hdf5File.create(pipeline)) {
            f.write("/data", d, shape, chunk, true, data);
        }
        long pipelineBytes;
        try (Hdf5File f = Hdf5File.open(pipeline, false)) {
            pipelineBytes = f.info("/data").storageBytes();
        }
        for (int threads : new int[] {1, 3}) {
            Path direct = dir.resolve("direct" + threads + ".h5");
            try (Hdf5File f = Hdf5File.create(direct)) {
                writeDirect(f, d, shape, chunk, threads, data);
            }
            String what = type + " " + Arrays.toString(shape) + " chunks " + Arrays.toString(chunk) + ", " + threads
                    + " threads";
            try (Hdf5File f = Hdf5File.open(direct, false)) {
                assertArrayEquals(data, f.read("/data"), what);
                assertEquals(pipelineBytes, f.info("/data").storageBytes(), "same payloads as the filter: " + what);
            }
            try (HdfFile f = new HdfFile(direct)) {
                assertEquals(Arrays.toString(Arrays.stream(shape).mapToInt(x -> (int) x).toArray()),
                        Arrays.toString(f.getDatasetByPath("/data").getDimensions()), what);
                f.getDatasetByPath("/data").getData(); // decodes every chunk through the jhdf filter
            }
        }
    }

    @Test
    void wholeFrameChunksWithEdges() {
        check(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, new long[] {5, 7, 12, 10}, new long[] {2, 3, 12, 10});
    }

    @Test
    void subFrameChunksAndOddShapes() {
        check(DataType.INT32, ByteOrder.BIG_ENDIAN, new long[] {3, 4, 13, 9}, new long[] {2, 3, 5, 4});
    }

    @Test
    void ranksOneToThree() {
        check(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, new long[] {1000}, new long[] {300});
        check(DataType.FLOAT32, ByteOrder.LITTLE_ENDIAN, new long[] {17, 20}, new long[] {17, 20});
        check(DataType.UINT16, ByteOrder.BIG_ENDIAN, new long[] {11, 8, 6}, new long[] {4, 8, 6});
    }

    @Test
    void aBandOfTheWrongSizeOrTooFewBandsIsAnError() {
        try (Hdf5File f = Hdf5File.create(dir.resolve("x.h5"))) {
            try (StemzDatasetWriter w = StemzDatasetWriter.create(f, "/data", DataType.UINT8, ByteOrder.LITTLE_ENDIAN,
                    new long[] {4, 8, 8}, new long[] {2, 8, 8}, 2)) {
                assertThrows(IllegalArgumentException.class, () -> w.writeBand(new byte[10]));
                w.writeBand(new byte[128]);
                assertThrows(IllegalStateException.class, w::finish);
            }
        }
    }
}
