package org.stemz.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A version-2 archive taken apart field by field as SPEC.md section 16 lays it out, edited, and put back together
 * with every length and checksum recomputed unless overridden: the container faults of the invalid vectors, on top
 * of coded frames the encoder wrote. Parsing assumes a well-formed archive (it is only given the encoder's).
 */
final class Container2 {
    /** Bytes 0 to 20 + 8·ndim: magic, version, flags, dtype, byte order, ndim, reserved, framesPerChunk, shape. */
    byte[] fixed;
    byte[] metadata;
    /** The header's packed model; empty for none. */
    byte[] model;
    final List<Rec> records = new ArrayList<>();

    /** One chunk: its record fields and its index entry fields. */
    static final class Rec {
        Long payloadLength;
        long frames;
        long decodedCrc;
        Long storedCrc;
        int flags;
        /** The packed model the record carries, or null. */
        byte[] model;
        Long modelLength;
        byte[] coded;
        /** Replaces the whole record when set. */
        byte[] raw;
        long indexDecodedCrc;
        long modelChunk;
    }

    static Container2 parse(byte[] a) {
        Container2 k = new Container2();
        int ndim = a[14] & 0xFF;
        int at = 20 + 8 * ndim;
        k.fixed = Arrays.copyOf(a, at);
        int m = (int) HandMade.u32(a, at);
        k.metadata = Arrays.copyOfRange(a, at + 4, at + 4 + m);
        at += 4 + m;
        int kLen = (int) HandMade.u32(a, at);
        k.model = Arrays.copyOfRange(a, at + 4, at + 4 + kLen);
        int n = (int) HandMade.u32(a, a.length - 16);
        int indexAt = (int) HandMade.u32(a, a.length - 24);
        for (int c = 0; c < n; c++) {
            int e = indexAt + 24 * c;
            int offset = (int) HandMade.u32(a, e);
            int length = (int) HandMade.u32(a, e + 8);
            Rec r = new Rec();
            r.frames = HandMade.u32(a, offset + 4);
            r.decodedCrc = HandMade.u32(a, offset + 8);
            r.flags = a[offset + 16] & 0xFF;
            int coded = offset + 17;
            if ((r.flags & 1) != 0) {
                int carried = (int) HandMade.u32(a, coded);
                r.model = Arrays.copyOfRange(a, coded + 4, coded + 4 + carried);
                coded += 4 + carried;
            }
            r.coded = Arrays.copyOfRange(a, coded, offset + length);
            r.indexDecodedCrc = HandMade.u32(a, e + 16);
            r.modelChunk = HandMade.u32(a, e + 20);
            k.records.add(r);
        }
        return k;
    }

    Container2 version(int v) {
        fixed[8] = (byte) v;
        fixed[9] = (byte) (v >>> 8);
        return this;
    }

    /** Moves the header's model into chunk 0's record; every chunk then names chunk 0. */
    Container2 modelIntoFirstChunk() {
        records.get(0).model = model;
        records.get(0).flags |= 1;
        model = new byte[0];
        records.forEach(r -> r.modelChunk = 0);
        return this;
    }

    byte[] record(Rec r) {
        if (r.raw != null) {
            return r.raw;
        }
        HandMade.Bytes payload = new HandMade.Bytes().u8(r.flags);
        if (r.model != null) {
            payload.u32(r.modelLength != null ? r.modelLength : r.model.length).bytes(r.model);
        }
        byte[] p = payload.bytes(r.coded).toByteArray();
        byte[] first = new HandMade.Bytes().u32(r.payloadLength != null ? r.payloadLength : p.length).u32(r.frames)
                .u32(r.decodedCrc).toByteArray();
        long crc = HandMade.recordCrc(first, p);
        return new HandMade.Bytes().bytes(first).u32(r.storedCrc != null ? r.storedCrc : crc).bytes(p).toByteArray();
    }

    byte[] build() {
        HandMade.Bytes h = new HandMade.Bytes().bytes(fixed).u32(metadata.length).bytes(metadata).u32(model.length)
                .bytes(model);
        byte[] head = h.toByteArray();
        HandMade.Bytes out = new HandMade.Bytes().bytes(head).u32(HandMade.crc(head, 0, head.length));
        HandMade.Bytes index = new HandMade.Bytes();
        for (Rec r : records) {
            byte[] rec = record(r);
            // SPEC.md 16.2: the CRC of the first 12 bytes (fewer if the record is shorter) and of the payload
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(rec, 0, Math.min(12, rec.length));
            if (rec.length > 16) {
                crc.update(rec, 16, rec.length - 16);
            }
            index.u64(out.size()).u32(rec.length).u32(crc.getValue()).u32(r.indexDecodedCrc).u32(r.modelChunk);
            out.bytes(rec);
        }
        index.u64(out.size()).u64(records.size());
        byte[] tail = index.toByteArray();
        return out.bytes(tail).u32(HandMade.crc(tail, 0, tail.length)).bytes(new byte[] {'S', 'T', 'Z', 'E'})
                .toByteArray();
    }
}
