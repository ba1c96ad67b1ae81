package org.stemz.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.ChunkIndex;
import org.stemz.CodecOptions;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.StemzCodec;

/**
 * The invalid vectors, each with the one error code SPEC.md assigns: truncation at every section boundary, damaged
 * magic, version, reserved fields, checksums, model, chunk, index, sizes over the limits, trailing bytes. The
 * faults of the version-2 chunk records and model chunks are in {@link ContainerVectors}.
 */
final class InvalidVectors {
    private final byte[] base;
    private final int headerBytes;
    private final int metadataLength;
    private final int modelLength;
    private final ChunkIndex index;
    private final int indexOffset;
    private final List<Vector> out = new ArrayList<>();

    private InvalidVectors() {
        ArrayDescriptor d = ValidVectors.desc(DataType.UINT16, false, 5, 3, 4);
        byte[] data = ValidVectors.elements(d, new ValidVectors.LittleDiffraction().seed(99), false);
        base = StemzCodec.compress(d, data, CodecOptions.defaults().withThreads(1).withFramesPerChunk(2)
                .withMetadata("{\"k\":1}"));
        try (ArchiveReader r = ArchiveReader.of(base)) {
            headerBytes = r.header().headerBytes();
            metadataLength = r.header().metadata().getBytes(StandardCharsets.UTF_8).length;
            modelLength = r.header().modelBytes();
            index = r.index();
        }
        indexOffset = base.length - ChunkIndex.FOOTER_BYTES - index.size() * ChunkIndex.entryBytes(Vector.SPEC_VERSION);
    }

    static List<Vector> all() {
        InvalidVectors v = new InvalidVectors();
        v.truncations();
        v.headerFields();
        v.checksums();
        v.limits();
        v.handMade();
        return v.out;
    }

    private void add(String id, ErrorCode code, byte[] bytes, String... features) {
        List<String> f = new ArrayList<>(List.of(features));
        out.add(Vector.error(id, f, bytes, code));
    }

    /** A copy of the base archive changed by {@code edit}. */
    private byte[] edited(Consumer<byte[]> edit) {
        byte[] a = base.clone();
        edit.accept(a);
        return a;
    }

    private void truncations() {
        int shapeEnd = 20 + 8 * 3;
        int metaEnd = shapeEnd + 4 + metadataLength;
        int modelEnd = metaEnd + 4 + modelLength;
        int[][] cuts = {{0}, {8}, {20}, {shapeEnd}, {metaEnd}, {modelEnd}, {headerBytes},
                {(int) index.offset(1)}, {indexOffset}, {base.length - ChunkIndex.FOOTER_BYTES}, {base.length - 1}};
        String[] names = {"empty", "after-magic", "after-fixed-fields", "after-shape", "after-metadata",
                "after-model", "after-header", "after-first-chunk", "before-index", "before-footer",
                "inside-footer"};
        for (int i = 0; i < cuts.length; i++) {
            add("truncated-" + names[i], ErrorCode.TRUNCATED, Arrays.copyOf(base, cuts[i][0]), "truncation");
        }
    }

    private void headerFields() {
        add("bad-magic", ErrorCode.BAD_MAGIC, edited(a -> a[1] = 'X'), "magic");
        add("text-mode-crlf", ErrorCode.BAD_MAGIC, edited(a -> a[4] = '\n'), "magic");
        add("bad-end-magic", ErrorCode.BAD_MAGIC, edited(a -> a[a.length - 1] = 'X'), "magic", "footer");
        add("unknown-version", ErrorCode.UNSUPPORTED_VERSION, edited(a -> a[8] = 3), "version");
        add("version-zero", ErrorCode.UNSUPPORTED_VERSION, edited(a -> a[8] = 0), "version");
        add("reserved-flag-bit", ErrorCode.RESERVED_VALUE, edited(a -> a[10] = 1), "reserved");
        add("reserved-flag-high-bit", ErrorCode.RESERVED_VALUE, edited(a -> a[11] = (byte) 0x80), "reserved");
        add("unknown-dtype", ErrorCode.RESERVED_VALUE, edited(a -> a[12] = 9), "reserved");
        add("unknown-byte-order", ErrorCode.RESERVED_VALUE, edited(a -> a[13] = 2), "reserved");
        add("ndim-one", ErrorCode.RESERVED_VALUE, edited(a -> a[14] = 1), "reserved");
        add("reserved-byte", ErrorCode.RESERVED_VALUE, edited(a -> a[15] = 1), "reserved");
        add("trailing-garbage", ErrorCode.TRAILING_DATA, concat(base, "junk".getBytes(StandardCharsets.US_ASCII)),
                "trailing");
        add("footer-chunk-count", ErrorCode.BAD_INDEX, edited(a -> a[a.length - 16] ^= 1), "footer");
    }

    private void checksums() {
        add("header-checksum", ErrorCode.HEADER_CHECKSUM_MISMATCH, edited(a -> a[20 + 24 + 4] ^= 0x20), "checksum");
        add("index-checksum", ErrorCode.HEADER_CHECKSUM_MISMATCH, edited(a -> a[indexOffset + 12] ^= 1), "checksum");
        add("chunk-checksum", ErrorCode.CHUNK_CHECKSUM_MISMATCH,
                edited(a -> a[(int) index.offset(1) + 5] ^= 0x10), "checksum");
        Container2 k = Container2.parse(base);
        k.records.get(0).decodedCrc ^= 1; // the decoded CRC of chunk 0, in its record and its index entry
        k.records.get(0).indexDecodedCrc ^= 1;
        add("data-checksum", ErrorCode.DATA_CHECKSUM_MISMATCH, k.build(), "checksum");
        add("index-chunk-length", ErrorCode.BAD_INDEX, edited(a -> {
            a[indexOffset + 8] += 1; // chunk 0 one byte longer: chunk 1 no longer follows it
            putU32(a, a.length - 8, HandMade.crc(a, indexOffset, a.length - 8 - indexOffset));
        }), "index");
    }

    private void limits() {
        HandMade h = tiny();
        h.shape = new long[] {1, 8192, 4096};
        add("limit-frame-pixels", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
        h = tiny();
        h.shape = new long[] {Long.MIN_VALUE, 1, 1};
        add("limit-axis-length", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
        h = tiny();
        h.shape = new long[] {1L << 40, 1L << 12, 1L << 12};
        add("limit-element-count", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
        h = tiny();
        h.shape = new long[] {1L << 62, 4, 0, 1}; // the product is 0, but the prefix 2^64 overflows first
        add("limit-prefix-product", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits", "empty");
        h = tiny();
        h.framesPerChunk = (1L << 30) + 1;
        add("limit-chunk-bytes", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
        h = tiny();
        h.metadataLengthOverride = (1L << 24) + 1;
        add("limit-metadata", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
        h = tiny();
        h.modelLengthOverride = (1L << 28) + 1;
        add("limit-model", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
        h = tiny();
        h.model = new HandMade.Bytes().varint((1L << 28) + 1).u8(0).toByteArray();
        add("limit-unpacked-model", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits", "model");
        h = tiny();
        h.framesPerChunk = 0;
        add("zero-frames-per-chunk", ErrorCode.LIMIT_EXCEEDED, h.build(), "limits");
    }

    /** Faults no encoder writes, on the hand-made archive (checksums recomputed, so the parsers behind them run). */
    private void handMade() {
        HandMade h = tiny();
        h.model = HandMade.storedModel(HandMade.tinyModelBody(4094));
        add("frequencies-below-total", ErrorCode.BAD_MODEL, h.build(), "model", "frequencies");
        h = tiny();
        h.model = HandMade.storedModel(concat(Arrays.copyOf(HandMade.tinyModelBody(0), 9), new byte[] {0}));
        add("empty-frequency-table", ErrorCode.BAD_MODEL, h.build(), "model", "frequencies");
        h = tiny();
        byte[] body = HandMade.tinyModelBody(4095);
        body[1] = 13;
        h.model = HandMade.storedModel(body);
        add("wrong-scale-bits", ErrorCode.BAD_MODEL, h.build(), "model");
        h = tiny();
        body = HandMade.tinyModelBody(4095);
        body[1] = 9; // below the 10 bits version 2 allows in INT mode
        h.model = HandMade.storedModel(body);
        add("scale-bits-below-ten", ErrorCode.BAD_MODEL, h.build(), "model");
        h = tiny();
        body = HandMade.tinyModelBody(4095);
        body[0] = 3;
        h.model = HandMade.storedModel(body);
        add("unknown-coding-mode", ErrorCode.RESERVED_VALUE, h.build(), "model");
        h = tiny();
        h.model = HandMade.storedModel(concat(HandMade.tinyModelBody(4095), new byte[] {0}));
        add("bytes-after-model", ErrorCode.BAD_MODEL, h.build(), "model");
        h = tiny();
        h.model = new HandMade.Bytes().varint(9).u8(3).bytes(HandMade.tinyModelBody(4095)).toByteArray();
        add("unknown-packing-method", ErrorCode.RESERVED_VALUE, h.build(), "model");
        byte[] tinyBody = HandMade.tinyModelBody(4095);
        int n = tinyBody.length;
        h = tiny();
        h.model = HandMade.sectionedModel(tinyBody, n, 1, n);
        add("sections-only-one", ErrorCode.BAD_MODEL, h.build(), "model", "sectioned-model");
        h = tiny();
        h.model = HandMade.sectionedModel(tinyBody, n + 1, 2, 4, n);
        add("sections-short-of-length", ErrorCode.BAD_MODEL, h.build(), "model", "sectioned-model");
        h = tiny();
        h.model = HandMade.sectionedModel(tinyBody, n - 1, 2, 4, n);
        add("section-past-length", ErrorCode.BAD_MODEL, h.build(), "model", "sectioned-model");
        h = tiny();
        byte[] inner = HandMade.sectionedModel(java.util.Arrays.copyOfRange(tinyBody, 4, n), n - 4, 2, 2, n - 4);
        h.model = new HandMade.Bytes().varint(n).u8(2).varint(2)
                .bytes(HandMade.storedModel(java.util.Arrays.copyOf(tinyBody, 4))).bytes(inner).toByteArray();
        add("section-of-method-2", ErrorCode.RESERVED_VALUE, h.build(), "model", "sectioned-model");
        h = tiny();
        body = HandMade.tinyModelBody(4095);
        body[0] = 17; // the raw-bases flag on FLOAT32
        h.model = HandMade.storedModel(body);
        add("raw-bases-flag-on-float-mode", ErrorCode.RESERVED_VALUE, h.build(), "model", "raw-bases");
        h = tiny();
        body = HandMade.tinyModelBody(4095);
        body[8] = 1; // the table moves to context 1; the pixel's samples are in context 0
        h.model = HandMade.storedModel(body);
        add("context-without-table", ErrorCode.BAD_CHUNK, h.build(), "model", "rans");
        h = tiny();
        h.metadata = new byte[] {'{', (byte) 0xC3, '(', '}'};
        add("metadata-not-utf8", ErrorCode.BAD_METADATA, h.build(), "metadata");
        h = new HandMade().chunk(HandMade.constantChunk((1 << 16) + 1), new byte[] {(byte) 200, (byte) 200});
        h.framesPerChunk = 2;
        add("rans-final-state", ErrorCode.BAD_CHUNK, h.build(), "rans");
        h = new HandMade().chunk(HandMade.constantChunk(1 << 15), new byte[] {(byte) 200, (byte) 200});
        h.framesPerChunk = 2;
        add("rans-state-below-bound", ErrorCode.BAD_CHUNK, h.build(), "rans");
        h = new HandMade().chunk(concat(HandMade.constantChunk(1 << 16), new byte[] {0}),
                new byte[] {(byte) 200, (byte) 200});
        h.framesPerChunk = 2;
        add("unused-raw-bytes", ErrorCode.BAD_CHUNK, h.build(), "raw-bits");
    }

    /** The hand-made archive of two 1x1 uint8 frames, as one chunk. */
    private static HandMade tiny() {
        HandMade h = new HandMade().chunk(HandMade.constantChunk(1 << 16), new byte[] {(byte) 200, (byte) 200});
        h.framesPerChunk = 2;
        return h;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void putU32(byte[] a, int at, long v) {
        for (int i = 0; i < 4; i++) {
            a[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
