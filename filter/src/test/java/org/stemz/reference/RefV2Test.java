package org.stemz.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DataType;
import org.stemz.StemzCodec;

/**
 * The version-2 coded frames of archives written by the encoder, decoded by {@link RefV2} (written from
 * SPEC-V2-CODING.md alone) chunk by chunk, give the same bytes as the archive's decoder: every dtype, frame shapes
 * that are not multiples of the band (4 rows) or group (4 pixels) size, sparse data (constant pixels and zero
 * groups), dense data, few frames (the other candidate models) and many.
 */
class RefV2Test {
    @ParameterizedTest
    @CsvSource({
        "UINT16, 40, 17, 13, 0.05", "UINT16, 9, 32, 32, 3.0", "UINT8, 5, 3, 2, 0.5", "UINT32, 60, 8, 11, 0.02",
        "INT16, 33, 7, 9, 2.0", "INT32, 3, 1, 12, 1.0", "FLOAT32, 20, 6, 5, 4.0", "FLOAT64, 20, 5, 6, 0.3",
        "UINT16, 64, 4, 4, 0.01", "UINT16, 2, 1, 1, 1.0"})
    void referenceDecodesEveryChunkAsTheDecoder(DataType type, int frames, int h, int w, double dose) {
        ArrayDescriptor d = new ArrayDescriptor(type, ByteOrder.LITTLE_ENDIAN, frames, h, w);
        byte[] data = diffraction(d, dose, frames * 7L + h);
        byte[] archive = StemzCodec.compress(d, data, CodecOptions.defaults().withFramesPerChunk(16));
        try (ArchiveReader r = ArchiveReader.of(archive)) {
            assertEquals(2, r.header().version());
            RefV2.Model m = RefV2.readModel(r.header().modelData(), h, w);
            int frameBytes = h * w * type.size();
            for (int c = 0; c < r.chunkCount(); c++) {
                int at = (int) r.index().offset(c);
                int length = (int) r.index().length(c);
                assertEquals(0, archive[at + 16], "chunk " + c + " uses the header model");
                int g = r.header().framesInChunk(c);
                byte[] ref = RefV2.decodeFrames(archive, at + 17, length - 17, g, h, w, m, type.code(), false,
                        type.size());
                int first = c * 16 * frameBytes;
                assertArrayEquals(Arrays.copyOfRange(data, first, first + g * frameBytes), ref, "chunk " + c);
            }
        }
    }

    /** A bright disk over a sparse background; floats get fractions on odd frames so both float paths occur. */
    private static byte[] diffraction(ArrayDescriptor d, double dose, long seed) {
        Random rnd = new Random(seed);
        int h = d.frameHeight();
        int w = d.frameWidth();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) d.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (long f = 0; f < d.frames(); f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double r2 = Math.pow(y - h / 2.0, 2) + Math.pow(x - w / 2.0, 2);
                    double mean = (r2 < h * w / 16.0 ? 50 : 1) * dose;
                    long v = Math.round(-Math.log(1 - rnd.nextDouble()) * mean * 0.5 + rnd.nextDouble() * mean * 0.5);
                    switch (d.type()) {
                        case UINT8, INT8 -> b.put((byte) Math.min(v, 127));
                        case UINT16, INT16 -> b.putShort((short) Math.min(v, 30000));
                        case UINT32, INT32 -> b.putInt((int) (x == 0 && y == 0 ? 0xFFFFFFFF : v));
                        case FLOAT32 -> b.putFloat(f % 2 == 1 && seed % 2 == 0 ? v + 0.25f : v);
                        case FLOAT64 -> b.putDouble(v * 1.5);
                    }
                }
            }
        }
        return b.array();
    }
}
