package org.stemz.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.Limits;
import org.stemz.StemzException;

/** The header of a NumPy .npy file (format versions 1, 2 and 3): dtype, byte order and shape, C order only. */
public final class NpyHeader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final ArrayDescriptor descriptor;
    private final int length;

    private NpyHeader(ArrayDescriptor descriptor, int length) {
        this.descriptor = descriptor;
        this.length = length;
    }

    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    /** Bytes from the start of the file to the first element. */
    public int length() {
        return length;
    }

    /** Reads and checks the header from the start of {@code in}; {@code file} names it in errors. */
    public static NpyHeader read(Path file, InputStream in) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8) {
            throw InputErrors.truncated(file, pre.length, "too short for a .npy header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw InputErrors.unsupported(file, "not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = pre[6] & 0xff;
        int sizeBytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : -1;
        if (sizeBytes < 0) {
            throw InputErrors.unsupported(file, ".npy format version " + major + " is not supported");
        }
        byte[] len = in.readNBytes(sizeBytes);
        if (len.length < sizeBytes) {
            throw InputErrors.truncated(file, 8 + len.length, "header length is cut off");
        }
        long headerLen = 0;
        for (int i = sizeBytes - 1; i >= 0; i--) {
            headerLen = (headerLen << 8) | (len[i] & 0xff);
        }
        if (headerLen > MAX_HEADER) {
            throw InputErrors.limit(file, 8, ".npy header of " + headerLen + " bytes exceeds " + MAX_HEADER);
        }
        byte[] text = in.readNBytes((int) headerLen);
        if (text.length < headerLen) {
            throw InputErrors.truncated(file, 8 + sizeBytes + text.length, ".npy header is cut off");
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new NpyHeader(parse(file, dict), 8 + sizeBytes + (int) headerLen);
    }

    private static ArrayDescriptor parse(Path file, String dict) {
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw InputErrors.corrupt(file, 10, "malformed .npy header: " + dict.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw InputErrors.unsupported(file, "Fortran-order .npy arrays are not supported; save the array in "
                    + "C order (numpy.ascontiguousarray) first");
        }
        String d = descr.group(1);
        DataType type;
        try {
            type = DataType.parse(d);
        } catch (StemzException e) {
            throw InputErrors.unsupported(file, "unsupported .npy dtype '" + d + "'");
        }
        ByteOrder order = d.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
                } catch (NumberFormatException e) {
                    throw InputErrors.corrupt(file, 10, "bad .npy shape (" + shape.group(1) + ")");
                }
            }
        }
        if (dims.size() < 2 || dims.size() > Limits.MAX_AXES) {
            throw InputErrors.unsupported(file, "stemz needs an array of 2 to " + Limits.MAX_AXES
                    + " axes whose last two are the detector frame; this one has shape (" + shape.group(1) + ")");
        }
        return new ArrayDescriptor(type, order, dims.stream().mapToLong(Long::longValue).toArray());
    }

    /** The header text for {@code d}, padded so that data start at a multiple of 64 bytes (version 1 or 2). */
    public static byte[] encode(ArrayDescriptor d) {
        StringBuilder shape = new StringBuilder();
        long[] s = d.shape();
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]).append(s.length == 1 || i < s.length - 1 ? ", " : "");
        }
        String descr = (d.type().size() == 1 ? "|" : d.order() == ByteOrder.BIG_ENDIAN ? ">" : "<")
                + d.type().numpyKind();
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape.toString().trim()
                + "), }";
        int version = dict.length() + 12 < 65536 ? 1 : 2;
        int pre = version == 1 ? 10 : 12;
        int total = (pre + dict.length() + 1 + 63) / 64 * 64;
        StringBuilder padded = new StringBuilder(dict);
        while (pre + padded.length() + 1 < total) {
            padded.append(' ');
        }
        padded.append('\n');
        byte[] text = padded.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[pre + text.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) version;
        out[7] = 0;
        int n = text.length;
        out[8] = (byte) n;
        out[9] = (byte) (n >>> 8);
        if (version == 2) {
            out[10] = (byte) (n >>> 16);
            out[11] = (byte) (n >>> 24);
        }
        System.arraycopy(text, 0, out, pre, text.length);
        return out;
    }
}
