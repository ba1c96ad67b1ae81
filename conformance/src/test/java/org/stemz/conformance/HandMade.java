package org.stemz.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Builds archives field by field from format-spec/SPEC.md, without the encoder: the hand-made vectors (which no
 * encoder change can alter) and the invalid ones whose fields no encoder would write. Lengths and checksums are
 * computed unless overridden. Version 2 (the default) wraps each chunk's coded frames in a chunk record; the coded
 * frames themselves are written as SPEC.md section 8 says ({@link #constantChunk}).
 */
final class HandMade {
    static final long HEADER_MODEL = 0xFFFFFFFFL;
    int version = 2;
    int flags;
    int dtype = 1;
    int byteOrder;
    int reserved;
    long framesPerChunk = 1;
    long[] shape = {2, 1, 1};
    byte[] metadata = {};
    Long metadataLengthOverride;
    byte[] model = storedModel(tinyModelBody(4095));
    Long modelLengthOverride;
    final List<byte[]> chunks = new ArrayList<>();
    final List<Long> decodedCrcs = new ArrayList<>();
    /** Version 2: per chunk the packed model its record carries (null: none) and its index model chunk. */
    final List<byte[]> carried = new ArrayList<>();
    final List<Long> modelChunks = new ArrayList<>();

    /**
     * The model of a 1x1 frame whose pixel is always 200: INT mode, base 200, level 0, and one table (context 0,
     * where lg(16) - lg(0 + 16) puts that pixel) holding token 0 (version-2 body) with frequency {@code freqMinusOne} + 1.
     */
    static byte[] tinyModelBody(int freqMinusOne) {
        Bytes b = new Bytes();
        b.u8(0).u8(12).varint(400).varint(0); // mode INT, scale 12, zigzag(base 200), zigzag(level 0)
        b.varint(0).varint(0); // version 2: no constant pixels, no zero groups (SPEC-V2-CODING.md V2.1)
        b.varint(1).varint(0); // one table, context -1 + 1 + 0 = 0
        b.varint(1).varint(0).varint(freqMinusOne); // one symbol: token 0
        return b.toByteArray();
    }

    /** A packed byte string with method 0 (stored). */
    static byte[] storedModel(byte[] body) {
        return new Bytes().varint(body.length).u8(0).bytes(body).toByteArray();
    }

    /**
     * A packed byte string of method 2 (SPEC-V2-CODING.md V2.5) declaring {@code length} bytes in {@code count}
     * sections: the given stored pieces of {@code body}, cut at {@code cuts}.
     */
    static byte[] sectionedModel(byte[] body, long length, long count, int... cuts) {
        Bytes b = new Bytes().varint(length).u8(2).varint(count);
        int from = 0;
        for (int cut : cuts) {
            b.bytes(storedModel(java.util.Arrays.copyOfRange(body, from, cut)));
            from = cut;
        }
        return b.toByteArray();
    }

    /** A chunk of symbols that all have frequency 2^scaleBits: the four states never leave L = 2^16. */
    static byte[] constantChunk(long state0) {
        Bytes b = new Bytes().varint(16).u32(state0);
        for (int i = 1; i < 4; i++) {
            b.u32(1 << 16);
        }
        return b.toByteArray();
    }

    HandMade chunk(byte[] coded, byte[] decoded) {
        return chunk(coded, decoded, null, HEADER_MODEL);
    }

    /** Version 2: a chunk whose record carries {@code packedModel} (may be null), coded with {@code modelChunk}'s. */
    HandMade chunk(byte[] coded, byte[] decoded, byte[] packedModel, long modelChunk) {
        chunks.add(coded);
        decodedCrcs.add(crc(decoded, 0, decoded.length));
        carried.add(packedModel);
        modelChunks.add(modelChunk);
        return this;
    }

    /** SPEC.md 16.2: the record of chunk {@code c}: prefix, flags, the carried model, the coded frames. */
    private byte[] record(int c) {
        byte[] model = carried.get(c);
        Bytes payload = new Bytes().u8(model == null ? 0 : 1);
        if (model != null) {
            payload.u32(model.length).bytes(model);
        }
        payload.bytes(chunks.get(c));
        byte[] p = payload.toByteArray();
        byte[] first = new Bytes().u32(p.length).u32(framesIn(c)).u32(decodedCrcs.get(c)).toByteArray();
        return new Bytes().bytes(first).u32(recordCrc(first, p)).bytes(p).toByteArray();
    }

    private long framesIn(int c) {
        long frames = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            frames *= shape[i];
        }
        return Math.min(framesPerChunk, frames - c * framesPerChunk);
    }

    /** SPEC.md 16.2: CRC-32C of a record's first 12 bytes and its payload. */
    static long recordCrc(byte[] first12, byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(first12, 0, 12);
        c.update(payload, 0, payload.length);
        return c.getValue();
    }

    byte[] build() {
        Bytes h = new Bytes();
        h.bytes(new byte[] {(byte) 0x89, 'S', 'T', 'Z', '\r', '\n', 0x1A, '\n'});
        h.u16(version).u16(flags).u8(dtype).u8(byteOrder).u8(shape.length).u8(reserved).u32(framesPerChunk);
        for (long s : shape) {
            h.u64(s);
        }
        h.u32(metadataLengthOverride != null ? metadataLengthOverride : metadata.length).bytes(metadata);
        h.u32(modelLengthOverride != null ? modelLengthOverride : model.length).bytes(model);
        byte[] head = h.toByteArray();
        Bytes out = new Bytes().bytes(head).u32(crc(head, 0, head.length));
        Bytes index = new Bytes();
        for (int c = 0; c < chunks.size(); c++) {
            byte[] coded = version == 1 ? chunks.get(c) : record(c);
            long codedCrc = version == 1 ? crc(coded, 0, coded.length) : u32(coded, 12); // the record's own CRC
            index.u64(out.size()).u32(coded.length).u32(codedCrc).u32(decodedCrcs.get(c));
            if (version != 1) {
                index.u32(modelChunks.get(c));
            }
            out.bytes(coded);
        }
        long indexOffset = out.size();
        index.u64(indexOffset).u64(chunks.size());
        byte[] tail = index.toByteArray();
        out.bytes(tail).u32(crc(tail, 0, tail.length)).bytes(new byte[] {'S', 'T', 'Z', 'E'});
        return out.toByteArray();
    }

    static long u32(byte[] b, int at) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    static long crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return c.getValue();
    }

    /** Little-endian field writer. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u16(int v) {
            return u8(v & 0xFF).u8((v >>> 8) & 0xFF);
        }

        Bytes u32(long v) {
            return u16((int) (v & 0xFFFF)).u16((int) ((v >>> 16) & 0xFFFF));
        }

        Bytes u64(long v) {
            return u32(v & 0xFFFF_FFFFL).u32(v >>> 32);
        }

        Bytes varint(long v) {
            while ((v & ~0x7FL) != 0) {
                u8((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            return u8((int) v);
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
