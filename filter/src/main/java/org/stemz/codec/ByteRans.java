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
        return pack(data, 0, data.length, counts(data, 0, data.length));
    }

    /** Packs {@code data[from, to)}, whose byte counts are {@code counts}. */
    private static byte[] pack(byte[] data, int from, int to, long[] counts) {
        int n = to - from;
        ByteSink out = new ByteSink(n / 2 + 64);
        out.varint(n);
        if (n == 0) {
            return out.toByteArray();
        }
        FrequencyTable table = FrequencyTable.normalize(counts, SCALE_BITS);
        RansEncoder rans = new RansEncoder(n);
        for (int i = n - 1; i >= 0; i--) {
            int s = data[from + i] & 0xFF;
            rans.put(i & (Rans.STATES - 1), table.cum[s], table.freq[s], SCALE_BITS);
        }
        byte[] coded = rans.finish();
        ByteSink packed = new ByteSink(coded.length + 600);
        TableCodec.write(packed, table);
        packed.varint(coded.length).bytes(coded);
        if (packed.size() + 1 >= n + 1) {
            return out.u8(STORED).bytes(data, from, n).toByteArray();
        }
        return out.u8(RANS).bytes(packed.toByteArray()).toByteArray();
    }

    private static long[] counts(byte[] data, int from, int to) {
        long[] counts = new long[256];
        for (int i = from; i < to; i++) {
            counts[data[i] & 0xFF]++;
        }
        return counts;
    }

    /**
     * Packs {@code data} as one section or, when that is estimated smaller, as sections (method 2) cut at some of
     * {@code cuts} (offsets into {@code data}; those not past the previous one are ignored): a cut is kept only
     * where the two sides are estimated smaller apart than together. Estimates come from the byte counts, so only
     * the chosen form is entropy-coded.
     */
    public static byte[] pack(byte[] data, int[] cuts) {
        java.util.List<int[]> sections = new java.util.ArrayList<>(); // {from, to}, with their counts below
        java.util.List<long[]> sectionCounts = new java.util.ArrayList<>();
        int to = 0;
        for (int cut : withEnd(cuts, data.length)) {
            if (cut <= to || cut > data.length) {
                continue;
            }
            long[] next = counts(data, to, cut);
            int last = sections.size() - 1;
            if (last >= 0) {
                int[] current = sections.get(last);
                long[] joined = sum(sectionCounts.get(last), next);
                if (estimatedBytes(joined) <= estimatedBytes(sectionCounts.get(last)) + estimatedBytes(next)) {
                    current[1] = cut;
                    sectionCounts.set(last, joined);
                    to = cut;
                    continue;
                }
            }
            sections.add(new int[] {to, cut});
            sectionCounts.add(next);
            to = cut;
        }
        long apart = 0;
        long[] whole = new long[256];
        for (long[] c : sectionCounts) {
            apart += estimatedBytes(c);
            whole = sum(whole, c);
        }
        if (sections.size() < 2 || apart >= estimatedBytes(whole)) {
            return pack(data, 0, data.length, whole);
        }
        ByteSink out = new ByteSink((int) apart + 16);
        out.varint(data.length).u8(SECTIONS).varint(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            out.bytes(pack(data, sections.get(i)[0], sections.get(i)[1], sectionCounts.get(i)));
        }
        return out.toByteArray();
    }

    private static long[] sum(long[] a, long[] b) {
        long[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    /**
     * About the bytes {@link #pack(byte[])} takes for a string with these byte counts: the order-0 cost under the
     * normalised table, the table, the four rANS states and the length fields; or the stored string if smaller.
     */
    static long estimatedBytes(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        if (n == 0) {
            return 1;
        }
        FrequencyTable table = FrequencyTable.normalize(counts, SCALE_BITS);
        double bits = 0;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] > 0) {
                bits += counts[s] * (SCALE_BITS - Math.log(table.freq[s]) / Math.log(2));
            }
        }
        ByteSink tableBytes = new ByteSink(600);
        TableCodec.write(tableBytes, table);
        long coded = (long) Math.ceil(bits / 8) + 4 * Rans.STATES;
        long header = ByteSink.varintBytes(n) + 1;
        return header + Math.min(n, tableBytes.size() + ByteSink.varintBytes(coded) + coded);
    }

    /** Estimated packed bytes of {@code data} as one section. */
    static long estimatedBytes(byte[] data) {
        return estimatedBytes(counts(data, 0, data.length));
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
