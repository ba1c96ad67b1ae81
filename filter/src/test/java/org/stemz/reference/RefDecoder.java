package org.stemz.reference;

import static org.stemz.reference.RefException.fail;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.stemz.ErrorCode;

/**
 * A slow decoder written straight from format-spec/SPEC.md, sharing no code with org.stemz.codec: the fast decoder
 * is tested against it. Section numbers in comments refer to the specification. It reads format versions 1 and 2;
 * the coded frames of a chunk are decoded by {@link #decodeCodedFrames} (version 1) or {@link RefV2} (version 2,
 * format-spec/SPEC-V2-CODING.md).
 */
public final class RefDecoder {
    private static final byte[] MAGIC = {(byte) 0x89, 'S', 'T', 'Z', '\r', '\n', 0x1A, '\n'};
    private static final int[] SIZE = {0, 1, 2, 4, 1, 2, 4, 4, 8};
    /** Version 2 index entry: the model chunk naming the header's model (16.3). */
    private static final long HEADER_MODEL = 0xFFFFFFFFL;

    /** A decoded archive: dtype code (table 4.1), byte order, shape, metadata and the element bytes. */
    public record Result(int dtype, boolean bigEndian, long[] shape, String metadata, byte[] data) {
    }

    private RefDecoder() {
    }

    public static Result decode(byte[] a) {
        // 4.1 header
        RefInput in = new RefInput(a, 0, a.length);
        for (byte m : MAGIC) {
            if (in.u8() != (m & 0xFF)) {
                throw fail(ErrorCode.BAD_MAGIC, "magic");
            }
        }
        int version = (int) in.le(2);
        if (version != 1 && version != 2) {
            throw fail(ErrorCode.UNSUPPORTED_VERSION, "version " + version);
        }
        if (in.le(2) != 0) {
            throw fail(ErrorCode.RESERVED_VALUE, "flags");
        }
        int dtype = in.u8();
        if (dtype < 1 || dtype > 8) {
            throw fail(ErrorCode.RESERVED_VALUE, "dtype");
        }
        int order = in.u8();
        if (order > 1) {
            throw fail(ErrorCode.RESERVED_VALUE, "byte order");
        }
        int ndim = in.u8();
        if (ndim < 2 || ndim > 8) {
            throw fail(ErrorCode.RESERVED_VALUE, "ndim");
        }
        if (in.u8() != 0) {
            throw fail(ErrorCode.RESERVED_VALUE, "reserved byte");
        }
        long fpc = in.le(4);
        long[] shape = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = in.le(8);
            if (shape[i] < 0) {
                throw fail(ErrorCode.LIMIT_EXCEEDED, "axis >= 2^63");
            }
        }
        BigInteger product = BigInteger.ONE;
        boolean prefixOver = false;
        for (long s : shape) {
            product = product.multiply(BigInteger.valueOf(s));
            prefixOver |= product.bitLength() > 63;
        }
        long h = shape[ndim - 2];
        long w = shape[ndim - 1];
        if (prefixOver || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE || h * w > (1L << 24)) {
            throw fail(ErrorCode.LIMIT_EXCEEDED, "shape");
        }
        long pixels = h * w;
        long frames = 1;
        for (int i = 0; i < ndim - 2; i++) {
            frames *= shape[i];
        }
        if (pixels == 0) {
            frames = 0;
        }
        long frameBytes = pixels * SIZE[dtype];
        if (fpc < 1 || fpc * Math.max(1, frameBytes) > (1L << 30)) {
            throw fail(ErrorCode.LIMIT_EXCEEDED, "frames per chunk");
        }
        long n = frames == 0 ? 0 : (frames + fpc - 1) / fpc;
        if (n > (1L << 32)) {
            throw fail(ErrorCode.LIMIT_EXCEEDED, "chunk count");
        }
        long metaLength = in.le(4);
        if (metaLength > (1L << 24)) {
            throw fail(ErrorCode.LIMIT_EXCEEDED, "metadata length");
        }
        byte[] meta = in.bytes(metaLength);
        long modelLength = in.le(4);
        if (modelLength > (1L << 28)) {
            throw fail(ErrorCode.LIMIT_EXCEEDED, "model length");
        }
        byte[] modelField = in.bytes(modelLength);
        int crcAt = in.pos;
        if (in.le(4) != RefCrc32c.of(a, 0, crcAt)) {
            throw fail(ErrorCode.HEADER_CHECKSUM_MISMATCH, "header");
        }
        String metadata = utf8(meta);
        // 16.1: a version-2 header may hold no model
        RefModel model = version == 1 ? RefModel.read(modelField, (int) h, (int) w) : null;
        RefV2.Model modelV2 = version == 2 && modelLength != 0 ? RefV2.readModel(modelField, (int) h, (int) w) : null;
        int headerLength = in.pos;

        // 9.1 (version 1) and 16.3 (version 2) index
        long[][] index = readIndex(a, headerLength, n, version == 1 ? 20 : 24);

        // 8 chunks (version 1), 16.4 chunk records (version 2)
        byte[] out = new byte[(int) (frames * frameBytes)];
        for (int c = 0; c < n; c++) {
            int g = (int) Math.min(fpc, frames - c * fpc);
            byte[] decoded = version == 1
                    ? decodeChunkV1(a, index[c], c, g, (int) h, (int) w, model, dtype, order == 1)
                    : decodeChunkV2(a, index, c, g, (int) h, (int) w, modelV2, dtype, order == 1);
            if (RefCrc32c.of(decoded, 0, decoded.length) != index[c][3]) {
                throw fail(ErrorCode.DATA_CHECKSUM_MISMATCH, "chunk " + c);
            }
            System.arraycopy(decoded, 0, out, (int) (c * fpc * frameBytes), decoded.length);
        }
        return new Result(dtype, order == 1, shape, metadata, out);
    }

    /** 8 and 10: a version-1 chunk is the coded frames themselves, checked by the index CRC. */
    private static byte[] decodeChunkV1(byte[] a, long[] entry, int c, int g, int h, int w, RefModel model,
                                        int dtype, boolean bigEndian) {
        int offset = (int) entry[0];
        int length = (int) entry[1];
        if (RefCrc32c.of(a, offset, length) != entry[2]) {
            throw fail(ErrorCode.CHUNK_CHECKSUM_MISMATCH, "chunk " + c);
        }
        return decodeCodedFrames(a, offset, length, g, h, w, model, dtype, bigEndian);
    }

    /** A parsed version-2 chunk record (16.2): prefix fields, the carried model (or null) and the coded frames. */
    private record Record(long frames, long decodedCrc, byte[] model, int codedStart, int codedEnd) {
    }

    /** 16.4: check the record, find its model (its own, an earlier chunk's or the header's), decode its frames. */
    private static byte[] decodeChunkV2(byte[] a, long[][] index, int c, int g, int h, int w, RefV2.Model header,
                                        int dtype, boolean bigEndian) {
        Record r = readRecord(a, index[c], c);
        if (r.frames != g || r.decodedCrc != index[c][3]) {
            throw fail(ErrorCode.BAD_INDEX, "chunk " + c + " prefix disagrees with the header or the index");
        }
        long m = index[c][4];
        if ((r.model != null) != (m == c)) {
            throw fail(ErrorCode.BAD_INDEX, "chunk " + c + " model flag disagrees with its model chunk " + m);
        }
        RefV2.Model model;
        if (m == HEADER_MODEL) {
            if (header == null) {
                throw fail(ErrorCode.BAD_INDEX, "chunk " + c + " names the header's model, which is absent");
            }
            model = header;
        } else if (m == c) {
            model = RefV2.readModel(r.model, h, w);
        } else {
            Record holder = readRecord(a, index[(int) m], (int) m);
            if (holder.model == null) {
                throw fail(ErrorCode.BAD_INDEX, "chunk " + c + " names chunk " + m + ", which carries no model");
            }
            model = RefV2.readModel(holder.model, h, w);
        }
        // SPEC-V2-CODING.md: the version-2 model body and coded frames
        return RefV2.decodeFrames(a, r.codedStart, r.codedEnd - r.codedStart, g, h, w, model, dtype, bigEndian,
                SIZE[dtype]);
    }

    /** 16.2 and 16.4 steps 1 to 4: the record checksum, then its prefix and payload structure. */
    private static Record readRecord(byte[] a, long[] entry, int c) {
        int offset = (int) entry[0];
        int length = (int) entry[1];
        if (length < 16) {
            throw fail(ErrorCode.CHUNK_CHECKSUM_MISMATCH, "chunk " + c + " shorter than its prefix");
        }
        long crc = RefCrc32c.of(concat(a, offset, 12, offset + 16, length - 16), 0, length - 4);
        if (crc != le(a, offset + 12, 4) || crc != entry[2]) {
            throw fail(ErrorCode.CHUNK_CHECKSUM_MISMATCH, "chunk " + c);
        }
        if (le(a, offset, 4) != length - 16) {
            throw fail(ErrorCode.BAD_CHUNK, "chunk " + c + " payload length");
        }
        RefInput in = new RefInput(a, offset + 16, offset + length);
        int flags = in.u8();
        if ((flags & ~1) != 0) {
            throw fail(ErrorCode.RESERVED_VALUE, "chunk " + c + " flags " + flags);
        }
        byte[] model = (flags & 1) != 0 ? in.bytes(in.le(4)) : null;
        return new Record(le(a, offset + 4, 4), le(a, offset + 8, 4), model, in.pos, offset + length);
    }

    private static byte[] concat(byte[] a, int from1, int length1, int from2, int length2) {
        byte[] r = new byte[length1 + length2];
        System.arraycopy(a, from1, r, 0, length1);
        System.arraycopy(a, from2, r, length1, length2);
        return r;
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw fail(ErrorCode.BAD_METADATA, "not UTF-8");
        }
    }

    private static long le(byte[] a, long at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (a[(int) at + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    private static boolean consistent(byte[] a, long q, long headerLength, long n, int e) {
        long indexOffset = le(a, q, 8);
        return le(a, q + 8, 8) == n && indexOffset >= headerLength && indexOffset == q - e * n;
    }

    private static boolean endMagic(byte[] a, long q) {
        return a[(int) q + 20] == 'S' && a[(int) q + 21] == 'T' && a[(int) q + 22] == 'Z' && a[(int) q + 23] == 'E';
    }

    /** Returns per chunk {offset, length, coded CRC, decoded CRC, model chunk}; entries of {@code e} bytes. */
    private static long[][] readIndex(byte[] a, long headerLength, long n, int e) {
        long len = a.length;
        if (len - headerLength < 24) {
            throw fail(ErrorCode.TRUNCATED, "no room for the footer");
        }
        long q = len - 24;
        boolean consistent = consistent(a, q, headerLength, n, e);
        boolean magic = endMagic(a, q);
        if (consistent && !magic) {
            throw fail(ErrorCode.BAD_MAGIC, "end magic");
        }
        if (!consistent && magic) {
            throw fail(ErrorCode.BAD_INDEX, "footer");
        }
        if (!consistent) {
            for (long q2 = len - 25; q2 >= Math.max(headerLength, len - 24 - (1L << 20)); q2--) {
                if (endMagic(a, q2) && consistent(a, q2, headerLength, n, e)) {
                    throw fail(ErrorCode.TRAILING_DATA, "bytes after the footer");
                }
            }
            throw fail(ErrorCode.TRUNCATED, "no footer");
        }
        long indexOffset = q - e * n;
        if (le(a, q + 16, 4) != RefCrc32c.of(a, (int) indexOffset, (int) (e * n + 16))) {
            throw fail(ErrorCode.HEADER_CHECKSUM_MISMATCH, "index");
        }
        long[][] entries = new long[(int) n][];
        long expected = headerLength;
        for (int c = 0; c < n; c++) {
            long at = indexOffset + (long) e * c;
            long offset = le(a, at, 8);
            long length = le(a, at + 8, 4);
            long modelChunk = e == 24 ? le(a, at + 20, 4) : HEADER_MODEL;
            if (modelChunk != HEADER_MODEL && modelChunk > c) {
                throw fail(ErrorCode.BAD_INDEX, "entry " + c + " takes its model from a later chunk");
            }
            if (offset != expected || length > (1L << 30) + (1L << 20) || offset + length > indexOffset) {
                throw fail(ErrorCode.BAD_INDEX, "entry " + c);
            }
            entries[c] = new long[] {offset, length, le(a, at + 12, 4), le(a, at + 16, 4), modelChunk};
            expected = offset + length;
        }
        if (expected != indexOffset) {
            throw fail(ErrorCode.BAD_INDEX, "gap before the index");
        }
        return entries;
    }

    /**
     * 8.1 to 8.7: the coded frames of one chunk ({@code length} bytes at {@code offset}), {@code g} frames of
     * {@code h} x {@code w} pixels, with model {@code m}. Version 2 codes its frames the same way for now.
     */
    private static byte[] decodeCodedFrames(byte[] a, int offset, int length, int g, int h, int w, RefModel m,
                                            int dtype, boolean bigEndian) {
        RefInput in = new RefInput(a, offset, offset + length);
        long r = in.varint();
        if (r > in.remaining() || r < 0) {
            throw fail(ErrorCode.BAD_CHUNK, "rANS length");
        }
        RefRans rans = new RefRans(a, in.pos, (int) r);
        RefBits raw = new RefBits(a, in.pos + (int) r, offset + length - in.pos - (int) r);
        int pixels = h * w;
        long[][] u = new long[g][pixels];
        long[][] value = new long[g][pixels];
        long k = 0;
        for (int f = 0; f < g; f += 2) {
            boolean paired = f + 1 < g;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    sample(m, rans, raw, u[f], value[f], y, x, w, (int) (k++ % 4));
                    if (paired) {
                        sample(m, rans, raw, u[f + 1], value[f + 1], y, x, w, (int) (k++ % 4));
                    }
                }
            }
        }
        rans.finish();
        raw.finish();
        ByteBuffer out = ByteBuffer.allocate(g * pixels * SIZE[dtype])
                .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < g; f++) {
            for (int p = 0; p < pixels; p++) {
                store(out, dtype, m.mode, value[f][p]);
            }
        }
        return out.array();
    }

    private static void sample(RefModel m, RefRans rans, RefBits raw, long[] u, long[] value, int y, int x, int w,
                               int state) {
        int p = y * w + x;
        if (m.mode == 0) {
            RefTable t = table(m, RefV2.context(m.contextBase, u, y, x, w)); // section 8.4
            int token = rans.decode(state, t, 12);
            long off;
            if (token < 16) {
                off = token;
            } else {
                int nraw = ((token - 16) >> 2) + 2;
                off = ((4L | ((token - 16) & 3)) << nraw) | raw.read(nraw);
            }
            u[p] = off;
            value[p] = m.base[p] + off;
        } else {
            int rawBits = m.mode == 1 ? 21 : 52;
            int token = rans.decode(state, table(m, m.contextBase[p]), 14);
            value[p] = ((long) token << rawBits) | raw.read(rawBits);
        }
    }

    private static RefTable table(RefModel m, int ctx) {
        if (m.tables[ctx] == null) {
            throw fail(ErrorCode.BAD_CHUNK, "context " + ctx + " has no table");
        }
        return m.tables[ctx];
    }

    /** 8.4 and 8.6: a value as an element of the dtype. */
    static void store(ByteBuffer out, int dtype, int mode, long v) {
        switch (dtype) {
            case 1, 4 -> out.put((byte) v);
            case 2, 5 -> out.putShort((short) v);
            case 3, 6 -> out.putInt((int) v);
            case 7 -> out.putInt(mode == 0 ? Float.floatToRawIntBits((float) v) : (int) v);
            default -> out.putLong(mode == 0 ? Double.doubleToRawLongBits((double) v) : v);
        }
    }
}
