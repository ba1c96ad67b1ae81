package org.stemz.cli.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.StemzException;
import org.stemz.cli.Json;

/**
 * Parses Merlin frames as they arrive: the detector's TCP data stream (each message {@code MPX,<10 digits>,}
 * followed by that many bytes minus one: first the acquisition header "HDR,...End", then one MIB frame, header and
 * pixels, per message) or bare .mib content (frames back to back, from a pipe or a growing file). The first frame
 * header fixes the layout; every later one must match it, and both must match the acquisition header. Every
 * problem is a {@link FrameStreamException} naming the frame and the byte offset in the stream.
 */
public final class MerlinStream implements FrameStream {
    static final int PREFIX_BYTES = 15;
    private static final int MAX_ACQUISITION_HEADER = 1 << 20;
    /** "MQ1,sequence,header size," fits in this many bytes in any header we accept. */
    private static final int MAX_LEAD = 40;

    private final StreamBytes in;
    private final Closeable resource;
    private final String source;
    private final boolean mpx;
    private final Map<String, String> acquisition;
    private final MerlinHeader first;
    private final int storedBytes;
    private final FileFrames.FrameDecoder decoder;
    private final byte[] stored;
    private final byte[] headerBuffer;
    private final MerlinHeaderTemplate template;
    private final StreamLayout layout;
    private boolean firstPending = true;
    private long frames;
    private long lastSequence = -1;
    private long gaps;
    private String endReason;

    private MerlinStream(StreamBytes in, Closeable resource, String source, boolean mpx,
                         Map<String, String> acquisition, byte[] firstHeader, long expected, long[] scan) {
        this.in = in;
        this.resource = resource;
        this.source = source;
        this.mpx = mpx;
        this.acquisition = acquisition;
        long headerStart = in.position() - firstHeader.length;
        this.first = parseHeader(firstHeader, 0, headerStart);
        this.headerBuffer = new byte[first.headerBytes()];
        int depth = first.counterDepth() > 0 ? first.counterDepth()
                : (int) MerlinHdr.number(acquisition, "Counter Depth (number)");
        checkAgainstAcquisition(headerStart);
        long pixels = (long) first.width() * first.height();
        this.storedBytes = (int) MerlinReader.storedBytes(Path.of(source), first, depth, pixels);
        this.stored = new byte[storedBytes];
        this.decoder = first.isRaw() ? new MerlinRawDecoder(first.width(), first.height(), depth, first.isQuad())
                : first.pixelDepth().equals("U01") ? MerlinReader::unpackBits : null;
        DataType type = typeOf(first, depth);
        ByteOrder order = type.size() == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        long[] s = scan != null ? scan : defaultScan(acquisition);
        long announced = MerlinHdr.number(acquisition, "Frames in Acquisition (Number)");
        long want = expected >= 0 ? expected : scan != null ? product(scan) : announced > 0 ? announced : -1;
        Json meta = Json.object().put("source_format", mpx ? "merlin-tcp" : "merlin-stream").put("source", source)
                .put("pixel_depth", first.pixelDepth()).put("counter_depth", depth).put("layout", first.layout())
                .put("hdr", acquisition)
                .put("frame_headers", Json.object().put("first", headerText(firstHeader)));
        this.layout = new StreamLayout(type, order, first.height(), first.width(), want, s, meta.toString());
        System.arraycopy(firstHeader, 0, headerBuffer, 0, firstHeader.length);
        this.template = new MerlinHeaderTemplate(headerBuffer);
        this.lastSequence = sequence(firstHeader);
    }

    /**
     * Reads the stream's headers (the acquisition header if there is one, and the first frame's header) and
     * returns the stream positioned on the first frame's pixels. {@code hdr}: fields of a .hdr beside the data
     * (used when the stream has no acquisition header); {@code expected} (or -1) and {@code scan} (or null)
     * override what the acquisition header says. {@code resource} is closed with the stream.
     */
    public static MerlinStream open(InputStream stream, Closeable resource, String source, Map<String, String> hdr,
                                    long expected, long[] scan) throws IOException {
        return open(new StreamBytes(stream, 1 << 20), resource, source, hdr, expected, scan);
    }

    static MerlinStream open(StreamBytes in, Closeable resource, String source, Map<String, String> hdr,
                             long expected, long[] scan) throws IOException {
        Reader r = new Reader(in, source);
        byte[] lead = r.peek(4, 0);
        String magic = new String(lead, StandardCharsets.ISO_8859_1);
        boolean mpx = magic.equals("MPX,");
        if (!mpx && !magic.equals("MQ1,")) {
            throw r.error(ErrorCode.RESERVED_VALUE, 0, 0, "expected a Merlin stream (\"MPX,\" or \"MQ1,\"), found "
                    + printable(lead));
        }
        Map<String, String> fields = new LinkedHashMap<>(hdr == null ? Map.of() : hdr);
        long length = -1;
        if (mpx) {
            length = r.prefix(0, true);
            if (length < 0) {
                throw r.error(ErrorCode.TRUNCATED, in.position(), 0, "the stream ended before the first frame");
            }
            if (new String(r.peek(4, 0), StandardCharsets.ISO_8859_1).equals("HDR,")) {
                fields.putAll(r.acquisitionHeader(length));
                length = r.prefix(0, true);
                if (length < 0) {
                    throw r.error(ErrorCode.TRUNCATED, in.position(), 0,
                            "the stream ended after the acquisition header, before the first frame");
                }
            }
        }
        byte[] header = r.frameHeader(0, -1, !mpx);
        if (header == null) {
            throw r.error(ErrorCode.TRUNCATED, in.position(), 0, "the stream holds no frame");
        }
        MerlinStream s = new MerlinStream(in, resource, source, mpx, fields, header, expected, scan);
        if (mpx) {
            s.checkLength(0, length, in.position() - header.length - PREFIX_BYTES);
        }
        return s;
    }

    @Override
    public StreamLayout layout() {
        return layout;
    }

    @Override
    public long bytesRead() {
        return in.position();
    }

    @Override
    public String endReason() {
        return endReason;
    }

    @Override
    public long sequenceGaps() {
        return gaps;
    }

    @Override
    public boolean next(byte[] dst, int offset) throws IOException {
        Reader r = new Reader(in, source);
        long frameStart = in.position();
        if (firstPending) {
            firstPending = false;
        } else {
            if (layout.expectedFrames() >= 0 && frames >= layout.expectedFrames()) {
                endReason = "all " + frames + " frames received";
                return false;
            }
            long length = -1;
            try {
                if (mpx) {
                    length = r.prefix(frames, true);
                    if (length >= 0 && new String(r.peek(4, frames), StandardCharsets.ISO_8859_1).equals("HDR,")) {
                        return endAtBoundary("a new acquisition header after frame " + (frames - 1));
                    }
                }
                byte[] header = length < 0 && mpx ? null : r.frameHeader(frames, first.headerBytes(), !mpx);
                if (header == null) {
                    return endAtBoundary("the stream ended after " + frames + " frames");
                }
                System.arraycopy(header, 0, headerBuffer, 0, header.length);
            } catch (IdleException e) {
                if (layout.expectedFrames() < 0) {
                    endReason = "no data within the read timeout after " + frames + " frames";
                    return false;
                }
                throw r.error(ErrorCode.TRUNCATED, frameStart, frames, "stalled: no data within the read timeout after "
                        + frames + " of the " + layout.expectedFrames() + " frames expected");
            }
            MerlinHeader h = template.matches(headerBuffer) ? first
                    : parseHeader(headerBuffer, frames, in.position() - headerBuffer.length);
            if (!h.equals(first)) {
                throw r.error(ErrorCode.RESERVED_VALUE, in.position() - headerBuffer.length, frames,
                        "frame header " + describe(h) + " does not match the first frame's " + describe(first));
            }
            if (mpx) {
                checkLength(frames, length, frameStart);
            }
            long seq = sequence(headerBuffer);
            if (seq >= 0 && lastSequence >= 0 && seq > lastSequence + 1) {
                gaps += seq - lastSequence - 1;
            }
            lastSequence = seq;
        }
        byte[] target = decoder == null ? dst : stored;
        int at = decoder == null ? offset : 0;
        int got = r.readFully(target, at, storedBytes, frames, "the pixels of");
        if (got < storedBytes) {
            throw r.error(ErrorCode.TRUNCATED, in.position(), frames, "the stream ended inside the frame: " + got
                    + " of its " + storedBytes + " pixel bytes arrived");
        }
        if (decoder != null) {
            decoder.decode(stored, dst, offset);
        }
        frames++;
        return true;
    }

    private boolean endAtBoundary(String why) {
        if (layout.expectedFrames() >= 0 && frames < layout.expectedFrames()) {
            throw new FrameStreamException(ErrorCode.TRUNCATED, in.position(), source, frames, why + " of the "
                    + layout.expectedFrames() + " expected");
        }
        endReason = why;
        return false;
    }

    private void checkLength(long frame, long length, long prefixAt) {
        long want = (long) first.headerBytes() + storedBytes;
        if (length != want) {
            throw new FrameStreamException(ErrorCode.RESERVED_VALUE, prefixAt, source, frame, "the MPX prefix announces "
                    + length + " bytes but the frame header describes " + want + " (" + first.headerBytes()
                    + " header + " + storedBytes + " pixel bytes)");
        }
    }

    private void checkAgainstAcquisition(long offset) {
        long depth = MerlinHdr.number(acquisition, "Counter Depth (number)");
        if (depth > 0 && first.counterDepth() > 0 && depth != first.counterDepth()) {
            throw new FrameStreamException(ErrorCode.RESERVED_VALUE, offset, source, 0, "the frame header's counter depth "
                    + first.counterDepth() + " does not match the acquisition header's " + depth);
        }
        String assembly = acquisition.get("Assembly Size (NX1, 2X2)");
        if (assembly != null && !assembly.trim().equalsIgnoreCase(first.layout().trim())) {
            throw new FrameStreamException(ErrorCode.RESERVED_VALUE, offset, source, 0, "the frame header's layout '"
                    + first.layout().trim() + "' does not match the acquisition header's assembly size '" + assembly.trim() + "'");
        }
    }

    private MerlinHeader parseHeader(byte[] header, long frame, long offset) {
        try {
            return MerlinHeader.parse(Path.of("frame header"), offset, header, header.length);
        } catch (StemzException e) {
            String m = e.getMessage();
            throw new FrameStreamException(e.code(), offset, source, frame, m.substring(m.indexOf(": ") + 2));
        }
    }

    private static String describe(MerlinHeader h) {
        return h.width() + "x" + h.height() + " " + h.pixelDepth() + " " + h.chips() + " chip(s) " + h.layout().trim()
                + " header " + h.headerBytes() + " bytes" + (h.counterDepth() > 0 ? " depth " + h.counterDepth() : "");
    }

    private static String headerText(byte[] header) {
        return new String(header, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
    }

    /** The frame's sequence number (field 1), or -1. */
    private static long sequence(byte[] header) {
        long v = 0;
        int i = 4;
        for (; i < Math.min(header.length, 24) && header[i] != ','; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return i == 4 ? -1 : v;
    }

    static DataType typeOf(MerlinHeader h, int counterDepth) {
        if (h.isRaw()) {
            return counterDepth <= 6 ? DataType.UINT8 : counterDepth == 12 ? DataType.UINT16 : DataType.UINT32;
        }
        return switch (h.pixelDepth()) {
            case "U16" -> DataType.UINT16;
            case "U32" -> DataType.UINT32;
            default -> DataType.UINT8;
        };
    }

    /** (frames / per trigger, per trigger) from the acquisition header when that divides evenly, else null. */
    private static long[] defaultScan(Map<String, String> hdr) {
        long total = MerlinHdr.number(hdr, "Frames in Acquisition (Number)");
        long perTrigger = MerlinHdr.number(hdr, "Frames per Trigger (Number)");
        if (total > 0 && perTrigger > 1 && total % perTrigger == 0) {
            return new long[] {total / perTrigger, perTrigger};
        }
        return null;
    }

    private static long product(long[] scan) {
        long p = 1;
        for (long s : scan) {
            p *= s;
        }
        return p;
    }

    static String printable(byte[] b) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < Math.min(b.length, 16); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.append(b.length > 16 ? "...\"" : "\"").toString();
    }

    @Override
    public void close() throws IOException {
        if (resource != null) {
            resource.close();
        }
    }

    /** A read at a frame boundary timed out before any byte of the frame arrived. */
    private static final class IdleException extends IOException {
    }

    /** The reading steps, each turning end of stream, timeouts and I/O errors into typed errors. */
    private static final class Reader {
        private final StreamBytes in;
        private final String source;

        Reader(StreamBytes in, String source) {
            this.in = in;
            this.source = source;
        }

        FrameStreamException error(ErrorCode code, long offset, long frame, String message) {
            return new FrameStreamException(code, offset, source, frame, message);
        }

        byte[] peek(int n, long frame) throws IOException {
            try {
                return in.peek(n);
            } catch (IOException e) {
                throw failure(e, frame, in.position(), "the next message of");
            }
        }

        /**
         * Reads {@code len} bytes; returns fewer only at the end of the stream. A timeout before the first byte
         * of a frame ({@code boundary}) is an {@link IdleException}; any other I/O error a typed error.
         */
        int read(byte[] b, int off, int len, long frame, String what, boolean boundary) throws IOException {
            long start = in.position();
            try {
                return in.read(b, off, len);
            } catch (StreamBytes.PartialReadException e) {
                if (boundary && e.done == 0 && e.getCause() instanceof SocketTimeoutException) {
                    throw new IdleException();
                }
                throw failure(e.getCause() instanceof IOException io ? io : e, frame, start + e.done, what);
            }
        }

        int readFully(byte[] b, int off, int len, long frame, String what) throws IOException {
            return read(b, off, len, frame, what, false);
        }

        private FrameStreamException failure(IOException e, long frame, long offset, String what) {
            String why = e instanceof SocketTimeoutException ? "stalled: no data within the read timeout"
                    : "connection lost (" + e.getMessage() + ")";
            FrameStreamException x = error(ErrorCode.TRUNCATED, offset, frame, why + " while reading " + what + " frame");
            x.initCause(e);
            return x;
        }

        /** Reads an MPX prefix and returns the length of its message, or -1 at a clean end of the stream. */
        long prefix(long frame, boolean boundary) throws IOException {
            byte[] p = new byte[PREFIX_BYTES];
            long at = in.position();
            int got = read(p, 0, PREFIX_BYTES, frame, "the MPX prefix of", boundary);
            if (got == 0) {
                return -1;
            }
            if (got < PREFIX_BYTES) {
                throw error(ErrorCode.TRUNCATED, at + got, frame, "the stream ended inside an MPX prefix");
            }
            String text = new String(p, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("MPX,") || text.charAt(14) != ',' || !text.substring(4, 14).chars().allMatch(Character::isDigit)) {
                throw error(ErrorCode.RESERVED_VALUE, at, frame, "expected an MPX prefix (\"MPX,<10 digits>,\"), found "
                        + printable(p));
            }
            long length = Long.parseLong(text.substring(4, 14));
            if (length < 1) {
                throw error(ErrorCode.RESERVED_VALUE, at, frame, "MPX length " + length + " is below 1");
            }
            return length - 1; // the length counts the comma after the digits
        }

        Map<String, String> acquisitionHeader(long length) throws IOException {
            long at = in.position();
            if (length > MAX_ACQUISITION_HEADER) {
                throw error(ErrorCode.LIMIT_EXCEEDED, at, 0, "an acquisition header of " + length
                        + " bytes (more than " + MAX_ACQUISITION_HEADER + ")");
            }
            byte[] b = new byte[(int) length];
            int got = readFully(b, 0, b.length, 0, "the acquisition header before the first");
            if (got < b.length) {
                throw error(ErrorCode.TRUNCATED, in.position(), 0, "the stream ended inside the acquisition header");
            }
            return MerlinHdr.parse(new String(b, StandardCharsets.ISO_8859_1));
        }

        /**
         * Reads a frame header: "MQ1,", the sequence number and the header size, then the rest. Returns null at a
         * clean end of the stream before its first byte (only where {@code boundary}). {@code size}: the size the
         * header must have (-1 for the first frame).
         */
        byte[] frameHeader(long frame, int size, boolean boundary) throws IOException {
            long at = in.position();
            byte[] lead = new byte[MAX_LEAD];
            int got = read(lead, 0, 4, frame, "the header of", boundary);
            if (got == 0 && boundary) {
                return null;
            }
            if (got < 4) {
                throw error(ErrorCode.TRUNCATED, at + got, frame, "the stream ended inside the frame header");
            }
            if (lead[0] != 'M' || lead[1] != 'Q' || lead[2] != '1' || lead[3] != ',') {
                throw error(ErrorCode.RESERVED_VALUE, at, frame, "expected a frame header (\"MQ1,\"), found "
                        + printable(java.util.Arrays.copyOf(lead, 4)));
            }
            int n = 4;
            int commas = 1;
            while (commas < 3) {
                if (n == MAX_LEAD) {
                    throw error(ErrorCode.RESERVED_VALUE, at, frame, "no header size in the first " + MAX_LEAD
                            + " bytes of the frame header " + printable(lead));
                }
                if (readFully(lead, n, 1, frame, "the header of") < 1) {
                    throw error(ErrorCode.TRUNCATED, at + n, frame, "the stream ended inside the frame header");
                }
                if (lead[n++] == ',') {
                    commas++;
                }
            }
            String text = new String(lead, 0, n, StandardCharsets.ISO_8859_1);
            String sizeField = text.substring(text.indexOf(',', 4) + 1, n - 1).trim();
            int declared;
            try {
                declared = Integer.parseInt(sizeField);
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < n || declared > MerlinHeader.MAX_HEADER_BYTES || size >= 0 && declared != size) {
                throw error(ErrorCode.RESERVED_VALUE, at, frame, "frame header size '" + sizeField + "'"
                        + (size >= 0 ? " differs from the first frame's " + size : " is not a number in [" + n + ", "
                        + MerlinHeader.MAX_HEADER_BYTES + "]"));
            }
            byte[] header = java.util.Arrays.copyOf(lead, declared);
            if (readFully(header, n, declared - n, frame, "the header of") < declared - n) {
                throw error(ErrorCode.TRUNCATED, in.position(), frame, "the stream ended inside the frame header");
            }
            return header;
        }
    }
}
