package org.stemz.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.Limits;
import org.stemz.cli.Json;

/**
 * Reads an FEI TIA .ser series of 2-D images (little-endian; format versions 0x0210 and 0x0220). Images are
 * stored bottom row first; they are delivered top row first, as hyperspy/rosettasciio read them. The scan
 * shape comes from the series dimensions (reversed, as hyperspy does) when they account for every image.
 */
public final class SerReader {
    private static final int IMAGE_HEADER = 50;
    private static final int MAX_DIMENSIONS = 8;

    private SerReader() {
    }

    public static ArraySource open(Path ser) throws IOException {
        FileChannel ch = FileChannel.open(ser, StandardOpenOption.READ);
        try {
            return open(ser, ch);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    private static ArraySource open(Path ser, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer h = read(ser, ch, 0, (int) Math.min(size, 4096), 30);
        InputErrors.check(h.getShort(0) == 0x4949, ser, 0, "not a little-endian TIA .ser file");
        if (h.getShort(2) != 0x0197) {
            throw InputErrors.unsupported(ser, "not a TIA .ser series (series id " + h.getShort(2) + ")");
        }
        int version = h.getShort(4);
        if (version != 0x0210 && version != 0x0220) {
            throw InputErrors.unsupported(ser, "TIA .ser version 0x" + Integer.toHexString(version));
        }
        if (h.getInt(6) != 0x4122) {
            throw InputErrors.unsupported(ser, "the .ser holds 1-D spectra, not 2-D images");
        }
        long total = h.getInt(14);
        long valid = h.getInt(18);
        boolean wide = version == 0x0220;
        long offsetTable = wide ? h.getLong(22) : h.getInt(22) & 0xffffffffL;
        int at = wide ? 30 : 26;
        InputErrors.check(valid >= 0 && valid <= total && total <= size / IMAGE_HEADER, ser, 14,
                "implausible image counts (" + valid + " valid of " + total + ")");
        int dims = h.getInt(at);
        InputErrors.check(dims >= 1 && dims <= MAX_DIMENSIONS, ser, at, "bad dimension count " + dims);
        List<Object> dimensions = new ArrayList<>();
        long[] sizes = new long[dims];
        at += 4;
        for (int i = 0; i < dims; i++) {
            InputErrors.check(at + 32 <= h.limit(), ser, at, "dimension records run past the header");
            sizes[i] = h.getInt(at);
            String desc = text(ser, h, at + 24);
            int unitAt = at + 28 + h.getInt(at + 24);
            String unit = text(ser, h, unitAt);
            dimensions.add(Map.of("size", sizes[i], "calibration_offset", h.getDouble(at + 4),
                    "calibration_delta", h.getDouble(at + 12), "description", desc, "units", unit));
            at = unitAt + 4 + h.getInt(unitAt);
        }
        int width = wide ? 8 : 4;
        InputErrors.check(offsetTable >= 0 && offsetTable + total * width <= Math.min(size, Integer.MAX_VALUE), ser, 22,
                "the offset table lies outside the file");
        ByteBuffer table = read(ser, ch, offsetTable, (int) (valid * width), (int) (valid * width));
        long[] positions = new long[(int) valid];
        ByteBuffer first = null;
        for (int i = 0; i < valid; i++) {
            long p = wide ? table.getLong(i * width) : table.getInt(i * width) & 0xffffffffL;
            ByteBuffer image = read(ser, ch, p, IMAGE_HEADER, IMAGE_HEADER);
            first = first == null ? image : first;
            InputErrors.check(image.getShort(40) == first.getShort(40) && image.getInt(42) == first.getInt(42)
                    && image.getInt(46) == first.getInt(46), ser, p, "image " + i + " differs in type or size from image 0");
            positions[i] = p + IMAGE_HEADER;
        }
        InputErrors.check(valid > 0, ser, 18, "the series holds no images");
        DataType type = type(ser, first.getShort(40));
        long w = first.getInt(42);
        long rows = first.getInt(46);
        InputErrors.check(w > 0 && rows > 0 && w * rows <= Limits.MAX_FRAME_PIXELS, ser, positions[0] - 8,
                "bad image size " + w + "x" + rows);
        int frameBytes = (int) (w * rows * type.size());
        for (long p : positions) {
            InputErrors.check(p + frameBytes <= size, ser, p, "image data run past the end of the file");
        }
        long[] scan = dims == 2 && sizes[0] * sizes[1] == valid ? new long[] {sizes[1], sizes[0]} : new long[] {valid};
        ArrayDescriptor d = new ArrayDescriptor(type, ByteOrder.LITTLE_ENDIAN,
                ScanShape.withFrame(ser, null, scan, valid, rows, w));
        Json meta = SourceMetadata.of("tia-ser", ser).put("version", "0x" + Integer.toHexString(version))
                .put("dimensions", dimensions)
                .put("calibration", Map.of("offset_x", first.getDouble(0), "delta_x", first.getDouble(8),
                        "offset_y", first.getDouble(20), "delta_y", first.getDouble(28)))
                .put("rows", "flipped to top-down order (stored bottom-up)");
        int rowBytes = (int) (w * type.size());
        FileFrames.FrameDecoder flip = (stored, dst, offset) -> {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(stored, r * rowBytes, dst, offset + (int) (rows - 1 - r) * rowBytes, rowBytes);
            }
        };
        return FileFrames.atPositions(ser, ch, d, meta.toString(), positions, frameBytes, flip);
    }

    private static DataType type(Path ser, int code) {
        return switch (code) {
            case 1 -> DataType.UINT8;
            case 2 -> DataType.UINT16;
            case 3 -> DataType.UINT32;
            case 4 -> DataType.INT8;
            case 5 -> DataType.INT16;
            case 6 -> DataType.INT32;
            case 7 -> DataType.FLOAT32;
            case 8 -> DataType.FLOAT64;
            default -> throw InputErrors.unsupported(ser, "TIA element type " + code + " (complex data are not supported)");
        };
    }

    /** A length-prefixed string at {@code at}. */
    private static String text(Path ser, ByteBuffer h, int at) {
        InputErrors.check(at + 4 <= h.limit(), ser, at, "string length runs past the header");
        int n = h.getInt(at);
        InputErrors.check(n >= 0 && at + 4 + n <= h.limit(), ser, at, "string of " + n + " bytes runs past the header");
        byte[] b = new byte[n];
        h.get(at + 4, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(Path ser, FileChannel ch, long position, int len, int atLeast) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, position + b.position()) >= 0) {
            // fill
        }
        if (b.position() < atLeast) {
            throw InputErrors.truncated(ser, position + b.position(), "file ends inside a header");
        }
        return b.flip();
    }
}
