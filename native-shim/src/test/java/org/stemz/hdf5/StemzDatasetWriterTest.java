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
            writeBands(w, shape, data);
        }
    }

    private static void writeBands(StemzDatasetWriter w, long[] shape, byte[] data) {
        int at = 0;
        for (long row = 0; row < shape[0]; row += w.bandRows(row)) {
            int n = (int) w.bandBytes(row);
            w.writeBand(Arrays.copyOfRange(data, at, at + n));
            at += n;
        }
        w.finish();
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

    /** Layout 2: the dataset model in cd_values, read back through the JNA filter (libhdf5) and jhdf. */
    @Test
    void datasetModelChunksReadBackThroughLibhdf5AndJhdf() throws Exception {
        long[] shape = {6, 5, 12, 10};
        long[] chunk = {1, 1, 12, 10};
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, shape);
        byte[] data = data(d, 9);
        int frameBytes = 12 * 10 * 2;
        DatasetCoding coding = DatasetCoding.datasetModel(FilterParameters.of(d.type(), d.order(), chunk),
                frames -> frames.accept(data, 0, data.length / frameBytes));
        assertEquals(FilterParameters.MODEL_LAYOUT_VERSION, FilterParameters.parse(coding.cdValues()).layoutVersion());
        Path file = dir.resolve("layout2.h5");
        try (Hdf5File f = Hdf5File.create(file)) {
            try (StemzDatasetWriter w = StemzDatasetWriter.create(f, "/data", shape, chunk, 2, coding)) {
                writeBands(w, shape, data);
            }
        }
        try (Hdf5File f = Hdf5File.open(file, false)) {
            assertArrayEquals(data, f.read("/data"));
        }
        // the HDF5 1.10 file format (superblock version 3): its fixed-array chunk index takes about 18 bytes a
        // chunk, the 1.8 B-tree about 70, as much as a coded frame of a low-dose scan
        assertEquals(3, java.nio.file.Files.readAllBytes(file)[8], "superblock version");
        try (HdfFile f = new HdfFile(file)) {
            int[][][][] read = (int[][][][]) f.getDatasetByPath("/data").getData(); // jhdf gives uint16 as int
            java.nio.ByteBuffer expected = java.nio.ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int[][][] a : read) {
                for (int[][] b : a) {
                    for (int[] row : b) {
                        for (int v : row) {
                            assertEquals(expected.getShort() & 0xFFFF, v, "jhdf value " + expected.position() / 2);
                        }
                    }
                }
            }
        }
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

    /**
     * The JNA set_local: layout-1 values are replaced by its own, layout-2 values (dataset model, reserved) are
     * kept but refused by this build's codec, so the dataset is not created.
     */
    @Test
    void cdValuesGivenAtCreation() {
        try (Hdf5File f = Hdf5File.create(dir.resolve("cd.h5"))) {
            long[] shape = {2, 3, 8, 8};
            long[] chunk = {1, 1, 8, 8};
            f.create("/one", DataType.UINT16, ByteOrder.LITTLE_ENDIAN, shape, chunk, new int[] {1, 9, 9, 9});
            assertArrayEquals(new int[] {1, 2, 2, 0, 4, 1, 1, 8, 8}, f.stemzCdValues("/one"));
            Hdf5Exception v2 = assertThrows(Hdf5Exception.class, () -> f.create("/two", DataType.UINT16,
                    ByteOrder.LITTLE_ENDIAN, shape, chunk, new int[] {2, 2, 2, 0, 4, 1, 1, 8, 8, 4, 0, 7}));
            // a model of 4 bytes whose checksum (0) is wrong: refused at creation
            org.junit.jupiter.api.Assertions.assertTrue(v2.getMessage().contains("model checksum mismatch"),
                    v2.getMessage());
            Hdf5Exception other = assertThrows(Hdf5Exception.class, () -> f.create("/three", DataType.UINT16,
                    ByteOrder.LITTLE_ENDIAN, shape, chunk, new int[] {2, 1, 1, 0, 4, 1, 1, 8, 8, 4, 0, 7}));
            org.junit.jupiter.api.Assertions.assertTrue(other.getMessage().contains("another element type"),
                    other.getMessage());
        }
    }
}
