package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/**
 * Packs a byte string with an order-0 rANS coder (or stores it when that is not smaller). Used for the model,
 * whose varint fields are skewed towards small values.
 */
public final class ByteRans {
    private static final int SCALE_BITS = 12;
    private static final int STORED = 0;
    private static final int RANS = 1;

    private ByteRans() {
    }

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

    /** Unpacks one packed string from {@code in}; the declared length is checked against {@code maxLength}. */
    public static byte[] unpack(ByteSource in, int maxLength, String what) {
        long at = in.position();
        long length = in.varint(what + " length");
        if (length < 0 || length > maxLength) {
            throw new org.stemz.LimitExceededException(at, what + " of " + length + " bytes exceeds the limit of "
                    + maxLength);
        }
        byte[] out = new byte[(int) length];
        if (length == 0) {
            return out;
        }
        int method = in.u8(what + " packing method");
        if (method == STORED) {
            return in.bytes((int) length, what);
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
