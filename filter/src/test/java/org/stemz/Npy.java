package org.stemz;

import java.io.ByteArrayOutputStream;
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

/** Test helper: reads .npy files (and data.npy inside .npz) of the shared datasets. */
final class Npy {
    final ArrayDescriptor descriptor;
    final byte[] data;

    private Npy(ArrayDescriptor descriptor, byte[] data) {
        this.descriptor = descriptor;
        this.data = data;
    }

    static Npy load(Path path) throws IOException {
        if (path.toString().endsWith(".npz")) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().equals("data.npy")) {
                        return parse(readAll(zip));
                    }
                }
            }
            throw new IOException("no data.npy in " + path);
        }
        return parse(Files.readAllBytes(path));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static Npy parse(byte[] file) {
        int major = file[6];
        int headerLength = major == 1 ? (file[8] & 0xFF) | (file[9] & 0xFF) << 8
                : (file[8] & 0xFF) | (file[9] & 0xFF) << 8 | (file[10] & 0xFF) << 16;
        int start = major == 1 ? 10 : 12;
        String header = new String(file, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = Pattern.compile("'descr':\\s*'([<>|=])(\\w+)'").matcher(header);
        Matcher shape = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
        if (!descr.find() || !shape.find() || header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException("unsupported npy header " + header);
        }
        long[] dims = Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ArrayDescriptor d = new ArrayDescriptor(DataType.parse(descr.group(2)), order, dims);
        int dataStart = start + headerLength;
        return new Npy(d, Arrays.copyOfRange(file, dataStart, file.length));
    }
}
