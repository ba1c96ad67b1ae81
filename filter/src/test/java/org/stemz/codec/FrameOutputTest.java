package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.DataType;

/**
 * {@link FrameOutput} writes frames whose constant pixels come from a copy and whose coded pixels come in runs:
 * runs separated by more and by fewer constant pixels than merge, rows with no coded pixel, both byte orders, every
 * integer width, into heap and direct buffers at an offset. Frames with few constant pixels convert every value.
 */
class FrameOutputTest {
    private static final int H = 5;
    private static final int W = 70;

    /** Constant: columns 0-19 and 40-43, column 50, and the whole of row 2; the rest takes random values. */
    private static boolean constant(int y, int x) {
        return x < 20 || (x >= 40 && x < 44) || x == 50 || y == 2;
    }

    @Test
    void framesWithManyConstantPixelsDecodeBitExactly() {
        Random r = new Random(5);
        for (DataType type : new DataType[] {DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.INT16}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                int frames = 4;
                ByteBuffer b = ByteBuffer.allocate(frames * H * W * type.size()).order(order);
                for (int f = 0; f < frames; f++) {
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            int v = constant(y, x) ? 7 + x % 3 : r.nextInt(9);
                            switch (type.size()) {
                                case 1 -> b.put((byte) v);
                                case 2 -> b.putShort((short) (type.isSigned() ? v - 4 : v));
                                default -> b.putInt(v);
                            }
                        }
                    }
                }
                roundTrip(type, order, b.array(), frames, true);
            }
        }
    }

    @Test
    void framesWithFewConstantPixelsConvertEveryValue() {
        Random r = new Random(6);
        ByteBuffer b = ByteBuffer.allocate(3 * H * W * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3 * H * W; i++) {
            b.putShort((short) (i % (H * W) < 10 ? 3 : r.nextInt(50)));
        }
        roundTrip(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, b.array(), 3, false);
    }

    private static void roundTrip(DataType type, ByteOrder order, byte[] data, int frames, boolean copies) {
        PixelStatistics stats = new PixelStatistics(type, order, H, W);
        stats.add(data, 0, frames);
        PixelModel pm = stats.toPixelModel();
        String what = type + " " + order;
        assertEquals(2, pm.version(), what);
        SampleFormat format = new SampleFormat(type, order, pm.mode());
        assertEquals(copies, FrameOutput.of(pm, format).skipsConstantPixels(), what);
        ChunkEncoder.Analysis a = ChunkEncoder.analyse(pm, format, data, 0, frames);
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(a, counts);
        Model m = Model.fromCounts(pm, counts);
        byte[] chunk = ChunkEncoder.encode(a, m);
        int at = 13;
        for (ByteBuffer dst : new ByteBuffer[] {ByteBuffer.allocate(at + data.length),
            ByteBuffer.allocateDirect(at + data.length)}) {
            ChunkDecoder.decode(m, format, chunk, 0, chunk.length, frames, dst, at, 0);
            byte[] back = new byte[data.length];
            dst.get(at, back);
            assertArrayEquals(data, back, what + (dst.isDirect() ? ", direct" : ", heap"));
        }
    }
}
