package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stemz.hdf5.ChunkCodec;
import org.stemz.hdf5.DatasetModels;
import org.stemz.hdf5.FilterParameters;

/**
 * HDF5 layout 2: a model learned once from the whole dataset and stored in cd_values; each chunk holds only its
 * coded frames. One frame per chunk then costs about what the frame costs inside an archive.
 */
class DatasetModelChunkTest {
    private static byte[] frames(ArrayDescriptor d, long seed) {
        return TestArrays.of(d, TestArrays.diffraction(d, seed, 2));
    }

    private static int[] layout2(ArrayDescriptor d, byte[] data, long... chunk) throws Exception {
        int frameBytes = d.framePixels() * d.type().size();
        byte[] model = DatasetModels.learn(d.type(), d.order(), d.frameHeight(), d.frameWidth(),
                c -> c.accept(data, 0, data.length / frameBytes));
        return FilterParameters.of(d.type(), d.order(), chunk).withModel(model).toCdValues();
    }

    @Test
    void everyOneFrameChunkRoundTripsThroughCdValues() throws Exception {
        for (DataType t : DataType.values()) {
            ArrayDescriptor d = TestArrays.shape(t, ByteOrder.LITTLE_ENDIAN, 12, 9, 7);
            byte[] data = frames(d, t.code());
            int[] cd = layout2(d, data, 1, 9, 7);
            assertEquals(FilterParameters.MODEL_LAYOUT_VERSION, FilterParameters.parse(cd).layoutVersion());
            int frameBytes = 9 * 7 * t.size();
            for (int f = 0; f < 12; f++) {
                byte[] frame = Arrays.copyOfRange(data, f * frameBytes, (f + 1) * frameBytes);
                byte[] coded = ChunkCodec.encode(cd, frame, frame.length, 1);
                assertArrayEquals(frame, ChunkCodec.decode(cd, coded, 1), t + " frame " + f);
            }
        }
    }

    @Test
    void blankFramesAndBlocksOfFramesRoundTrip() throws Exception {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 8, 16, 12);
        byte[] data = frames(d, 5);
        int[] cd = layout2(d, data, 4, 16, 12);
        byte[] block = Arrays.copyOf(data, 4 * 16 * 12 * 2);
        Arrays.fill(block, 2 * 16 * 12 * 2, 3 * 16 * 12 * 2, (byte) 0); // an edge chunk's padding frame
        assertArrayEquals(block, ChunkCodec.decode(cd, ChunkCodec.encode(cd, block, block.length, 1), 1));
    }

    @Test
    void corruptChunksAndModelsAreTypedErrors() throws Exception {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 8, 16, 12);
        byte[] data = frames(d, 6);
        int[] cd = layout2(d, data, 1, 16, 12);
        byte[] frame = Arrays.copyOf(data, 16 * 12 * 2);
        byte[] coded = ChunkCodec.encode(cd, frame, frame.length, 1);
        for (int i = 0; i < coded.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = coded.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThrows(StemzException.class, () -> ChunkCodec.decode(cd, bad, 1), "byte " + i + " bit " + bit);
            }
        }
        int[] badModel = cd.clone();
        badModel[badModel.length - 1] ^= 1;
        assertThrows(FilterConfigException.class, () -> ChunkCodec.decode(badModel, coded, 1));
        // a chunk the model was not learned from: refused at encoding, never stored wrong
        byte[] other = frame.clone();
        other[0] = (byte) 0xFF;
        other[1] = (byte) 0xFF;
        assertThrows(FilterConfigException.class, () -> ChunkCodec.encode(cd, other, other.length, 1));
    }

    /** Issue 9 acceptance: a srtio3_merlin frame alone costs within 3% of its share of the archive. */
    @Test
    void oneFrameChunksOfSrTiO3CostWithinThreePercentOfTheArchive() throws Exception {
        Path root = SharedData.root();
        assumeTrue(root != null && root.resolve("sim/srtio3_merlin").toFile().isDirectory(), "shared data absent");
        Npy npy = SharedData.load(root.resolve("sim/srtio3_merlin"));
        ArrayDescriptor d = npy.descriptor;
        long frames = d.frames();
        byte[] archive = StemzCodec.compress(d, npy.data);
        int[] cd = layout2(d, npy.data, 1, d.frameHeight(), d.frameWidth());
        int frameBytes = d.framePixels() * d.type().size();
        long total = 0;
        for (int f = 0; f < frames; f++) {
            byte[] frame = Arrays.copyOfRange(npy.data, f * frameBytes, (f + 1) * frameBytes);
            byte[] coded = ChunkCodec.encode(cd, frame, frame.length, 1);
            if (f % 97 == 0) {
                assertArrayEquals(frame, ChunkCodec.decode(cd, coded, 1));
            }
            total += coded.length;
        }
        double ratio = (double) total / archive.length;
        System.out.printf("srtio3_merlin: %d one-frame chunks %d bytes, archive %d bytes (%.4f)%n", frames, total,
                archive.length, ratio);
        assertTrue(ratio < 1.03, "one-frame chunks take " + ratio + " x the archive");
    }
}
