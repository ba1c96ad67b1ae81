package org.stemz.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DataType;
import org.stemz.StemzCodec;

/** The valid vectors: every dtype, both byte orders, shape edges, the float path, metadata, several chunks. */
final class ValidVectors {
    private ValidVectors() {
    }

    static List<Vector> all() {
        List<Vector> v = new ArrayList<>();
        LittleDiffraction counts = new LittleDiffraction();
        v.add(encoded("uint8-one-frame", List.of("dtype:uint8", "one-frame", "2d"),
                desc(DataType.UINT8, false, 6, 7), counts.seed(1), 0, ""));
        v.add(encoded("uint16-odd-size", List.of("dtype:uint16", "odd-size"),
                desc(DataType.UINT16, false, 5, 3, 17), counts.seed(2), 0, ""));
        v.add(encoded("uint16-big-endian", List.of("dtype:uint16", "big-endian"),
                desc(DataType.UINT16, true, 4, 8, 8), counts.seed(3), 0, ""));
        v.add(encoded("uint32-full-range", List.of("dtype:uint32", "full-range"),
                desc(DataType.UINT32, false, 3, 4, 5), random(4), 0, ""));
        v.add(encoded("int8-negative", List.of("dtype:int8", "negative"),
                desc(DataType.INT8, false, 4, 5, 5), counts.seed(5).andThen(x -> x - 3), 0, ""));
        v.add(encoded("int16-big-endian", List.of("dtype:int16", "big-endian", "negative"),
                desc(DataType.INT16, true, 3, 6, 6), counts.seed(6).andThen(x -> 100 - x), 0, ""));
        v.add(encoded("int32-full-range", List.of("dtype:int32", "full-range"),
                desc(DataType.INT32, false, 3, 4, 5), random(7), 0, ""));
        v.add(encoded("float32-integer-valued", List.of("dtype:float32", "int-path"),
                desc(DataType.FLOAT32, false, 4, 6, 6), counts.seed(8), 0, ""));
        v.add(bits("float32-specials", List.of("dtype:float32", "float-path", "nan", "negative-zero", "subnormal"),
                desc(DataType.FLOAT32, false, 3, 5, 5), 9));
        v.add(encoded("float64-integer-valued", List.of("dtype:float64", "int-path", "big-endian"),
                desc(DataType.FLOAT64, true, 3, 5, 4), counts.seed(10), 0, ""));
        v.add(bits("float64-specials", List.of("dtype:float64", "float-path", "nan", "infinity"),
                desc(DataType.FLOAT64, false, 3, 4, 5), 11));
        v.add(encoded("metadata-utf8", List.of("dtype:uint16", "metadata"), desc(DataType.UINT16, false, 2, 4, 4),
                counts.seed(12), 0, "{\"microscope\":\"Nion UltraSTEM\",\"voltage_kV\":60,\"note\":\"µ-probe ångström\"}"));
        v.add(encoded("multi-chunk", List.of("dtype:uint16", "multi-chunk", "short-last-chunk", "4d"),
                desc(DataType.UINT16, false, 3, 3, 5, 7), counts.seed(13), 2, ""));
        v.add(encoded("one-frame-per-chunk", List.of("dtype:uint8", "multi-chunk", "unpaired-frames"),
                desc(DataType.UINT8, false, 3, 4, 4), counts.seed(14), 1, ""));
        v.add(encoded("one-pixel-frames", List.of("dtype:uint16", "1x1-frame"), desc(DataType.UINT16, false, 5, 1, 1),
                counts.seed(15), 0, ""));
        v.add(encoded("no-frames", List.of("dtype:uint16", "empty"), desc(DataType.UINT16, false, 0, 4, 4),
                i -> 0, 0, ""));
        v.add(encoded("saturated", List.of("dtype:uint16", "constant"), desc(DataType.UINT16, false, 3, 4, 4),
                i -> 65535, 0, ""));
        byte[] decoded = {(byte) 200, (byte) 200};
        HandMade tiny = new HandMade().chunk(HandMade.constantChunk(1 << 16), decoded);
        tiny.framesPerChunk = 2;
        v.add(Vector.ok("hand-made", List.of("dtype:uint8", "hand-made", "stored-model"), tiny.build(),
                desc(DataType.UINT8, false, 2, 1, 1), decoded));
        HandMade split = new HandMade().chunk(HandMade.constantChunk(1 << 16), decoded);
        split.framesPerChunk = 2;
        byte[] body = HandMade.tinyModelBody(4095);
        split.model = HandMade.sectionedModel(body, body.length, 3, 4, 6, body.length);
        v.add(Vector.ok("hand-made-sectioned-model", List.of("dtype:uint8", "hand-made", "sectioned-model"),
                split.build(), desc(DataType.UINT8, false, 2, 1, 1), decoded));
        v.add(sectioned(encoded("few-frames-sectioned-model", List.of("dtype:uint16", "few-frames",
                "sectioned-model"), desc(DataType.UINT16, false, 3, 48, 48), counts.seed(16), 0, "")));
        Random dark = new Random(17);
        v.add(rawBases(encoded("dark-level-raw-bases", List.of("dtype:int16", "few-frames", "negative", "raw-bases"),
                desc(DataType.INT16, false, 3, 32, 32), i -> 64 * ((i % 1024 * 0x9E3779B1L & 0xFFFFFFFFL) >>> 30) - 64
                        + dark.nextInt(3), 0, ""))); // minima near -64, 0, 64 or 128 at random: unpredicted
        return v;
    }

    /** {@code v}, checked to hold an INT model whose bases are coded as themselves (mode byte 16, V2.1). */
    private static Vector rawBases(Vector v) {
        try (org.stemz.ArchiveReader r = org.stemz.ArchiveReader.of(v.bytes())) {
            byte[] body = org.stemz.codec.ByteRans.unpack(new org.stemz.codec.ByteSource(r.header().modelData()),
                    1 << 20, "model", true);
            if (body[0] != 16) {
                throw new IllegalStateException(v.id() + ": the encoder no longer codes these bases as themselves");
            }
        }
        return v;
    }

    /** {@code v}, checked to hold a model of packing method 2 (so that the vector keeps testing it). */
    private static Vector sectioned(Vector v) {
        try (org.stemz.ArchiveReader r = org.stemz.ArchiveReader.of(v.bytes())) {
            byte[] model = r.header().modelData();
            org.stemz.codec.ByteSource in = new org.stemz.codec.ByteSource(model);
            in.varint();
            if (in.u8("packing method") != 2) {
                throw new IllegalStateException(v.id() + ": the encoder no longer packs this model in sections");
            }
        }
        return v;
    }

    static ArrayDescriptor desc(DataType t, boolean bigEndian, long... shape) {
        return new ArrayDescriptor(t, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, shape);
    }

    private static Vector encoded(String id, List<String> features, ArrayDescriptor d, LongUnaryOperator values,
                                  int framesPerChunk, String metadata) {
        byte[] data = elements(d, values, false);
        CodecOptions options = CodecOptions.defaults().withThreads(1).withFramesPerChunk(framesPerChunk)
                .withMetadata(metadata);
        return Vector.ok(id, features, StemzCodec.compress(d, data, options), d, data);
    }

    /** Float vectors from raw IEEE bit patterns, a quarter of them special values. */
    private static Vector bits(String id, List<String> features, ArrayDescriptor d, long seed) {
        Random r = new Random(seed);
        boolean f32 = d.type() == DataType.FLOAT32;
        long[] specials = f32 ? new long[] {0x80000000L, 0x7FC00123L, 0xFF800000L, 0x00000003L, 0x3F000000L}
                : new long[] {0x8000000000000000L, 0x7FF8000000000123L, 0x7FF0000000000000L, 3L, 0x3FD0000000000000L};
        LongUnaryOperator f = i -> r.nextInt(4) == 0 ? specials[r.nextInt(specials.length)]
                : f32 ? Float.floatToRawIntBits(r.nextFloat() * 100) : Double.doubleToRawLongBits(r.nextGaussian());
        byte[] data = elements(d, f, true);
        return Vector.ok(id, features, StemzCodec.compress(d, data, CodecOptions.defaults().withThreads(1)), d, data);
    }

    private static LongUnaryOperator random(long seed) {
        Random r = new Random(seed);
        return i -> r.nextLong();
    }

    /** Element i (C order) is values(i), cast to the dtype, or taken as the IEEE bit pattern when {@code bits}. */
    static byte[] elements(ArrayDescriptor d, LongUnaryOperator values, boolean bits) {
        int n = (int) d.elementCount();
        ByteBuffer b = ByteBuffer.allocate(n * d.type().size()).order(d.order());
        for (int i = 0; i < n; i++) {
            long v = values.applyAsLong(i);
            switch (d.type()) {
                case UINT8, INT8 -> b.put((byte) v);
                case UINT16, INT16 -> b.putShort((short) v);
                case UINT32, INT32 -> b.putInt((int) v);
                case FLOAT32 -> b.putInt(bits ? (int) v : Float.floatToRawIntBits(v));
                case FLOAT64 -> b.putLong(bits ? v : Double.doubleToRawLongBits(v));
            }
        }
        return b.array();
    }

    /** Small counts with a brighter centre, like a detector frame; deterministic per seed. */
    static final class LittleDiffraction {
        LongUnaryOperator seed(long seed) {
            Random r = new Random(seed);
            return i -> (i % 7 == 3 ? 12 : 0) + r.nextInt(3) + (r.nextInt(9) == 0 ? r.nextInt(40) : 0);
        }
    }
}
