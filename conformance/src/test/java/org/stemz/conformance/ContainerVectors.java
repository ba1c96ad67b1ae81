package org.stemz.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.StemzCodec;
import org.stemz.StreamingArchiveWriter;

/**
 * The vectors of the version-2 container (SPEC.md section 16): models carried by chunk records and shared by later
 * chunks, model changes mid-file from the streaming writer, an absent header model; and each container fault with
 * the one code the specification assigns.
 */
final class ContainerVectors {
    private ContainerVectors() {
    }

    static List<Vector> valid() throws IOException {
        List<Vector> v = new ArrayList<>();
        v.add(streamed("streamed-model-change", List.of("dtype:uint16", "streamed", "chunk-model", "model-change",
                "header-model-absent"), DataType.UINT16, ContainerVectors::drifting));
        v.add(streamed("streamed-float-mode-change", List.of("dtype:float32", "streamed", "chunk-model",
                "model-change", "int-path", "float-path", "header-model-absent"), DataType.FLOAT32, ContainerVectors::halfIntegers));
        v.add(streamed("streamed-empty", List.of("dtype:uint8", "streamed", "empty", "header-model-absent"),
                DataType.UINT8, f -> new long[0]));
        ArrayDescriptor d = ValidVectors.desc(DataType.UINT16, false, 5, 3, 4);
        byte[] data = ValidVectors.elements(d, new ValidVectors.LittleDiffraction().seed(21), false);
        byte[] encoded = StemzCodec.compress(d, data, CodecOptions.defaults().withThreads(1).withFramesPerChunk(2));
        v.add(Vector.ok("model-in-first-chunk", List.of("dtype:uint16", "chunk-model", "header-model-absent",
                "multi-chunk"), Container2.parse(encoded).modelIntoFirstChunk().build(), d, data));
        byte[] decoded = {(byte) 200, (byte) 200};
        HandMade h = new HandMade().chunk(HandMade.constantChunk(1 << 16), decoded, HandMade.storedModel(
                HandMade.tinyModelBody(4095)), 0).chunk(HandMade.constantChunk(1 << 16), decoded, null, 0);
        h.model = new byte[0];
        h.framesPerChunk = 2;
        h.shape = new long[] {4, 1, 1};
        v.add(Vector.ok("hand-made-chunk-model", List.of("dtype:uint8", "hand-made", "stored-model", "chunk-model",
                "header-model-absent"), h.build(), ValidVectors.desc(DataType.UINT8, false, 4, 1, 1),
                new byte[] {(byte) 200, (byte) 200, (byte) 200, (byte) 200}));
        return v;
    }

    /** Frame f of 3x4 pixels as values (uint16 counts or float32 bit patterns). */
    private interface Frames {
        long[] frame(int f);
    }

    /** Counts that grow tenfold after frame 12: the streaming writer must start a new model (frames repeat in a phase). */
    private static long[] drifting(int f) {
        // 12 chunks of 4 frames: the one-pass writer learns its first model from the first 8 together, so the drift
        // (values falling below every base learnt) comes after them and needs a new model
        if (f >= 48) {
            return null;
        }
        Random r = new Random(f % 2);
        long[] p = new long[12];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 5 == 2 ? 30 : 0) + r.nextInt(3) + (f < 40 ? 100 : 0);
        }
        return p;
    }

    /**
     * Integer-valued float32 for 32 frames (the one-pass writer's opening of 8 chunks), then fractions for 8
     * (FLOAT32 mode), then integers again.
     */
    private static long[] halfIntegers(int f) {
        if (f >= 48) {
            return null;
        }
        Random r = new Random(100 + f % 2);
        long[] p = new long[12];
        for (int i = 0; i < p.length; i++) {
            float v = r.nextInt(20) + (f >= 32 && f < 40 ? 0.25f : 0f);
            p[i] = Float.floatToRawIntBits(v);
        }
        return p;
    }

    private static Vector streamed(String id, List<String> features, DataType type, Frames frames)
            throws IOException {
        Path dir = Files.createTempDirectory("stemz-vectors");
        Path target = dir.resolve(id + ".stemz");
        ByteBuffer all = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int n = 0;
        try (StreamingArchiveWriter w = StreamingArchiveWriter.open(target, type, ByteOrder.LITTLE_ENDIAN, 3, 4,
                null, CodecOptions.defaults().withThreads(1).withFramesPerChunk(4))) {
            for (long[] f; (f = frames.frame(n)) != null && f.length > 0; n++) {
                ByteBuffer b = ByteBuffer.allocate(12 * type.size()).order(ByteOrder.LITTLE_ENDIAN);
                for (long x : f) {
                    switch (type) {
                        case UINT8 -> b.put((byte) x);
                        case UINT16 -> b.putShort((short) x);
                        default -> b.putInt((int) x);
                    }
                }
                w.write(b.array(), 0, 1);
                all.put(b.array());
            }
            w.finish();
            byte[] bytes = Files.readAllBytes(target);
            return Vector.ok(id, features, bytes, ValidVectors.desc(type, false, n, 3, 4),
                    Arrays.copyOf(all.array(), all.position()));
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(dir);
        }
    }

    static List<Vector> invalid() throws IOException {
        List<Vector> out = new ArrayList<>();
        ArrayDescriptor d = ValidVectors.desc(DataType.UINT16, false, 5, 3, 4);
        byte[] data = ValidVectors.elements(d, new ValidVectors.LittleDiffraction().seed(22), false);
        byte[] base = StemzCodec.compress(d, data, CodecOptions.defaults().withThreads(1).withFramesPerChunk(2));
        // header model: chunks 0, 1, 2 name it; chunk models: chunk 0 carries, 1 and 2 name chunk 0
        add(out, "model-chunk-later", ErrorCode.BAD_INDEX, base, false, k -> k.records.get(0).modelChunk = 1,
                "index", "chunk-model");
        add(out, "model-chunk-huge", ErrorCode.BAD_INDEX, base, false, k -> k.records.get(2).modelChunk = 0xFFFFFFFEL,
                "index", "chunk-model");
        add(out, "model-chunk-carries-none", ErrorCode.BAD_INDEX, base, true, k -> k.records.get(2).modelChunk = 1,
                "index", "chunk-model");
        add(out, "model-chunk-self-without-model", ErrorCode.BAD_INDEX, base, true,
                k -> k.records.get(1).modelChunk = 1, "index", "chunk-model");
        add(out, "chunk-model-not-named", ErrorCode.BAD_INDEX, base, false, k -> {
            k.records.get(1).model = k.model;
            k.records.get(1).flags = 1;
        }, "index", "chunk-model");
        add(out, "header-model-missing", ErrorCode.BAD_INDEX, base, false, k -> k.model = new byte[0],
                "header-model-absent");
        add(out, "header-model-missing-late-chunk", ErrorCode.BAD_INDEX, base, true,
                k -> k.records.get(2).modelChunk = 0xFFFFFFFFL, "header-model-absent", "chunk-model");
        add(out, "chunk-flags-reserved-bit", ErrorCode.RESERVED_VALUE, base, false, k -> k.records.get(1).flags = 2,
                "record", "reserved");
        add(out, "chunk-flags-high-bit", ErrorCode.RESERVED_VALUE, base, true, k -> k.records.get(0).flags |= 0x80,
                "record", "reserved");
        add(out, "record-length-mismatch", ErrorCode.BAD_CHUNK, base, false, k -> {
            Container2.Rec r = k.records.get(1);
            r.payloadLength = 1L + r.coded.length + 1;
        }, "record");
        add(out, "record-frames-mismatch", ErrorCode.BAD_INDEX, base, false, k -> k.records.get(1).frames = 1,
                "record");
        add(out, "record-frames-zero", ErrorCode.BAD_INDEX, base, false, k -> k.records.get(2).frames = 0,
                "record", "short-last-chunk");
        add(out, "record-decoded-checksum-mismatch", ErrorCode.BAD_INDEX, base, false,
                k -> k.records.get(0).decodedCrc ^= 1, "record", "checksum");
        add(out, "record-stored-checksum", ErrorCode.CHUNK_CHECKSUM_MISMATCH, base, false,
                k -> k.records.get(1).storedCrc = 0L, "record", "checksum");
        add(out, "record-data-checksum", ErrorCode.DATA_CHECKSUM_MISMATCH, base, false, k -> {
            k.records.get(1).decodedCrc ^= 1;
            k.records.get(1).indexDecodedCrc ^= 1;
        }, "record", "checksum");
        add(out, "record-shorter-than-prefix", ErrorCode.CHUNK_CHECKSUM_MISMATCH, base, false,
                k -> k.records.get(1).raw = new byte[10], "record");
        add(out, "record-without-flags", ErrorCode.TRUNCATED, base, false, k -> {
            byte[] prefix = new HandMade.Bytes().u32(0).u32(2).u32(k.records.get(1).decodedCrc).toByteArray();
            k.records.get(1).raw = new HandMade.Bytes().bytes(prefix).u32(HandMade.recordCrc(prefix, new byte[0]))
                    .toByteArray();
        }, "record", "truncation");
        add(out, "chunk-model-length-over-record", ErrorCode.TRUNCATED, base, true,
                k -> k.records.get(0).modelLength = (long) k.records.get(0).model.length + k.records.get(0).coded.length
                        + 1, "record", "chunk-model", "truncation");
        add(out, "chunk-model-bytes-after", ErrorCode.BAD_MODEL, base, true, k -> {
            Container2.Rec r = k.records.get(0);
            r.modelLength = (long) r.model.length + 1; // the first coded byte taken into the model
        }, "record", "chunk-model", "model");
        byte[] streamed = new Container2Holder(base).chunkModels;
        int first = Container2Holder.recordEnd(streamed, 0);
        out.add(Vector.error("truncated-inside-first-record", List.of("truncation", "record"),
                Arrays.copyOf(streamed, first - 5), ErrorCode.TRUNCATED));
        out.add(Vector.error("truncated-after-first-record", List.of("truncation", "record", "chunk-model"),
                Arrays.copyOf(streamed, first), ErrorCode.TRUNCATED));
        return out;
    }

    /** {@code base} (with its model moved into chunk 0 first if {@code chunkModels}) edited and rebuilt. */
    private static void add(List<Vector> out, String id, ErrorCode code, byte[] base, boolean chunkModels,
                            Consumer<Container2> edit, String... features) {
        Container2 k = Container2.parse(base);
        if (chunkModels) {
            k.modelIntoFirstChunk();
        }
        edit.accept(k);
        out.add(Vector.error(id, List.of(features), k.build(), code));
    }

    /** The base archive with chunk models, and where its records end. */
    private static final class Container2Holder {
        final byte[] chunkModels;

        Container2Holder(byte[] base) {
            chunkModels = Container2.parse(base).modelIntoFirstChunk().build();
        }

        static int recordEnd(byte[] a, int c) {
            int indexAt = (int) HandMade.u32(a, a.length - 24);
            return (int) (HandMade.u32(a, indexAt + 24 * c) + HandMade.u32(a, indexAt + 24 * c + 8));
        }
    }
}
