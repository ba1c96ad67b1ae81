package org.stemz.codec;

import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

/** Decodes a chunk written by {@link ChunkEncoder} into element bytes. */
public final class ChunkDecoder {
    private ChunkDecoder() {
    }

    /**
     * Decodes {@code frames} frames from {@code length} coded bytes at {@code offset} into {@code dst} from byte
     * {@code dstOffset}. {@code fileOffset} is where the chunk starts in the file, for error messages.
     */
    public static void decode(Model model, SampleFormat format, byte[] src, int offset, int length, int frames,
                              byte[] dst, int dstOffset, long fileOffset) {
        PixelModel pm = model.pixels;
        int pixels = pm.pixels();
        ByteSource in = new ByteSource(src, offset, length, fileOffset - offset);
        long ransLength = in.varint();
        if (ransLength > in.remaining()) {
            throw new CorruptInputException(ErrorCode.BAD_CHUNK, in.position(),
                    "rANS stream length " + ransLength + " exceeds the " + in.remaining() + " bytes left in the chunk");
        }
        int ransStart = in.offsetInArray();
        RansDecoder rans = new RansDecoder(src, ransStart, (int) ransLength, fileOffset - offset);
        int rawStart = ransStart + (int) ransLength;
        BitReader raw = new BitReader(src, rawStart, offset + length - rawStart, fileOffset - offset);
        long[] u = new long[pixels];
        long[] samples = new long[pixels];
        for (int f = 0; f < frames; f++) {
            if (pm.mode == CodingMode.INT) {
                decodeIntFrame(model, rans, raw, u, f * pixels);
                for (int p = 0; p < pixels; p++) {
                    samples[p] = u[p] + pm.base[p];
                }
            } else {
                decodeFloatFrame(model, rans, raw, samples, f * pixels);
            }
            format.write(samples, 0, dst, dstOffset + f * pixels * format.type().size(), pixels);
        }
        rans.checkFinished();
        raw.checkFinished();
    }

    private static void decodeIntFrame(Model model, RansDecoder rans, BitReader raw, long[] u, int firstIndex) {
        PixelModel pm = model.pixels;
        int scale = pm.mode.scaleBits;
        int limit = pm.mode.contexts - 1;
        int index = firstIndex;
        for (int y = 0, p = 0; y < pm.height; y++) {
            for (int x = 0; x < pm.width; x++, p++, index++) {
                int c = Contexts.intContext(pm.contextBase, u, 0, y, x, pm.width, limit);
                int t = rans.get(index & (Rans.STATES - 1), model.decoding(c), scale);
                int n = CodingMode.intRawBits(t);
                u[p] = CodingMode.intValue(t, n == 0 ? 0 : raw.read(n));
            }
        }
    }

    private static void decodeFloatFrame(Model model, RansDecoder rans, BitReader raw, long[] samples,
                                         int firstIndex) {
        PixelModel pm = model.pixels;
        int scale = pm.mode.scaleBits;
        int rawBits = pm.mode.rawBitsOfFloat();
        for (int p = 0; p < samples.length; p++) {
            int t = rans.get((firstIndex + p) & (Rans.STATES - 1), model.decoding(pm.contextBase[p]), scale);
            samples[p] = (long) t << rawBits | raw.readLong(rawBits);
        }
    }
}
