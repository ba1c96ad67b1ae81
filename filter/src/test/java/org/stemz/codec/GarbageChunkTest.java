package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemz.CorruptInputException;
import org.stemz.DataType;

/**
 * The chunk and model parsers face bytes that passed no checksum (checksums are checked first in archives, but the
 * parsers must not rely on it): random input raises CorruptInputException or decodes to some data, never anything
 * else.
 */
class GarbageChunkTest {
    private static Model learn(DataType type, byte[] data, int frames, int h, int w) {
        PixelStatistics stats = new PixelStatistics(type, ByteOrder.LITTLE_ENDIAN, h, w);
        stats.add(data, 0, frames);
        PixelModel pm = stats.toPixelModel();
        SampleFormat format = new SampleFormat(type, ByteOrder.LITTLE_ENDIAN, pm.mode());
        long[] counts = new long[pm.tableCells()];
        ChunkEncoder.count(ChunkEncoder.analyse(pm, format, data, 0, frames), counts);
        return Model.fromCounts(pm, counts);
    }

    @Test
    void randomChunksNeverEscapeAsUntypedErrors() {
        Random r = new Random(42);
        for (DataType type : new DataType[] {DataType.UINT16, DataType.FLOAT32, DataType.FLOAT64}) {
            int frames = 3;
            int h = 5;
            int w = 6;
            byte[] data = new byte[frames * h * w * type.size()];
            r.nextBytes(data);
            Model model = learn(type, data, frames, h, w);
            SampleFormat format = new SampleFormat(type, ByteOrder.LITTLE_ENDIAN, model.mode());
            byte[] out = new byte[data.length];
            int failures = 0;
            for (int trial = 0; trial < 3000; trial++) {
                byte[] garbage = new byte[r.nextInt(200)];
                r.nextBytes(garbage);
                if (garbage.length > 0 && r.nextBoolean()) {
                    garbage[0] = (byte) r.nextInt(120); // a plausible rANS length
                }
                try {
                    ChunkDecoder.decode(model, format, garbage, 0, garbage.length, frames, java.nio.ByteBuffer.wrap(out), 0, 0);
                } catch (CorruptInputException e) {
                    failures++;
                }
            }
            assertTrue(failures > 2900, type + ": only " + failures + " of 3000 random chunks were rejected");
        }
    }

    @Test
    void randomModelsNeverEscapeAsUntypedErrors() {
        Random r = new Random(7);
        int rejected = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] garbage = new byte[r.nextInt(300)];
            r.nextBytes(garbage);
            if (garbage.length > 2) {
                garbage[0] = (byte) (garbage.length - 2); // plausible body length
                garbage[1] = (byte) r.nextInt(2); // stored or rANS
            }
            try {
                ModelCodec.read(new ByteSource(garbage), 4, 5);
            } catch (CorruptInputException e) {
                rejected++;
            }
        }
        assertEquals(3000, rejected);
    }
}
