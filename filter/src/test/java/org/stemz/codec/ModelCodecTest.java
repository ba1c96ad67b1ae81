package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.CorruptInputException;
import org.stemz.DataType;
import org.stemz.ErrorCode;

/** The choice between predicted bases and bases coded as themselves (mode byte 16, SPEC-V2-CODING.md V2.1). */
class ModelCodecTest {
    private static final int H = 32;
    private static final int W = 32;

    /** A model learned from 3 int16 frames of {@code value(pixel, random)}. */
    private static Model model(java.util.function.IntBinaryOperator value) {
        Random r = new Random(5);
        ByteBuffer b = ByteBuffer.allocate(3 * H * W * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3 * H * W; i++) {
            b.putShort((short) value.applyAsInt(i % (H * W), r.nextInt(1 << 16)));
        }
        PixelStatistics stats = new PixelStatistics(DataType.INT16, ByteOrder.LITTLE_ENDIAN, H, W);
        stats.add(b.array(), 0, 3);
        PixelModel pm = stats.toPixelModel();
        SampleFormat format = new SampleFormat(DataType.INT16, ByteOrder.LITTLE_ENDIAN, pm.mode());
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(ChunkEncoder.analyse(pm, format, b.array(), 0, 3), counts);
        return Model.fromCounts(pm, counts);
    }

    private static int modeByte(byte[] packed) {
        return ByteRans.unpack(new ByteSource(packed), 1 << 20, "model", true)[0];
    }

    @Test
    void noisyBasesAreCodedAsThemselvesAndReadBack() {
        // a CCD dark level: minima near a few levels (-64, 0, 64, 128) at random, which neighbours do not predict
        Model m = model((p, r) -> 64 * ((p * 0x9E3779B1) >>> 30) - 64 + r % 3);
        byte[] packed = ModelCodec.write(m);
        assertEquals(16, modeByte(packed));
        Model read = ModelCodec.read(new ByteSource(packed), H, W, 2);
        assertArrayEquals(m.pixels.base, read.pixels.base);
        CorruptInputException e = assertThrows(CorruptInputException.class,
                () -> ModelCodec.read(new ByteSource(packed), H, W, 1));
        assertEquals(ErrorCode.RESERVED_VALUE, e.code(), "version 1 has no mode 16");
    }

    @Test
    void smoothBasesStayPredicted() {
        Model m = model((p, r) -> 1000 + p / W + (r & 1)); // minima rise by one a row: min(left, up) predicts them
        assertEquals(0, modeByte(ModelCodec.write(m)));
    }
}
