package org.stemz.cli.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.stemz.ErrorCode;
import org.stemz.cli.Json;
import org.stemz.cli.UsageException;

/**
 * Opens frames arriving on a stream (standard input, a growing file): raw frames when the command line gives their
 * layout (--shape, --dtype), else Merlin frames recognised by their first bytes ("MQ1," for .mib content, "MPX,"
 * for a recorded TCP stream).
 */
public final class StreamInputs {
    private StreamInputs() {
    }

    /**
     * @param raw      --shape/--dtype/--endian/--offset (shape null when not given)
     * @param mib      a .mib file whose .hdr beside gives the acquisition header, or null
     * @param expected --frames, or -1
     * @param scan     --scan, or null
     */
    public static FrameStream open(InputStream stream, Closeable resource, String source, RawLayout raw, Path mib,
                                   long expected, long[] scan) throws IOException {
        StreamBytes in = new StreamBytes(stream, 1 << 20);
        if (raw != null && raw.shape() != null) {
            return RawStream.open(in, resource, source, rawLayout(source, raw, expected, scan), raw.offset());
        }
        String magic = new String(in.peek(4), StandardCharsets.ISO_8859_1);
        if (magic.equals("MQ1,") || magic.equals("MPX,")) {
            Map<String, String> hdr = mib == null ? Map.of() : MerlinHdr.readBeside(mib);
            return MerlinStream.open(in, resource, source, hdr, expected, scan);
        }
        if (magic.isEmpty()) {
            throw new FrameStreamException(ErrorCode.TRUNCATED, 0, source, 0, "the stream is empty");
        }
        throw new UsageException(source + ": the stream starts with " + MerlinStream.printable(in.peek(16))
                + ", not a Merlin frame header; give --shape and --dtype for raw frames");
    }

    /** Frames of --shape's last two axes; its leading axes (or --frames, --scan) give the frames expected. */
    private static StreamLayout rawLayout(String source, RawLayout raw, long expected, long[] scan) {
        long[] shape = raw.shape();
        if (shape.length < 2) {
            throw new UsageException("--shape needs at least the two frame axes, e.g. 256,256");
        }
        long h = shape[shape.length - 2];
        long w = shape[shape.length - 1];
        if (h < 1 || w < 1 || h * w > Integer.MAX_VALUE / 8) {
            throw new UsageException("--shape " + Arrays.toString(shape) + ": the frame axes must be positive and the frame"
                    + " smaller than 2^28 pixels");
        }
        long[] leading = Arrays.copyOf(shape, shape.length - 2);
        long fromShape = leading.length == 0 ? -1 : Arrays.stream(leading).reduce(1, (a, b) -> a * b);
        long[] s = scan != null ? scan : leading.length >= 2 ? leading : null;
        long want = expected >= 0 ? expected : scan != null ? Arrays.stream(scan).reduce(1, (a, b) -> a * b) : fromShape;
        String meta = Json.object().put("source_format", "raw-stream").put("source", source).toString();
        return new StreamLayout(raw.type(), raw.order(), (int) h, (int) w, want, s, meta);
    }
}
