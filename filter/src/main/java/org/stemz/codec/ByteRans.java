package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/**
 * Packs a byte string with an order-0 rANS coder (or stores it when that is not smaller). Used for the model,
 * whose varint fields are skewed towards small values. Version 2 may also cut the string into sections packed
 * one by one (method 2): the model's fields (bases, levels, run lists, tables) have very different byte
 * statistics, and one table for all of them wastes up to half the packed model of a few-frame archive.
 */
public final class ByteRans {
    private static final int SCALE_BITS = 12;
    private static final int STORED = 0;
    private static final int RANS = 1;
    private static final int SECTIONS = 2;

    private ByteRans() {
    }

    /** Packs {@code data} as one section (method 0 or 1, whichever is smaller). */
    public static byte[] pack(byte[] data) {
        ByteSink out = new ByteSink(data.length / 2 + 64);
        out.varint(data.length);
        if (data.length == 0) {
            return out.toByteArray();
        }
        long[] counts = new long[256];
        for (byte b : data) {
            counts[b & 0xFF]++;
        }
        FrequencyTable table = FrequencyTable.normalize(counts, SCALE_BITS);
        RansEncoder rans = new RansEncoder(data.length);
        for (int i = data.length - 1; i >= 0; i--) {
            int s = data[i] & 0xFF;
            rans.put(i & (Rans.STATES - 1), table.cum[s], table.freq[s], SCALE_BITS);
        }
        byte[] coded = rans.finish();
        ByteSink packed = new ByteSink(coded.length + 600);
        TableCodec.write(packed, table);
        packed.varint(coded.length).bytes(coded);
        if (packed.size() + 1 >= data.length + 1) {
            return out.u8(STORED).bytes(data).toByteArray();
        }
        return out.u8(RANS).bytes(packed.toByteArray()).toByteArray();
    }

    /**
     * Packs {@code data} as one section or, when smaller, as sections (method 2) cut at some of {@code cuts}
     * (increasing offsets into {@code data}): a cut is kept only where packing the two sides apart is smaller.
     */
    public static byte[] pack(byte[] data, int[] cuts) {
        byte[] whole = pack(data);
        java.util.List<byte[]> sections = new java.util.ArrayList<>();
        int from = 0; // the current section is data[from, to), packed as current
        int to = 0;
        byte[] current = null;
        for (int cut : withEnd(cuts, data.length)) {
            if (cut <= to || cut > data.length) {
                continue;
            }
            byte[] next = pack(java.util.Arrays.copyOfRange(data, to, cut));
            if (current != null) {
                byte[] joined = pack(java.util.Arrays.copyOfRange(data, from, cut));
                if (joined.length <= current.length + next.length) {
                    current = joined;
                    to = cut;
                    continue;
                }
                sections.add(current);
                from = to;
            }
            current = next;
            to = cut;
        }
        if (current != null) {
            sections.add(current);
        }
        if (sections.size() < 2) {
            return whole;
        }
        ByteSink out = new ByteSink(whole.length + 16);
        out.varint(data.length).u8(SECTIONS).varint(sections.size());
        for (byte[] s : sections) {
            out.bytes(s);
        }
        return out.size() < whole.length ? out.toByteArray() : whole;
    }

    private static int[] withEnd(int[] cuts, int end) {
        int[] all = java.util.Arrays.copyOf(cuts, cuts.length + 1);
        all[cuts.length] = end;
        return all;
    }

    /**
     * Unpacks one packed string from {@code in}; the declared length is checked against {@code maxLength}.
     * {@code sections}: whether method 2 is allowed (version 2).
     */
    public static byte[] unpack(ByteSource in, int maxLength, String what, boolean sections) {
        long at = in.position();
        long length = in.varint(what + " length");
        if (length < 0 || length > maxLength) {
            throw new org.stemz.LimitExceededException(at, what + " of " + length + " bytes exceeds the limit of "
                    + maxLength);
        }
        if (length == 0) {
            return new byte[0];
        }
        int method = in.u8(what + " packing method");
        if (method == SECTIONS && sections) {
            return unpackSections(in, (int) length, what);
        }
        return unpackSection(in, method, (int) length, what);
    }

    /** Method 2: a varint section count of at least 2, then that many non-empty packed strings of method 0 or 1. */
    private static byte[] unpackSections(ByteSource in, int length, String what) {
        int count = in.varint(what + " section count", length);
        if (count < 2) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, in.position() - 1,
                    what + ": " + count + " sections (a sectioned string has at least 2)");
        }
        byte[] out = new byte[length];
        int filled = 0;
        for (int i = 0; i < count; i++) {
            String section = what + " section " + i;
            long at = in.position();
            long n = in.varint(section + " length");
            if (n <= 0 || n > length - filled) {
                throw new CorruptInputException(ErrorCode.BAD_MODEL, at, section + ": " + Long.toUnsignedString(n)
                        + " bytes, where 1 to " + (length - filled) + " of the declared " + length + " remain");
            }
            byte[] part = unpackSection(in, in.u8(section + " packing method"), (int) n, section);
            System.arraycopy(part, 0, out, filled, part.length);
            filled += part.length;
        }
        if (filled != length) {
            throw new CorruptInputException(ErrorCode.BAD_MODEL, in.position(),
                    what + ": sections hold " + filled + " bytes, " + length + " declared");
        }
        return out;
    }

    /** A section of {@code length} (> 0) bytes of method 0 (stored) or 1 (rANS), after its method byte. */
    private static byte[] unpackSection(ByteSource in, int method, int length, String what) {
        if (method == STORED) {
            return in.bytes(length, what);
        }
        if (method != RANS) {
            throw new CorruptInputException(ErrorCode.RESERVED_VALUE, in.position() - 1,
                    what + ": unknown packing method " + method);
        }
        FrequencyTable table = TableCodec.read(in, 256, SCALE_BITS, what);
        long codedAt = in.position();
        int codedLength = in.varint(what + " coded length", Integer.MAX_VALUE);
        if (codedLength > in.remaining()) { // after the varint: the bound must not include the varint's own bytes
            throw new CorruptInputException(ErrorCode.BAD_MODEL, codedAt, what + ": coded length " + codedLength
                    + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] out = new byte[length];
        RansDecoder rans = new RansDecoder(in.array(), in.offsetInArray(), codedLength, in.position() - in.offsetInArray());
        FrequencyTable.Decoding d = table.decoding();
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) rans.get(i & (Rans.STATES - 1), d, SCALE_BITS);
        }
        rans.checkFinished();
        in.skip(codedLength, what);
        return out;
    }
}
