package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.filter.Filter;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.stemz.DataType;
import org.stemz.FilterConfigException;
import org.stemz.StemzException;

class ChunkCodecTest {
    private static byte[] poisson(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(5) : 0);
        }
        return b;
    }

    @Test
    void roundTripsChunksThatAreNotWholeFrames() {
        // a chunk of 3 x 5 x 7 int16 values: its own last two axes are the frame
        int[] cd = FilterParameters.of(DataType.INT16, ByteOrder.LITTLE_ENDIAN, 3, 5, 7).toCdValues();
        byte[] chunk = poisson(3 * 5 * 7 * 2, 1);
        byte[] coded = ChunkCodec.encode(cd, chunk, chunk.length, 2);
        assertArrayEquals(chunk, ChunkCodec.decode(cd, coded, 2));
    }

    @Test
    void rejectsWrongChunkSizeAndMismatchedStream() {
        int[] cd = FilterParameters.of(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, 4, 16, 16).toCdValues();
        byte[] chunk = poisson(4 * 16 * 16, 2);
        assertThrows(FilterConfigException.class, () -> ChunkCodec.encode(cd, chunk, chunk.length - 1, 1));
        byte[] coded = ChunkCodec.encode(cd, chunk, chunk.length, 1);
        int[] other = FilterParameters.of(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 16, 16).toCdValues();
        assertThrows(FilterConfigException.class, () -> ChunkCodec.decode(other, coded, 1));
        coded[coded.length / 2] ^= 0x10;
        assertThrows(StemzException.class, () -> ChunkCodec.decode(cd, coded, 1));
    }

    @Test
    void jhdfFindsTheFilterThroughServiceLoader() {
        Filter f = StreamSupport.stream(ServiceLoader.load(Filter.class).spliterator(), false)
                .filter(x -> x.getId() == FilterParameters.FILTER_ID).findFirst().orElseThrow();
        int[] cd = FilterParameters.of(DataType.FLOAT32, ByteOrder.BIG_ENDIAN, 2, 8, 8).toCdValues();
        byte[] chunk = poisson(2 * 8 * 8 * 4, 3);
        assertArrayEquals(chunk, f.decode(f.encode(chunk, cd), cd));
        assertEquals("stemz", f.getName());
    }
}
