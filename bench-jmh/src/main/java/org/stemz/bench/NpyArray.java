package org.stemz.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

/**
 * A C-order NumPy array read from a .npy file, or from the {@code data.npy} entry of a .npz zip. Kept here rather
 * than taken from tools/ so the benchmarks depend on the filter module alone.
 */
final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)(\\w+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    final ArrayDescriptor descriptor;
    final byte[] data;

    NpyArray(ArrayDescriptor descriptor, byte[] data) {
        this.descriptor = descriptor;
        this.data = data;
    }

    static NpyArray load(Path file) throws IOException {
        if (!file.toString().endsWith(".npz")) {
            return parse(file.toString(), Files.readAllBytes(file));
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("data.npy")) {
                    return parse(file + "!data.npy", zip.readAllBytes());
                }
            }
        }
        throw new IOException(file + ": no data.npy entry in the zip");
    }

    /** Parses a whole .npy file; {@code name} says which one in errors. */
    static NpyArray parse(String name, byte[] npy) throws IOException {
        if (npy.length < 10 || !Arrays.equals(npy, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(name + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = npy[6] & 0xff;
        int lengthBytes = major == 1 ? 2 : 4;
        if (major < 1 || major > 3 || npy.length < 8 + lengthBytes) {
            throw new IOException(name + ": unsupported .npy version " + major + " or truncated header");
        }
        long headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
        if (lengthBytes == 4) {
            headerLength |= (long) (npy[10] & 0xff) << 16 | (long) (npy[11] & 0xff) << 24;
        }
        long start = 8 + lengthBytes + headerLength;
        if (start > npy.length) {
            throw new IOException(name + ": .npy header of " + headerLength + " bytes is cut off");
        }
        String dict = new String(npy, 8 + lengthBytes, (int) headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find() || fortran.group(1).equals("True")) {
            throw new IOException(name + ": not a C-order .npy header: " + dict.trim());
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long[] dims = Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ArrayDescriptor d = new ArrayDescriptor(DataType.parse(descr.group(2)), order, dims);
        if (npy.length - start != d.byteSize()) {
            throw new IOException(name + ": " + d + " needs " + d.byteSize() + " bytes after the header, the file has "
                    + (npy.length - start));
        }
        return new NpyArray(d, Arrays.copyOfRange(npy, (int) start, npy.length));
    }
}
