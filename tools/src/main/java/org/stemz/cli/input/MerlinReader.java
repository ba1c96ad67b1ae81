package org.stemz.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.cli.Json;

/**
 * Reads a Quantum Detectors Merlin .mib (+ .hdr): 1, 6, 12 and 24-bit counters in the U01/U08/U16/U32 and raw
 * R64 formats, single chip and quad. Frame headers are skipped and kept as metadata. The scan shape comes from
 * {@code scan} if given, else from the .hdr's frames per trigger, else the frames form one axis.
 */
public final class MerlinReader {
    private MerlinReader() {
    }

    public static ArraySource open(Path mib, long[] scan) throws IOException {
        FileChannel ch = FileChannel.open(mib, StandardOpenOption.READ);
        try {
            return open(mib, ch, scan);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    private static ArraySource open(Path mib, FileChannel ch, long[] scan) throws IOException {
        long size = ch.size();
        ByteBuffer first = ByteBuffer.allocate((int) Math.min(size, MerlinHeader.MAX_HEADER_BYTES));
        while (first.hasRemaining() && ch.read(first, first.position()) >= 0) {
            // fill from the file start
        }
        if (first.position() < 100) {
            throw InputErrors.truncated(mib, first.position(), "too short for a Merlin frame header");
        }
        MerlinHeader h = MerlinHeader.parse(mib, 0, first.array(), first.position());
        Map<String, String> hdr = MerlinHdr.readBeside(mib);
        int counterDepth = h.counterDepth() > 0 ? h.counterDepth() : (int) MerlinHdr.number(hdr, "Counter Depth (number)");
        long pixels = (long) h.width() * h.height();
        long stored = storedBytes(mib, h, counterDepth, pixels);
        long stride = h.headerBytes() + stored;
        long frames = size / stride;
        if (size % stride != 0) {
            throw InputErrors.truncated(mib, frames * stride, "file ends inside frame " + frames + ": "
                    + (size % stride) + " of its " + stride + " bytes (header and data) are present");
        }
        long declared = MerlinHdr.number(hdr, "Frames in Acquisition (Number)");
        if (scan == null && declared > frames) {
            throw InputErrors.truncated(mib, size, "the .hdr declares " + declared + " frames but the file holds "
                    + frames + " (give --scan to accept the frames present)");
        }
        long[] shape = ScanShape.withFrame(mib, scan, defaultScan(hdr, frames), frames, h.height(), h.width());
        DataType type = h.isRaw()
                ? counterDepth <= 6 ? DataType.UINT8 : counterDepth == 12 ? DataType.UINT16 : DataType.UINT32
                : switch (h.pixelDepth()) {
                    case "U16" -> DataType.UINT16;
                    case "U32" -> DataType.UINT32;
                    default -> DataType.UINT8;
                };
        // Merlin stores counts big-endian; byte order means nothing for 1-byte counts
        ArrayDescriptor d = new ArrayDescriptor(type, type.size() == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, shape);
        Json meta = SourceMetadata.of("merlin", mib)
                .put("pixel_depth", h.pixelDepth())
                .put("counter_depth", counterDepth)
                .put("layout", h.layout())
                .put("hdr", hdr)
                .put("frame_headers", MerlinFrameHeaders.read(mib, ch, frames, h.headerBytes(), stride));
        FileFrames.FrameDecoder decoder = h.isRaw() ? new MerlinRawDecoder(h.width(), h.height(), counterDepth, h.isQuad())
                : h.pixelDepth().equals("U01") ? MerlinReader::unpackBits : null;
        return FileFrames.framed(mib, ch, d, meta.toString(), 0, h.headerBytes(), (int) stored, 0, decoder);
    }

    static long storedBytes(Path mib, MerlinHeader h, int counterDepth, long pixels) {
        switch (h.pixelDepth()) {
            case "U01":
                if (pixels % 8 != 0) {
                    throw InputErrors.unsupported(mib, "U01 frames need a multiple of 8 pixels");
                }
                return pixels / 8;
            case "U08":
                return pixels;
            case "U16":
                return 2 * pixels;
            case "U32":
                return 4 * pixels;
            default:
                if (MerlinRawDecoder.storedBits(counterDepth) < 0) {
                    throw InputErrors.unsupported(mib, "raw (R64) data with counter depth " + counterDepth
                            + " (expected 1, 6, 12 or 24; from the MQ1A header fields or the .hdr)");
                }
                boolean quadOk = h.isQuad() && h.width() == 512 && h.height() == 512;
                boolean singleOk = h.chips() == 1 && pixels % 64 == 0;
                if (!quadOk && !singleOk) {
                    throw InputErrors.unsupported(mib, "raw (R64) data are supported for one chip or a 2x2 quad "
                            + "of 512x512, not " + h.chips() + " chips in layout " + h.layout() + " of "
                            + h.width() + "x" + h.height());
                }
                return MerlinRawDecoder.storedBytes(h.width(), h.height(), counterDepth);
        }
    }

    /** The scan from the .hdr: (frames / per trigger, per trigger) when that divides evenly, else none. */
    private static long[] defaultScan(Map<String, String> hdr, long frames) {
        long perTrigger = MerlinHdr.number(hdr, "Frames per Trigger (Number)");
        if (perTrigger > 1 && frames % perTrigger == 0) {
            return new long[] {frames / perTrigger, perTrigger};
        }
        return new long[] {frames};
    }

    /** U01: one bit per pixel, eight pixels per byte, most significant bit first. */
    static void unpackBits(byte[] stored, byte[] dst, int offset) {
        for (int i = 0; i < stored.length * 8; i++) {
            dst[offset + i] = (byte) ((stored[i >>> 3] >>> (7 - (i & 7))) & 1);
        }
    }
}
