package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.CorruptInputException;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.StemzCodec;

/** Version 2 INT models take 10- or 11-bit tables when those cost at most 0.25%; the parser accepts 10 to 12 only. */
class TableScaleTest {
    private static final int H = 16;
    private static final int W = 16;

    private static PixelModel intModel(int scaleBits) {
        int pixels = H * W;
        return new PixelModel(2, scaleBits, CodingMode.INT, H, W, new long[pixels], new int[pixels],
                new boolean[pixels], new boolean[H * (W / PixelModel.GROUP)]);
    }

    /** Counts of a geometric token distribution in context 0 of the pixel tables. */
    private static long[] geometricCounts(PixelModel pm, long total) {
        long[] counts = new long[pm.tableCells()];
        for (int t = 0; t < 6; t++) {
            counts[t] = Math.max(1, total >> (t + 1));
        }
        return counts;
    }

    @Test
    void smoothTablesTakeTheSmallestScaleAndRareTokensKeepTwelveBits() {
        PixelModel pm = intModel(12);
        Model smooth = Model.fromCounts(pm, geometricCounts(pm, 1 << 20));
        assertEquals(10, smooth.pixels.scaleBits);
        assertEquals(1 << 10, java.util.Arrays.stream(smooth.tables[0].freq).sum());
        // one token in 5000: a 10-bit table would give it 1/1024, costing the common token more than 0.25%
        long[] skewed = new long[pm.tableCells()];
        skewed[0] = 5_000_000;
        skewed[1] = 1_000;
        Model m = Model.fromCounts(pm, skewed);
        assertEquals(12, m.pixels.scaleBits);
        assertTrue(rescaled(m, skewed, 10).codedBits(skewed) > 1.0025 * m.codedBits(skewed));
    }

    @Test
    void parserAcceptsTenToTwelveBitsInIntModeOnly() {
        PixelModel pm = intModel(10);
        long[] counts = geometricCounts(pm, 1 << 16);
        for (int bits = 10; bits <= 12; bits++) {
            byte[] packed = ModelCodec.write(rescaled(new Model(pm, null), counts, bits));
            Model read = ModelCodec.read(new ByteSource(packed), H, W, 2);
            assertEquals(bits, read.pixels.scaleBits);
        }
        for (int bits : new int[] {9, 13}) {
            Model m = rescaled(new Model(pm, null), counts, bits);
            byte[] packed = ModelCodec.write(m);
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> ModelCodec.read(new ByteSource(packed), H, W, 2));
            assertEquals(ErrorCode.BAD_MODEL, e.code());
            assertTrue(e.getMessage().contains("scale bits " + bits), e.getMessage());
        }
    }

    /** The model's pixels with tables normalised to exactly {@code bits}. */
    private static Model rescaled(Model m, long[] counts, int bits) {
        PixelModel pm = m.pixels.withScaleBits(bits);
        FrequencyTable[] tables = new FrequencyTable[pm.tableContexts()];
        long[] row = java.util.Arrays.copyOf(counts, pm.mode.alphabet);
        tables[0] = FrequencyTable.normalize(row, bits);
        return new Model(pm, tables);
    }

    @Test
    void denseFramesRoundTripWithSmallTables() {
        Random r = new Random(7);
        int frames = 40;
        ByteBuffer b = ByteBuffer.allocate(frames * H * W * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames * H * W; i++) {
            b.putShort((short) (r.nextInt(3) == 0 ? 0 : 1 + (int) Math.abs(r.nextGaussian() * 30)));
        }
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, frames, H, W);
        byte[] archive = StemzCodec.compress(d, b.array());
        try (ArchiveReader reader = ArchiveReader.of(archive)) {
            assertTrue(reader.header().model().pixels().scaleBits < 12, "dense frames keep 12-bit tables");
        }
        assertArrayEquals(b.array(), StemzCodec.decompress(archive).data());
    }
}
