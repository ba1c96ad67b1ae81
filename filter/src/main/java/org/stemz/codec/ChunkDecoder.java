package org.stemz.codec;

import java.nio.ByteBuffer;
import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/** Decodes a chunk written by {@link ChunkEncoder} into element bytes. */
public final class ChunkDecoder {
    private ChunkDecoder() {
    }

    /**
     * Decodes {@code frames} frames from {@code length} coded bytes at {@code offset} into {@code dst} from byte
     * {@code dstOffset} (absolute; the buffer's position and order are left alone). {@code fileOffset} is where the
     * chunk starts in the file, for error messages.
     */
    public static void decode(Model model, SampleFormat format, byte[] src, int offset, int length, int frames,
                              ByteBuffer dst, int dstOffset, long fileOffset) {
        PixelModel pm = model.pixels;
        int pixels = pm.pixels();
        ByteSource in = new ByteSource(src, offset, length, fileOffset - offset);
        long ransLength = in.varint();
        if (ransLength < 0 || ransLength > in.remaining()) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, in.position(),
                    "rANS stream length " + ransLength + " exceeds the " + in.remaining() + " bytes left in the chunk");
        }
        int ransStart = in.offsetInArray();
        RansDecoder rans = new RansDecoder(src, ransStart, (int) ransLength, fileOffset - offset);
        int rawStart = ransStart + (int) ransLength;
        BitReader raw = new BitReader(src, rawStart, offset + length - rawStart, fileOffset - offset);
        int frameBytes = pixels * format.type().size();
        if (pm.version >= 2 && pm.mode == CodingMode.INT) {
            PaddedPixels padded = pm.padded();
            int[] u = new int[padded.valueSize()];
            FrameOutput output = FrameOutput.of(pm, format);
            for (int f = 0; f < frames; f++) {
                decodeBands(model, padded, rans, raw, u);
                output.write(u, dst, dstOffset + f * frameBytes);
            }
            rans.checkFinished();
            raw.checkFinished();
            return;
        }
        Model.FloatSlots floatSlots = pm.version >= 2 && pm.mode == CodingMode.FLOAT32
                && pm.scaleBits == PixelModel.V2_SCALE_BITS && frames > 0 ? model.floatSlots() : null;
        if (floatSlots != null) {
            decodeFloat32(floatSlots, format, rans, raw, frames, dst, dstOffset, pixels);
            return;
        }
        long[] first = new long[pixels];
        long[] second = new long[pixels];
        for (int f = 0; f < frames; f += 2) {
            long[] pair = f + 1 < frames ? second : null;
            int index = f * pixels;
            if (pm.mode == CodingMode.INT) {
                decodeIntFrames(model, rans, raw, first, pair, index);
                addBase(first, pm.base);
                if (pair != null) {
                    addBase(pair, pm.base);
                }
            } else {
                decodeFloatFrames(model, rans, raw, first, pair, index);
            }
            format.write(first, 0, dst, dstOffset + f * frameBytes, pixels);
            if (pair != null) {
                format.write(pair, 0, dst, dstOffset + (f + 1) * frameBytes, pixels);
            }
        }
        rans.checkFinished();
        raw.checkFinished();
    }

    /**
     * Version-2 FLOAT32 frames, in pairs as the encoder codes them, through {@link FloatLoop}: straight into the
     * array behind {@code dst}, or a pair at a time through a scratch array for a direct buffer.
     */
    private static void decodeFloat32(Model.FloatSlots slots, SampleFormat format, RansDecoder rans, BitReader raw,
                                      int frames, ByteBuffer dst, int dstOffset, int pixels) {
        int frameBytes = 4 * pixels;
        byte[] scratch = dst.hasArray() ? null : new byte[2 * frameBytes];
        for (int f = 0; f < frames; f += 2) {
            boolean pair = f + 1 < frames;
            int at = dstOffset + f * frameBytes;
            if (scratch == null) {
                int a = dst.arrayOffset() + at;
                FloatLoop.decode(rans, raw, slots, pixels, pair, dst.array(), a, a + frameBytes, format.bigEndian(),
                        f * pixels);
            } else {
                FloatLoop.decode(rans, raw, slots, pixels, pair, scratch, 0, frameBytes, format.bigEndian(),
                        f * pixels);
                dst.put(at, scratch, 0, (pair ? 2 : 1) * frameBytes);
            }
        }
        rans.checkFinished();
        raw.checkFinished();
    }

    private static void addBase(long[] u, long[] base) {
        for (int p = 0; p < u.length; p++) {
            u[p] += base[p];
        }
    }

    /**
     * Decodes one frame into {@code a}, or two interleaved frames into {@code a} and {@code b} (see the coding order
     * in {@link ChunkEncoder}); values are offsets from the pixel bases.
     */
    private static void decodeIntFrames(Model model, RansDecoder rans, BitReader raw, long[] a, long[] b, int index) {
        PixelModel pm = model.pixels;
        int w = pm.width;
        int limit = pm.mode.contexts - 1;
        int[] cb = pm.contextBase;
        Model.PackedSlots slots = model.packedSlots();
        int[] rows = slots.row;
        int[] entries = slots.entries;
        for (int y = 0, p = 0; y < pm.height; y++) {
            for (int x = 0; x < w; x++, p++) {
                if (y > 0 && x > 0 && x < w - 1) {
                    // Interior: the common case, without border tests (same contexts as Contexts.intContext).
                    int last = p + w - 1 - x;
                    for (; p < last; p++, x++) {
                        int up = p - w;
                        int c = Contexts.context(cb[p], a[p - 1] + a[up - 1] + a[up] + a[up + 1], limit);
                        a[p] = decodeInt(rans, raw, entries, rows[c], index++);
                        if (b != null) {
                            c = Contexts.context(cb[p], b[p - 1] + b[up - 1] + b[up] + b[up + 1], limit);
                            b[p] = decodeInt(rans, raw, entries, rows[c], index++);
                        }
                    }
                }
                a[p] = decodeInt(rans, raw, entries, rows[Contexts.intContext(cb, a, 0, y, x, w, limit)], index++);
                if (b != null) {
                    b[p] = decodeInt(rans, raw, entries, rows[Contexts.intContext(cb, b, 0, y, x, w, limit)], index++);
                }
            }
        }
    }

    /**
     * Decodes one frame in the banded order of {@link CodedOrder} into {@code u} (offsets from the bases, in the
     * padded layout): row k of a band, two pixels behind row k - 1, uses rANS state k, so the rows are
     * independent chains.
     */
    private static void decodeBands(Model model, PaddedPixels padded, RansDecoder rans, BitReader raw, int[] u) {
        PixelModel pm = model.pixels;
        Model.ByteSlots slots = model.byteSlots();
        boolean[] zeroGroup = new boolean[CodedOrder.BAND_ROWS];
        boolean[] earlierNonzero = new boolean[CodedOrder.BAND_ROWS];
        for (int y0 = 0; y0 < pm.height; y0 += CodedOrder.BAND_ROWS) {
            BandLoop.band(rans, raw, slots, pm, padded, u, y0, zeroGroup, earlierNonzero);
        }
    }

    private static long decodeInt(RansDecoder rans, BitReader raw, int[] entries, int row, int index) {
        int t = rans.getPacked(index & (Rans.STATES - 1), entries, row);
        return CodingMode.intValue(t, raw.read(CodingMode.intRawBits(t)));
    }

    private static void decodeFloatFrames(Model model, RansDecoder rans, BitReader raw, long[] a, long[] b,
                                          int index) {
        PixelModel pm = model.pixels;
        if (pm.version >= 2) {
            Model.ShortSlots slots = model.shortSlots();
            int alphabetBits = Integer.numberOfTrailingZeros(pm.mode.alphabet);
            int rawBits = pm.mode.rawBitsOfFloat();
            for (int p = 0; p < a.length; p++) {
                int row = slots.row[pm.contextBase[p]];
                if (row == 0) {
                    throw Model.missingTable(pm.contextBase[p]);
                }
                long t = rans.getShortSlot(index++ & (Rans.STATES - 1), slots.symbols, slots.freqCum, row, alphabetBits);
                a[p] = t << rawBits | raw.readLong(rawBits);
                if (b != null) {
                    t = rans.getShortSlot(index++ & (Rans.STATES - 1), slots.symbols, slots.freqCum, row, alphabetBits);
                    b[p] = t << rawBits | raw.readLong(rawBits);
                }
            }
            return;
        }
        int scale = pm.scaleBits;
        int rawBits = pm.mode.rawBitsOfFloat();
        FrequencyTable.Decoding[] decodings = model.decodings();
        for (int p = 0; p < a.length; p++) {
            a[p] = decodeFloat(rans, raw, decodings, index++, scale, rawBits, pm.contextBase[p]);
            if (b != null) {
                b[p] = decodeFloat(rans, raw, decodings, index++, scale, rawBits, pm.contextBase[p]);
            }
        }
    }

    private static long decodeFloat(RansDecoder rans, BitReader raw, FrequencyTable.Decoding[] decodings, int index,
                                    int scale, int rawBits, int context) {
        FrequencyTable.Decoding d = decodings[context];
        if (d == null) {
            throw Model.missingTable(context);
        }
        int t = rans.get(index & (Rans.STATES - 1), d, scale);
        return (long) t << rawBits | raw.readLong(rawBits);
    }
}
