package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.StemzCodec;

/** Few frames: the encoder compares a model that stores every pixel minimum with one that stores only those worth it. */
class ModelChoiceTest {
    private static final int H = 24;
    private static final int W = 20;

    /** uint16 frames: pixel p holds a fixed offset in [offset, offset + spread) plus Poisson-like counts of mean {@code mean}. */
    private static byte[] frames(int frames, int offset, int spread, double mean, long seed) {
        Random r = new Random(seed);
        int[] pixelOffset = new int[H * W];
        for (int p = 0; p < pixelOffset.length; p++) {
            pixelOffset[p] = offset + r.nextInt(spread);
        }
        ByteBuffer b = ByteBuffer.allocate(frames * H * W * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int p = 0; p < H * W; p++) {
                int counts = 0;
                for (double t = -Math.log(r.nextDouble()); t < mean; t -= Math.log(r.nextDouble())) {
                    counts++;
                }
                b.putShort((short) (pixelOffset[p] + counts));
            }
        }
        return b.array();
    }

    private static PixelStatistics statistics(byte[] data, int frames) {
        PixelStatistics s = new PixelStatistics(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, H, W);
        s.add(data, 0, frames);
        return s;
    }

    private static long[] chosenBases(byte[] data, int frames) {
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, frames, H, W);
        byte[] archive = StemzCodec.compress(d, data);
        assertArrayEquals(data, StemzCodec.decompress(archive).data());
        try (ArchiveReader r = ArchiveReader.of(archive)) {
            return r.header().model().pixels().base;
        }
    }

    @Test
    void fewFramesGetASecondCandidateWhoseBasesAreTheMinimumOrZero() {
        byte[] data = frames(8, 3, 5, 20, 1);
        List<PixelModel> candidates = statistics(data, 8).candidateModels();
        // bases (minima, or those worth storing) x levels (own, flat) x maps (constant pixels and zero groups, none)
        assertEquals(8, candidates.size());
        long[] minima = candidates.get(0).base;
        long[] cheap = candidates.get(4).base;
        assertTrue(candidates.get(2).level[0] == candidates.get(2).level[candidates.get(2).level.length - 1]);
        assertEquals(0, candidates.get(1).constantPixels());
        int zeroed = 0;
        for (int p = 0; p < minima.length; p++) {
            assertTrue(cheap[p] == minima[p] || cheap[p] == 0, "pixel " + p);
            zeroed += cheap[p] == 0 && minima[p] > 0 ? 1 : 0;
        }
        assertTrue(zeroed > minima.length / 2, "only " + zeroed + " small minima dropped");
    }

    @Test
    void manyFramesKeepOneCandidate() {
        assertEquals(1, statistics(frames(33, 3, 5, 20, 2), 33).candidateModels().size());
    }

    /** Model plus chunk bytes when coded with {@code pm}. */
    private static int codedBytes(PixelModel pm, byte[] data, int frames) {
        SampleFormat format = new SampleFormat(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, CodingMode.INT);
        ChunkEncoder.Analysis a = ChunkEncoder.analyse(pm, format, data, 0, frames);
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(a, counts);
        Model m = Model.fromCounts(pm, counts);
        return ModelCodec.write(m).length + ChunkEncoder.encode(a, m).length;
    }

    @Test
    void theEncoderKeepsTheCandidateThatCodesSmallest() {
        // minima of 3-7 under means of 20 counts, and a dark offset of 1000-1004 under 2 counts of noise
        for (int[] c : new int[][] {{3, 5, 20}, {1000, 5, 2}, {40, 200, 3}, {0, 1, 5}}) {
            for (int frames : new int[] {2, 8, 32}) {
                byte[] data = frames(frames, c[0], c[1], c[2], frames * 31L + c[0]);
                List<PixelModel> candidates = statistics(data, frames).candidateModels();
                long[] chosen = chosenBases(data, frames);
                int smallest = Integer.MAX_VALUE;
                int chosenBytes = Integer.MAX_VALUE;
                for (PixelModel candidate : candidates) {
                    int bytes = codedBytes(candidate, data, frames);
                    smallest = Math.min(smallest, bytes);
                    if (java.util.Arrays.equals(candidate.base, chosen)) {
                        chosenBytes = Math.min(chosenBytes, bytes);
                    }
                }
                // the encoder compares estimated bits, so a candidate within a few bytes of the smallest may win
                assertTrue(chosenBytes <= smallest + 2 + smallest / 1000, "offset " + c[0] + ", spread " + c[1]
                        + ", mean " + c[2] + ", " + frames + " frames: chose " + chosenBytes + " bytes, smallest "
                        + smallest);
            }
        }
    }

    @Test
    void aDarkOffsetIsAlwaysWorthItsBase() {
        // dropping a base of 1000 would add about 8 raw bits to every value
        long[] dark = chosenBases(frames(8, 1000, 5, 2, 4), 8);
        assertTrue(java.util.Arrays.stream(dark).allMatch(b -> b >= 1000), "dark offset dropped");
    }
}
