package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stemz.codec.ByteSource;
import org.stemz.codec.CodingMode;

class RoundTripTest {
    private static final ByteOrder[] ORDERS = {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN};

    /** Compresses, decompresses on 1 and 3 threads, and checks the bytes, descriptor and metadata come back. */
    static byte[] roundTrip(ArrayDescriptor d, byte[] data, CodecOptions options) {
        byte[] z = StemzCodec.compress(d, data, options);
        for (int threads : new int[] {1, 3}) {
            DecodedArray back = StemzCodec.decompress(z, threads);
            assertEquals(d, back.descriptor());
            assertArrayEquals(data, back.data(), () -> "round trip of " + d);
            assertEquals(options.metadata(), back.metadata());
        }
        // A direct buffer (the HDF5 plugin's) takes other code paths than a heap array; offset by 3 bytes.
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(data.length + 3).position(3);
        ArchiveReader.of(z).readAll(direct, 2);
        byte[] back = new byte[data.length];
        direct.get(3, back);
        assertArrayEquals(data, back, () -> "decoding of " + d + " into a direct buffer");
        return z;
    }

    static byte[] roundTrip(ArrayDescriptor d, byte[] data) {
        return roundTrip(d, data, CodecOptions.defaults().withFramesPerChunk(3).withThreads(2));
    }

    static CodingMode modeOf(byte[] archive) {
        return ArchiveHeader.read(new ByteSource(archive)).model().mode();
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void everyTypeAndByteOrderRoundTrips(DataType type) {
        for (ByteOrder order : ORDERS) {
            ArrayDescriptor d = TestArrays.shape(type, order, 2, 3, 9, 11);
            LongUnaryOperator counts = TestArrays.diffraction(d, 7, 20);
            byte[] z = roundTrip(d, TestArrays.of(d, counts));
            assertEquals(CodingMode.INT, modeOf(z), "integer-valued data use the integer path");
            // Negative values too, where the type has them.
            LongUnaryOperator signed = type.isSigned() ? i -> counts.applyAsLong(i) - 60 : counts;
            roundTrip(d, TestArrays.of(d, signed));
        }
    }

    @Test
    void edgeShapesRoundTrip() {
        long[][] shapes = {{0, 4, 4}, {1, 4, 4}, {3, 0, 5}, {5, 1, 1}, {2, 3, 517}, {7, 1, 13}, {4, 13, 1}, {1, 1},
            {3, 3}, {2, 2, 2, 3, 5}};
        for (long[] shape : shapes) {
            ArrayDescriptor d = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, shape);
            roundTrip(d, TestArrays.of(d, TestArrays.diffraction(d, 3, 5)));
        }
    }

    @Test
    void constantArraysRoundTripAndCostAlmostNothing() {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 64, 32, 32);
        byte[] zeros = roundTrip(d, TestArrays.of(d, i -> 0));
        byte[] saturated = roundTrip(d, TestArrays.of(d, i -> 65535));
        // 1% of the raw size, plus what version 2 adds per chunk by design (22 chunks of 3 frames): the 16-byte
        // record prefix, the flags byte and the model-chunk field of the index entry.
        long raw = d.byteSize();
        long bound = raw / 100 + 22 * (ChunkRecord.PREFIX_BYTES + 1 + 4);
        assertEquals(true, zeros.length < bound, "all-zero: " + zeros.length + " bytes, bound " + bound);
        assertEquals(true, saturated.length < bound, "saturated: " + saturated.length + " bytes, bound " + bound);
    }

    @Test
    void hotDeadAndMaskedPixelsRoundTrip() {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT32, ByteOrder.LITTLE_ENDIAN, 6, 7, 16, 16);
        LongUnaryOperator base = TestArrays.diffraction(d, 11, 3);
        roundTrip(d, TestArrays.of(d, i -> switch ((int) (i % 256)) {
            case 17 -> 0xFFFF_FFFFL; // masked
            case 40 -> 0; // dead
            case 99 -> 4_000_000 + i % 977; // hot
            default -> base.applyAsLong(i);
        }));
    }

    @Test
    void fullRangeIntegersRoundTrip() {
        Random r = new Random(5);
        for (DataType t : new DataType[] {DataType.UINT32, DataType.INT32, DataType.UINT8, DataType.INT16}) {
            ArrayDescriptor d = TestArrays.shape(t, ByteOrder.BIG_ENDIAN, 5, 8, 8);
            long span = 1L << (8 * t.size());
            long min = t.isSigned() ? -span / 2 : 0;
            roundTrip(d, TestArrays.of(d, i -> i % 3 == 0 ? min : i % 3 == 1 ? min + span - 1
                    : min + (r.nextLong() & Long.MAX_VALUE) % span));
        }
    }

    @Test
    void nonIntegerFloatsWithSpecialValuesRoundTripBitExactly() {
        long[] specials32 = {0x8000_0000L, 0x7FC0_0001L, 0xFFC1_2345L, 0x7F80_0000L, 0xFF80_0000L, 0x0000_0001L,
            0x807F_FFFFL, 0x3F80_0000L, 0x3EAA_AAABL};
        long[] specials64 = {0x8000_0000_0000_0000L, 0x7FF8_0000_0000_0001L, 0x7FF0_0000_0000_0000L,
            0xFFF0_0000_0000_0000L, 1L, 0x3FF5_5555_5555_5555L};
        Random r = new Random(9);
        for (ByteOrder order : ORDERS) {
            ArrayDescriptor f32 = TestArrays.shape(DataType.FLOAT32, order, 5, 6, 7);
            byte[] z = roundTrip(f32, TestArrays.ofBits(f32, i -> i % 5 == 0 ? specials32[(int) (i % specials32.length)]
                    : Float.floatToRawIntBits((float) (r.nextGaussian() * 3))));
            assertEquals(CodingMode.FLOAT32, modeOf(z));
            ArrayDescriptor f64 = TestArrays.shape(DataType.FLOAT64, order, 5, 6, 7);
            z = roundTrip(f64, TestArrays.ofBits(f64, i -> i % 5 == 0 ? specials64[(int) (i % specials64.length)]
                    : Double.doubleToRawLongBits(r.nextGaussian() * 3)));
            assertEquals(CodingMode.FLOAT64, modeOf(z));
        }
    }

    /** Random bit patterns put over 256 tokens in one table: the decoder's compact float tables cannot hold that. */
    @Test
    void floatsWithTooManyTokensForTheCompactTablesRoundTrip() {
        Random r = new Random(3);
        ArrayDescriptor d = TestArrays.shape(DataType.FLOAT32, ByteOrder.LITTLE_ENDIAN, 400, 4, 4);
        byte[] z = roundTrip(d, TestArrays.ofBits(d, i -> r.nextInt() & 0xFFFF_FFFFL));
        assertEquals(CodingMode.FLOAT32, modeOf(z));
    }

    @Test
    void negativeZeroKeepsItsSignAndForcesTheFloatPath() {
        ArrayDescriptor d = TestArrays.shape(DataType.FLOAT32, ByteOrder.LITTLE_ENDIAN, 3, 4, 4);
        byte[] z = roundTrip(d, TestArrays.ofBits(d, i -> i == 7 ? 0x8000_0000L : Float.floatToRawIntBits(i % 4)));
        assertEquals(CodingMode.FLOAT32, modeOf(z));
    }

    @Test
    void integerFloatsWithHugeRangeUseTheFloatPath() {
        ArrayDescriptor d = TestArrays.shape(DataType.FLOAT64, ByteOrder.LITTLE_ENDIAN, 4, 3, 3);
        byte[] z = roundTrip(d, TestArrays.of(d, i -> i % 2 == 0 ? 0 : 1L << 40));
        assertEquals(CodingMode.FLOAT64, modeOf(z));
        ArrayDescriptor f = TestArrays.shape(DataType.FLOAT32, ByteOrder.LITTLE_ENDIAN, 4, 3, 3);
        assertEquals(CodingMode.INT, modeOf(roundTrip(f, TestArrays.of(f, i -> i * 1000 - 7)))); 
    }

    @Test
    void metadataAndChunkingOptionsRoundTrip() {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, 10, 5, 5);
        byte[] data = TestArrays.of(d, TestArrays.diffraction(d, 1, 4));
        for (int fpc : new int[] {1, 2, 7, 10, 64}) {
            roundTrip(d, data, CodecOptions.defaults().withFramesPerChunk(fpc).withMetadata("{\"µ\": \"Å\"}"));
        }
    }

    @Test
    void encodingIsDeterministicWhateverTheThreadCount() {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 12, 16, 16);
        byte[] data = TestArrays.of(d, TestArrays.diffraction(d, 2, 30));
        byte[] one = StemzCodec.compress(d, data, CodecOptions.defaults().withFramesPerChunk(2).withThreads(1));
        byte[] four = StemzCodec.compress(d, data, CodecOptions.defaults().withFramesPerChunk(2).withThreads(4));
        assertArrayEquals(one, four);
    }

    @Test
    void wrongDataLengthIsRejected() {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 2, 4, 4);
        StemzException e = assertThrows(StemzException.class, () -> StemzCodec.compress(d, new byte[63]));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
