package org.stemz.cli.input;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

/**
 * Merlin frames (MIB header + pixels, exactly as the detector sends them) for the stream simulator: the frames of
 * a .mib file as stored, or frames made from any unsigned-integer array (U08/U16/U32 with a generated header), or
 * a synthetic diffraction pattern. Thread-safe reads by frame number.
 */
public final class MibFrames implements Closeable {
    /** Size of generated headers, as the detector's single-chip header. */
    static final int GENERATED_HEADER_BYTES = 384;

    private final long count;
    private final int headerBytes;
    private final int dataBytes;
    private final byte[] hdr;
    private final long perTrigger;
    private final int counterDepth;
    private final FileChannel file;
    private final ArraySource array;
    private final byte[] headerTemplate;

    private MibFrames(long count, int headerBytes, int dataBytes, byte[] hdr, long perTrigger, int counterDepth,
                      FileChannel file, ArraySource array, byte[] headerTemplate) {
        this.count = count;
        this.headerBytes = headerBytes;
        this.dataBytes = dataBytes;
        this.hdr = hdr;
        this.perTrigger = perTrigger;
        this.counterDepth = counterDepth;
        this.file = file;
        this.array = array;
        this.headerTemplate = headerTemplate;
    }

    /** The frames of a .mib file, byte for byte; its .hdr (if any) is the acquisition header. */
    public static MibFrames ofMib(Path mib) throws IOException {
        FileChannel ch = FileChannel.open(mib, StandardOpenOption.READ);
        try {
            byte[] first = new byte[(int) Math.min(ch.size(), MerlinHeader.MAX_HEADER_BYTES)];
            ch.read(ByteBuffer.wrap(first), 0);
            MerlinHeader h = MerlinHeader.parse(mib, 0, first, first.length);
            Map<String, String> fields = MerlinHdr.readBeside(mib);
            int depth = h.counterDepth() > 0 ? h.counterDepth() : (int) MerlinHdr.number(fields, "Counter Depth (number)");
            int stored = (int) MerlinReader.storedBytes(mib, h, depth, (long) h.width() * h.height());
            long count = ch.size() / (h.headerBytes() + stored);
            String name = mib.getFileName().toString();
            Path hdrFile = mib.resolveSibling(name.substring(0, name.length() - 4) + ".hdr");
            byte[] hdr = Files.isRegularFile(hdrFile) ? Files.readAllBytes(hdrFile) : null;
            long perTrigger = Math.max(1, MerlinHdr.number(fields, "Frames per Trigger (Number)"));
            return new MibFrames(count, h.headerBytes(), stored, hdr, perTrigger, depth, ch, null, null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Frames of an unsigned-integer array, as U08, U16 or U32 MIB frames (big-endian) with generated headers. */
    public static MibFrames ofArray(ArraySource source) {
        ArrayDescriptor d = source.descriptor();
        String depth = switch (d.type()) {
            case UINT8 -> "U08";
            case UINT16 -> "U16";
            case UINT32 -> "U32";
            default -> throw new org.stemz.cli.UsageException("Merlin frames hold unsigned integers, not "
                    + d.type().name().toLowerCase());
        };
        int counterDepth = d.type() == DataType.UINT8 ? 6 : d.type() == DataType.UINT16 ? 12 : 24;
        long[] shape = d.shape();
        long perTrigger = shape.length >= 4 ? shape[shape.length - 3] : 1;
        byte[] template = header(1, d.frameWidth(), d.frameHeight(), depth, counterDepth);
        return new MibFrames(d.frames(), GENERATED_HEADER_BYTES, d.framePixels() * d.type().size(), null, perTrigger,
                counterDepth, null, source, template);
    }

    /**
     * {@code count} distinct synthetic frames of {@code size x size} 12-bit counts: a bright disk that wanders by
     * a few pixels, Poisson noise, a sparse background, as from a Merlin in 12-bit mode.
     */
    public static MibFrames synthetic(int count, int size, long seed) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(count * size * size * 2).order(ByteOrder.BIG_ENDIAN);
        for (int f = 0; f < count; f++) {
            double cy = size / 2.0 + 3 * Math.sin(f * 0.37);
            double cx = size / 2.0 + 3 * Math.cos(f * 0.23);
            double radius = size / 8.0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                    double mean = d2 < radius * radius ? 300 : 40 * Math.exp(-d2 / (size * size / 16.0)) + 0.02;
                    b.putShort((short) Math.min(4095, poisson(r, mean)));
                }
            }
        }
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.BIG_ENDIAN, count, size, size);
        return ofArray(new InMemorySource(d, b.array(), "{}"));
    }

    private static int poisson(Random r, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    /** A frame header as the detector writes it (single chip layout), NUL-padded to {@link #GENERATED_HEADER_BYTES}. */
    static byte[] header(long seq, int w, int h, String depth, int counterDepth) {
        String s = String.format(java.util.Locale.ROOT, "MQ1,%06d,%05d,01,%04d,%04d,%s,   1x1,01,2026-01-01 00:00:00.000000,"
                + "0.001000,0,0,0,1.000000E+1,5.110000E+2,0.000000E+0,0.000000E+0,0.000000E+0,0.000000E+0,0.000000E+0,"
                + "0.000000E+0,3RX,068,511,000,000,000,000,000,000,100,255,100,125,100,100,080,100,090,030,128,004,255,"
                + "126,128,174,172,511,511,MQ1A,2026-01-01T00:00:00.000000000Z,1000000ns,%d,", seq % 1_000_000,
                GENERATED_HEADER_BYTES, w, h, depth, counterDepth);
        byte[] out = new byte[GENERATED_HEADER_BYTES];
        byte[] text = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    public long count() {
        return count;
    }

    /** Bytes of one frame: header and pixels. */
    public int frameBytes() {
        return headerBytes + dataBytes;
    }

    public int headerBytes() {
        return headerBytes;
    }

    /**
     * The acquisition header for a stream of {@code total} frames: the .hdr as stored when it describes exactly
     * that many frames, else one made of the fields a reader needs.
     */
    public byte[] acquisitionHeader(long total) {
        if (hdr != null && total == count) {
            return hdr.clone();
        }
        long trigger = total % perTrigger == 0 ? perTrigger : 1;
        String s = "HDR,\t\nFrames in Acquisition (Number):\t" + total + "\nFrames per Trigger (Number):\t" + trigger
                + "\nCounter Depth (number):\t" + counterDepth + "\nEnd\t";
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Header and pixels of frame {@code i % count}, its sequence number set to {@code i + 1}, into {@code dst}. */
    public void read(long i, byte[] dst, int offset) throws IOException {
        long k = i % count;
        if (file != null) {
            ByteBuffer b = ByteBuffer.wrap(dst, offset, frameBytes());
            long at = k * frameBytes();
            while (b.hasRemaining()) {
                if (file.read(b, at + b.position() - offset) < 0) {
                    throw new java.io.EOFException("the .mib ends inside frame " + k);
                }
            }
        } else {
            System.arraycopy(headerTemplate, 0, dst, offset, headerBytes);
            array.readFrames(k, 1, dst, offset + headerBytes);
            if (array.descriptor().order() == ByteOrder.LITTLE_ENDIAN) {
                swap(dst, offset + headerBytes, dataBytes, array.descriptor().type().size());
            }
        }
        setSequence(dst, offset, i + 1);
    }

    /** Rewrites field 1 (the sequence number) in place, keeping its width. */
    private static void setSequence(byte[] frame, int offset, long seq) {
        int end = offset + 4;
        while (end < offset + 24 && frame[end] != ',') {
            end++;
        }
        long v = seq;
        for (int p = end - 1; p >= offset + 4; p--) {
            frame[p] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    private static void swap(byte[] b, int off, int len, int size) {
        for (int i = off; i < off + len; i += size) {
            for (int j = 0; j < size / 2; j++) {
                byte t = b[i + j];
                b[i + j] = b[i + size - 1 - j];
                b[i + size - 1 - j] = t;
            }
        }
    }

    /** Writes {@code total} frames as a .mib file (+ .hdr beside it). */
    public void writeMib(Path mib, long total) throws IOException {
        byte[] frame = new byte[frameBytes()];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mib), 1 << 20)) {
            for (long i = 0; i < total; i++) {
                read(i, frame, 0);
                out.write(frame);
            }
        }
        String name = mib.getFileName().toString();
        Files.write(mib.resolveSibling(name.substring(0, name.length() - 4) + ".hdr"), acquisitionHeader(total));
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
        if (array != null) {
            array.close();
        }
    }
}
