package org.stemz.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.filter.Filter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
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
        // the native plugin passes a reused array that may be longer than the chunk: the rest is ignored
        byte[] scratch = Arrays.copyOf(chunk, chunk.length + 100);
        Arrays.fill(scratch, chunk.length, scratch.length, (byte) 0x77);
        assertArrayEquals(coded, ChunkCodec.encode(cd, scratch, chunk.length, 2));
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
    void blankFramesOfEdgeChunksCostAlmostNothing() {
        // A 4x4 block of 8x8 uint16 frames at the scan edge: HDF5 fills the out-of-dataset frames with zeros.
        int frames = 16;
        int frameBytes = 8 * 8 * 2;
        int[] cd = FilterParameters.of(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 4, 4, 8, 8).toCdValues();
        byte[] full = poisson(frames * frameBytes, 4);
        byte[] edge = full.clone();
        for (int f = 0; f < frames; f++) {
            if (f % 4 == 3 || f >= 12) { // last scan column and last scan row lie outside the dataset
                java.util.Arrays.fill(edge, f * frameBytes, (f + 1) * frameBytes, (byte) 0);
            }
        }
        byte[] coded = ChunkCodec.encode(cd, edge, edge.length, 1);
        assertArrayEquals(edge, ChunkCodec.decode(cd, coded, 1));
        byte[] nineFrames = new byte[9 * frameBytes];
        for (int f = 0, k = 0; f < 12; f++) {
            if (f % 4 != 3) {
                System.arraycopy(edge, f * frameBytes, nineFrames, k++ * frameBytes, frameBytes);
            }
        }
        int[] cd9 = FilterParameters.of(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 9, 8, 8).toCdValues();
        int nineCoded = ChunkCodec.encode(cd9, nineFrames, nineFrames.length, 1).length;
        assertEquals(true, coded.length <= nineCoded + 2, coded.length + " bytes vs " + nineCoded + " for the 9 real frames");

        byte[] blank = new byte[frames * frameBytes];
        byte[] codedBlank = ChunkCodec.encode(cd, blank, blank.length, 1);
        assertEquals(1 + 1 + 2 + 4, codedBlank.length, "version, frame count, map, checksum and no stream");
        assertArrayEquals(blank, ChunkCodec.decode(cd, codedBlank, 1));
    }

    @Test
    void decodesFromAReusedArrayIntoADirectBufferThatHoldsGarbage() {
        // The native plugin decodes into memory from H5allocate_memory, which is not cleared: every byte of the
        // chunk must be written, blank frames included, wherever they lie, and nothing beyond the chunk.
        int frames = 10;
        int frameBytes = 6 * 5 * 4;
        int[] cd = FilterParameters.of(DataType.FLOAT32, ByteOrder.LITTLE_ENDIAN, frames, 6, 5).toCdValues();
        Random r = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            byte[] chunk = poisson(frames * frameBytes, trial);
            for (int f = 0; f < frames; f++) {
                if (trial == 0 || r.nextInt(3) == 0) { // trial 0: every frame blank
                    java.util.Arrays.fill(chunk, f * frameBytes, (f + 1) * frameBytes, (byte) 0);
                }
            }
            byte[] coded = ChunkCodec.encode(cd, chunk, chunk.length, 1);
            ByteBuffer out = ByteBuffer.allocateDirect(chunk.length + 3);
            while (out.hasRemaining()) {
                out.put((byte) 0xA5);
            }
            out.position(7); // ignored: the chunk always starts at byte 0
            // the payload sits at the start of a larger, reused array (the plugin's scratch): the rest is ignored
            byte[] scratch = Arrays.copyOf(coded, coded.length + 1 + trial);
            Arrays.fill(scratch, coded.length, scratch.length, (byte) 0x5A);
            ChunkCodec.decode(cd, scratch, coded.length, out, 2);
            byte[] decoded = new byte[chunk.length + 3];
            out.get(0, decoded);
            assertArrayEquals(chunk, Arrays.copyOf(decoded, chunk.length), "trial " + trial);
            assertArrayEquals(new byte[] {(byte) 0xA5, (byte) 0xA5, (byte) 0xA5},
                    Arrays.copyOfRange(decoded, chunk.length, decoded.length), "bytes after the chunk, trial " + trial);
            assertEquals(7, out.position());
        }
        byte[] coded = ChunkCodec.encode(cd, new byte[frames * frameBytes], frames * frameBytes, 1);
        assertThrows(FilterConfigException.class,
                () -> ChunkCodec.decode(cd, coded, coded.length, ByteBuffer.allocateDirect(frames * frameBytes - 1), 1));
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
