package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.CorruptInputException;
import org.stemz.DataType;
import org.stemz.cli.TestData;
import org.stemz.cli.UsageException;

/** Raw, HDF5 (generic and Nion), Nion .ndata and EMPAD readers on small generated files. */
class OtherReadersTest {
    @TempDir
    Path dir;

    @Test
    void rawWithOffsetAndBigEndian() throws Exception {
        ArrayDescriptor d = new ArrayDescriptor(DataType.INT16, ByteOrder.BIG_ENDIAN, 3, 4, 5);
        byte[] data = TestData.random(d, 1);
        Path f = dir.resolve("a.bin");
        byte[] all = new byte[16 + data.length];
        System.arraycopy(data, 0, all, 16, data.length);
        Files.write(f, all);
        ArraySource s = RawReader.open(f, new RawLayout(new long[] {3, 4, 5}, DataType.INT16, ByteOrder.BIG_ENDIAN, 16));
        assertEquals(d, s.descriptor());
        assertArrayEquals(data, SourceAssertions.readAll(s));
    }

    @Test
    void rawShapeMustMatchTheFileSize() throws Exception {
        Path f = Files.write(dir.resolve("a.bin"), new byte[100]);
        UsageException e = assertThrows(UsageException.class,
                () -> RawReader.open(f, new RawLayout(new long[] {2, 5, 6}, DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 0)));
        assertTrue(e.getMessage().contains("needs 120 bytes") && e.getMessage().contains("has 100 bytes"), e.getMessage());
    }

    @Test
    void hdf5DatasetByPathAndNionLayout() throws Exception {
        int[][][] values = new int[3][4][5];
        float[][][] floats = new float[2][3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 5; k++) {
                    values[i][j][k] = i * 100 - j * 10 + k;
                }
            }
        }
        floats[1][2][3] = -0.5f;
        Path h5 = dir.resolve("x.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putGroup("g").putDataset("counts", values);
            f.putDataset("data", floats).putAttribute("properties", "{\"title\": \"nion\"}");
        }
        ArraySource s = Hdf5Reader.open(h5, "/g/counts");
        assertEquals(new ArrayDescriptor(DataType.INT32, ByteOrder.LITTLE_ENDIAN, 3, 4, 5), s.descriptor());
        ByteBuffer b = ByteBuffer.wrap(SourceAssertions.readAll(s)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(values[2][3][4], b.getInt(4 * (2 * 20 + 3 * 5 + 4)));

        ArraySource nion = Hdf5Reader.open(h5, null);
        assertEquals(DataType.FLOAT32, nion.descriptor().type());
        assertTrue(nion.metadataJson().contains("nion-h5") && nion.metadataJson().contains("title"));
        ByteBuffer fb = ByteBuffer.wrap(SourceAssertions.readAll(nion)).order(nion.descriptor().order());
        assertEquals(-0.5f, fb.getFloat(4 * 23));
        assertThrows(UsageException.class, () -> Hdf5Reader.open(h5, "/nope"));
    }

    @Test
    void hdf5RealFpdFileKeepsBigEndianUint16() throws Exception {
        Path real = TestData.realData();
        assumeTrue(real != null, "shared real data not present");
        Path f = real.resolve("fpd_medipix_2x2/orig/fpd_file_test.hdf5");
        ArraySource s = Hdf5Reader.open(f, null);
        assertEquals(new ArrayDescriptor(DataType.UINT16, ByteOrder.BIG_ENDIAN, 2, 2, 1, 256, 256), s.descriptor());
        assertTrue(s.metadataJson().contains("/fpd_expt/fpd_data/data"), s.metadataJson());
        s.close();
    }

    @Test
    void nionNdataZip() throws Exception {
        ArrayDescriptor d = TestData.uint16(2, 2, 6, 6);
        byte[] data = TestData.random(d, 3);
        Path npy = TestData.npy(dir.resolve("data.npy"), d, data);
        Path nd = dir.resolve("x.ndata");
        try (OutputStream o = Files.newOutputStream(nd); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("metadata.json"));
            z.write("{\"properties\": {\"title\": \"scan\"}}".getBytes());
            z.putNextEntry(new ZipEntry("data.npy"));
            z.write(Files.readAllBytes(npy));
        }
        ArraySource s = NdataReader.open(nd);
        assertEquals(d, s.descriptor());
        assertTrue(s.metadataJson().contains("title"));
        assertArrayEquals(data, SourceAssertions.readAll(s));
    }

    @Test
    void npzWithOneArray() throws Exception {
        ArrayDescriptor d = new ArrayDescriptor(DataType.FLOAT32, ByteOrder.LITTLE_ENDIAN, 3, 4, 4);
        byte[] data = TestData.random(d, 8);
        Path npy = TestData.npy(dir.resolve("tmp.npy"), d, data);
        Path npz = dir.resolve("x.npz");
        try (OutputStream o = Files.newOutputStream(npz); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("arr_0.npy"));
            z.write(Files.readAllBytes(npy));
        }
        ArraySource s = NdataReader.open(npz);
        assertEquals(d, s.descriptor());
        assertTrue(s.metadataJson().contains("\"npz\""), s.metadataJson());
        assertArrayEquals(data, SourceAssertions.readAll(s));
    }

    @Test
    void empadDropsMetadataRowsAndReadsScanFromXml() throws Exception {
        int frames = 6;
        ByteBuffer raw = ByteBuffer.allocate(frames * 130 * 128 * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer expect = ByteBuffer.allocate(frames * 128 * 128 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < 130 * 128; i++) {
                float v = i < 128 * 128 ? f * 1000 + i * 0.25f : -1e9f;
                raw.putFloat(v);
                if (i < 128 * 128) {
                    expect.putFloat(v);
                }
            }
        }
        Path rawFile = Files.write(dir.resolve("scan_x3_y2.raw"), raw.array());
        Files.writeString(dir.resolve("acq.xml"), "<root><raw_file filename=\"C:\\data\\scan_x3_y2.raw\"/>"
                + "<scan_parameters mode=\"acquire\"><scan_resolution_x>3</scan_resolution_x>"
                + "<scan_resolution_y>2</scan_resolution_y></scan_parameters></root>");
        ArraySource s = EmpadReader.open(rawFile, null, null);
        assertArrayEquals(new long[] {2, 3, 128, 128}, s.descriptor().shape());
        assertArrayEquals(expect.array(), SourceAssertions.readAll(s));
        ArraySource viaXml = EmpadReader.open(dir.resolve("acq.xml"), null, null);
        assertEquals(s.descriptor(), viaXml.descriptor());
        viaXml.close();
        assertEquals(java.util.List.of(dir.resolve("acq.xml"), rawFile), EmpadReader.files(dir.resolve("acq.xml")));
        assertEquals(java.util.List.of(dir.resolve("acq.xml"), rawFile), EmpadReader.files(rawFile));

        Files.write(rawFile, java.util.Arrays.copyOf(raw.array(), raw.capacity() - 10));
        assertThrows(CorruptInputException.class, () -> EmpadReader.open(rawFile, null, null));
    }
}
