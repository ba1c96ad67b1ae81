package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.stemz.DataType;
import org.stemz.StemzException;

/**
 * The HDF5 filter entry (cd_values + one chunk's stream) on untrusted input: it may fail only with a
 * {@link StemzException}, never return wrong data. {@code mvn test} replays; {@code JAZZER_FUZZ=1} fuzzes.
 */
class FilterEntryFuzzTest {
    private static final int[] CD = FilterParameters.of(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 6, 5).toCdValues();
    private static final byte[] CHUNK = chunk();
    private static final byte[] STREAM = ChunkCodec.encode(CD, CHUNK, CHUNK.length, 1);

    private static byte[] chunk() {
        ByteBuffer b = ByteBuffer.allocate(2 * 6 * 5 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 60; i++) {
            b.putShort((short) (i % 7 == 0 ? 30 + i : i % 3));
        }
        return b.array();
    }

    /** Input: one byte n, n little-endian cd_values, then the stream. */
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        int n = in.hasRemaining() ? (in.get() & 0xFF) % 16 : 0;
        int[] cd = new int[Math.min(n, in.remaining() / 4)];
        for (int i = 0; i < cd.length; i++) {
            cd[i] = in.getInt();
        }
        byte[] stream = new byte[in.remaining()];
        in.get(stream);
        try {
            ChunkCodec.decode(cd, stream, 1);
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    @Test
    void everyFlippedBitOfAStreamIsRejected() {
        assertArrayEquals(CHUNK, ChunkCodec.decode(CD, STREAM, 1));
        for (int bit = 0; bit < STREAM.length * 8; bit++) {
            byte[] bad = STREAM.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(StemzException.class, () -> ChunkCodec.decode(CD, bad, 1), "bit " + bit);
        }
    }

    @Test
    void everyTruncationIsRejected() {
        for (int len = 0; len < STREAM.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(STREAM, len);
            assertThrows(StemzException.class, () -> ChunkCodec.decode(CD, cut, 1), "length " + len);
        }
    }
}
