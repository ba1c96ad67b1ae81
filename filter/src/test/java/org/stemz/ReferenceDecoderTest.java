package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stemz.reference.RefDecoder;
import org.stemz.reference.RefException;

/**
 * Differential test: the fast decoder against the reference decoder written from SPEC.md, on random arrays of every
 * dtype and shape edge, on the shared datasets, and on corrupt archives (same error code).
 */
class ReferenceDecoderTest {
    private static final DataType[] TYPES = DataType.values();

    static IntStream seeds() {
        return IntStream.range(0, 160);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomArraysDecodeIdentically(int seed) {
        Random r = new Random(seed);
        DataType type = TYPES[seed % TYPES.length];
        ByteOrder order = r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long[] shape = r.nextInt(4) == 0 ? new long[] {1 + r.nextInt(9), 1 + r.nextInt(11)}
                : new long[] {r.nextInt(4), 1 + r.nextInt(3), 1 + r.nextInt(9), 1 + r.nextInt(11)};
        ArrayDescriptor d = new ArrayDescriptor(type, order, shape);
        byte[] data = randomData(d, r, seed / TYPES.length % 5);
        CodecOptions options = CodecOptions.defaults().withThreads(1 + r.nextInt(2))
                .withFramesPerChunk(r.nextInt(4)).withMetadata(r.nextBoolean() ? "" : "{\"µ\":\"é" + seed + "\"}");
        byte[] archive = StemzCodec.compress(d, data, options);
        assertSameDecoding(archive, d, data, options.metadata());
    }

    /** Value patterns: 0 diffraction, 1 full range, 2 constant, 3 sparse hot pixels, 4 float bit patterns. */
    private static byte[] randomData(ArrayDescriptor d, Random r, int pattern) {
        long seed = r.nextLong();
        Random v = new Random(seed);
        return switch (pattern) {
            case 0 -> TestArrays.of(d, TestArrays.diffraction(d, seed, 0.5 + 50 * r.nextDouble()));
            case 1 -> d.type().isFloating() ? TestArrays.of(d, i -> v.nextInt(1 << 20) - (1 << 19))
                    : TestArrays.of(d, i -> v.nextLong());
            case 2 -> TestArrays.of(d, i -> 7);
            case 3 -> TestArrays.of(d, i -> v.nextInt(50) == 0 ? 200 + v.nextInt(50) : v.nextInt(2));
            default -> d.type().isFloating() ? TestArrays.ofBits(d, floatBits(d, v)) : TestArrays.of(d, i -> v.nextLong());
        };
    }

    private static LongUnaryOperator floatBits(ArrayDescriptor d, Random v) {
        long[] specials = d.type() == DataType.FLOAT32
                ? new long[] {0x80000000L, 0x7FC00001L, 0x7F800000L, 0x00000001L, Float.floatToRawIntBits(0.5f)}
                : new long[] {0x8000000000000000L, 0x7FF8000000000001L, 0x7FF0000000000000L, 1L,
                        Double.doubleToRawLongBits(0.25)};
        return i -> v.nextInt(4) == 0 ? specials[v.nextInt(specials.length)]
                : d.type() == DataType.FLOAT32 ? Float.floatToRawIntBits(v.nextFloat() * 100)
                : Double.doubleToRawLongBits(v.nextGaussian());
    }

    private static void assertSameDecoding(byte[] archive, ArrayDescriptor d, byte[] data, String metadata) {
        DecodedArray fast = StemzCodec.decompress(archive, 1);
        RefDecoder.Result ref = RefDecoder.decode(archive);
        assertArrayEquals(data, fast.data(), "fast decoder");
        assertArrayEquals(data, ref.data(), "reference decoder");
        assertEquals(d.type().code(), ref.dtype());
        assertEquals(d.order() == ByteOrder.BIG_ENDIAN, ref.bigEndian());
        assertArrayEquals(d.shape(), ref.shape());
        assertEquals(metadata, ref.metadata());
    }

    /** The first frames of each shared dataset (the reference decoder is slow), in chunks of 3 frames. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.stemz.SharedDatasetTest#datasets")
    void sharedDatasetsDecodeIdentically(Path dataset) throws IOException {
        Npy npy = SharedData.load(dataset);
        ArrayDescriptor full = npy.descriptor;
        long frameBytes = (long) full.framePixels() * full.type().size();
        int frames = (int) Math.min(full.frames(), Math.max(2, (1 << 19) / frameBytes));
        ArrayDescriptor d = new ArrayDescriptor(full.type(), full.order(), frames, full.frameHeight(),
                full.frameWidth());
        byte[] data = Arrays.copyOf(npy.data, (int) (frames * frameBytes));
        byte[] archive = StemzCodec.compress(d, data, CodecOptions.defaults().withFramesPerChunk(3));
        assertSameDecoding(archive, d, data, "");
    }

    /** Every truncation and every bit flip of a small archive: both decoders report the same error code. */
    @Test
    void corruptArchivesFailWithTheSameCode() {
        ArrayDescriptor d = new ArrayDescriptor(DataType.INT16, ByteOrder.BIG_ENDIAN, 5, 4, 6);
        byte[] archive = StemzCodec.compress(d, TestArrays.of(d, TestArrays.diffraction(d, 3, 9)),
                CodecOptions.defaults().withFramesPerChunk(2).withMetadata("{\"a\":1}"));
        for (int len = 0; len < archive.length; len++) {
            assertSameError(Arrays.copyOf(archive, len), "truncated to " + len);
        }
        BitFlips.each(archive, ReferenceDecoderTest::assertSameError);
        assertSameError(Arrays.copyOf(archive, archive.length + 5), "trailing bytes");
    }

    /** Random byte changes behind recomputed checksums reach the model and chunk parsers of both decoders. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedInputs")
    void forgedArchivesFailWithTheSameCode(DataType type) {
        ArrayDescriptor d = new ArrayDescriptor(type, ByteOrder.LITTLE_ENDIAN, 5, 7, 9);
        byte[] data = type.isFloating() ? TestArrays.ofBits(d, floatBits(d, new Random(5)))
                : TestArrays.of(d, TestArrays.diffraction(d, 11, 20));
        byte[] archive = StemzCodec.compress(d, data, CodecOptions.defaults().withFramesPerChunk(2));
        ArchiveForge forge = new ArchiveForge(archive);
        Random r = new Random(type.ordinal());
        int modelStart = 20 + 8 * 3 + 4;
        int chunksEnd = (int) forge.chunksEnd();
        for (int i = 0; i < 1500; i++) {
            byte[] a = archive.clone();
            // Half the changes in the model, half in the chunks.
            int at = r.nextBoolean() ? modelStart + r.nextInt(forge.headerBytes() - 4 - modelStart)
                    : forge.headerBytes() + r.nextInt(chunksEnd - forge.headerBytes());
            a[at] ^= (byte) (1 + r.nextInt(255));
            assertSameOutcome(forge.fix(a), "change at " + at);
        }
    }

    static Stream<DataType> forgedInputs() {
        return Stream.of(DataType.UINT16, DataType.INT8, DataType.FLOAT32, DataType.FLOAT64);
    }

    private static void assertSameOutcome(byte[] archive, String what) {
        byte[] fast;
        try {
            fast = StemzCodec.decompress(archive, 1).data();
        } catch (StemzException e) {
            assertSameError(archive, what);
            return;
        }
        assertArrayEquals(fast, RefDecoder.decode(archive).data(), what);
    }

    /** The conformance vectors beside this module: the reference decoder meets every expectation of the manifest. */
    @Test
    void referenceDecoderMeetsTheConformanceManifest() throws Exception {
        Path root = Path.of("").toAbsolutePath().resolveSibling("conformance");
        Path manifest = root.resolve("manifest.json");
        assumeTrue(Files.exists(manifest), "conformance/manifest.json not found");
        Matcher m = Pattern.compile("\"file\" : \"([^\"]+)\"[^}]*?\"expect\" : \\{"
                + "\\s*\"result\" : \"(ok|error)\",\\s*\"(decoded_sha256|code)\" : \"([^\"]+)\"")
                .matcher(Files.readString(manifest));
        int vectors = 0;
        while (m.find()) {
            vectors++;
            byte[] archive = Files.readAllBytes(root.resolve(m.group(1)));
            if (m.group(2).equals("ok")) {
                byte[] data = RefDecoder.decode(archive).data();
                assertEquals(m.group(4), HexFormat.of().formatHex(SharedDatasetTest.sha256(data)), m.group(1));
            } else {
                RefException e = assertThrows(RefException.class,
                        () -> RefDecoder.decode(archive), m.group(1));
                assertEquals(m.group(4), e.code.name(), m.group(1));
            }
        }
        assertTrue(vectors >= 60, "only " + vectors + " vectors matched");
    }

    static void assertSameError(byte[] archive, String what) {
        ErrorCode fast = null;
        ErrorCode ref = null;
        try {
            StemzCodec.decompress(archive, 1);
        } catch (StemzException e) {
            fast = e.code();
        }
        try {
            RefDecoder.decode(archive);
        } catch (RefException e) {
            ref = e.code;
        }
        assertEquals(ref, fast, what);
    }
}
