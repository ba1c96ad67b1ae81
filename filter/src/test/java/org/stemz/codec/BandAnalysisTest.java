package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.DataType;

/**
 * The fast version-2 INT encoder ({@link BandAnalysis}, {@link RansEncoder#encodeChunk}) gives the symbols, raw
 * bits and chunk bytes of {@link ReferenceChunkEncoder}, on frames that reach every path: frame borders and
 * heights that are not a whole band, widths that leave pixels outside the zero groups, constant pixels, all-zero
 * and mixed zero groups, offsets up to 2^32 - 1 (neighbour sums past the context lookup table, the longest raw
 * fields), and chunks dense enough to outgrow the first raw-bit buffer. Every chunk also decodes back.
 */
class BandAnalysisTest {
    private static final int[][] SHAPES = {{1, 1}, {1, 6}, {2, 3}, {3, 4}, {4, 8}, {5, 7}, {7, 12}, {9, 13}, {8, 17},
        {13, 24}};

    /** Frames of {@code type}: sparse counts, some pixels constant, some hot; {@code dense}: no zeros at all. */
    private static byte[] frames(DataType type, int frames, int h, int w, boolean dense, Random r) {
        int pixels = h * w;
        long max = type == DataType.UINT8 ? 0xFF : type == DataType.UINT16 ? 0xFFFF : 0xFFFF_FFFFL;
        long[] constant = new long[pixels];
        for (int p = 0; p < pixels; p++) {
            constant[p] = r.nextInt(6) == 0 ? 1 + r.nextInt(3) : -1;
        }
        ByteBuffer b = ByteBuffer.allocate(frames * pixels * type.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int p = 0; p < pixels; p++) {
                long v;
                int pick = r.nextInt(20);
                if (dense) {
                    v = pick == 0 ? max - r.nextInt(3) : 1 + r.nextInt(pick < 10 ? 40 : 5000);
                    v = Math.min(v, max);
                } else if (constant[p] >= 0) {
                    v = constant[p];
                } else {
                    v = pick < 14 ? 0 : pick < 18 ? 1 + r.nextInt(3) : pick < 19 ? r.nextInt(300) : max - r.nextInt(2);
                }
                switch (type) {
                    case UINT8 -> b.put((byte) v);
                    case UINT16 -> b.putShort((short) v);
                    default -> b.putInt((int) v);
                }
            }
        }
        return b.array();
    }

    @Test
    void fastEncoderMatchesTheReferenceSymbolForSymbol() {
        Random r = new Random(2026_12_03);
        int models = 0;
        for (DataType type : new DataType[] {DataType.UINT8, DataType.UINT16, DataType.UINT32}) {
            for (int[] shape : SHAPES) {
                for (int frames : new int[] {1, 3, 40}) {
                    for (boolean dense : new boolean[] {false, true}) {
                        byte[] data = frames(type, frames, shape[0], shape[1], dense, r);
                        PixelStatistics stats = new PixelStatistics(type, ByteOrder.LITTLE_ENDIAN, shape[0], shape[1]);
                        stats.add(data, 0, frames);
                        for (PixelModel pm : stats.candidateModels()) {
                            if (pm.mode() == CodingMode.INT && pm.version() >= 2) {
                                check(pm, type, data, frames, type + " " + shape[0] + "x" + shape[1] + " x"
                                        + frames + (dense ? " dense" : " sparse"));
                                models++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(models > 100, "only " + models + " models checked");
    }

    private static void check(PixelModel pm, DataType type, byte[] data, int frames, String what) {
        SampleFormat format = new SampleFormat(type, ByteOrder.LITTLE_ENDIAN, pm.mode());
        ReferenceChunkEncoder.Symbols expected = ReferenceChunkEncoder.analyse(pm, format, data, 0, frames);
        ChunkEncoder.Analysis a = ChunkEncoder.analyse(pm, format, data, 0, frames);
        assertArrayEquals(expected.symbols(), java.util.Arrays.copyOf(a.symbols, a.count), what + ": symbols");
        assertArrayEquals(expected.raw(), a.raw, what + ": raw bits");
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(a, counts);
        Model m = Model.fromCounts(pm, counts);
        byte[] chunk = ChunkEncoder.encode(a, m);
        assertArrayEquals(ReferenceChunkEncoder.encode(expected.symbols(), expected.raw(), m), chunk,
                what + ": chunk bytes");
        byte[] back = new byte[data.length];
        ChunkDecoder.decode(m, format, chunk, 0, chunk.length, frames, ByteBuffer.wrap(back), 0, 0);
        assertArrayEquals(data, back, what + ": round trip");
    }
}
