package org.stemz.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.stemz.Limits;

/**
 * Reads a zip holding one array: a Nion Swift .ndata (data.npy + metadata.json) or a NumPy .npz (data.npy or
 * its only .npy entry). A zip entry allows no random access, so the array is read into memory (up to 2 GiB;
 * Nion Swift saves larger data as .h5).
 */
public final class NdataReader {
    private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 64;

    private NdataReader() {
    }

    public static ArraySource open(Path file) throws IOException {
        try (ZipFile zip = openZip(file)) {
            ZipEntry data = arrayEntry(file, zip);
            ZipEntry json = zip.getEntry("metadata.json");
            String properties = readText(file, zip, json);
            try (InputStream in = zip.getInputStream(data)) {
                NpyHeader h = NpyHeader.read(file, in);
                long bytes = h.descriptor().byteSize();
                if (data.getSize() != h.length() + bytes) {
                    throw InputErrors.truncated(file, -1, "data.npy holds " + data.getSize() + " bytes but "
                            + h.descriptor() + " needs " + (h.length() + bytes));
                }
                if (bytes > MAX_IN_MEMORY) {
                    throw InputErrors.limit(file, -1, "data.npy of " + bytes + " bytes is too large to unzip in "
                            + "memory; extract it and compress the .npy");
                }
                byte[] array = in.readNBytes((int) bytes);
                if (array.length != bytes) {
                    throw InputErrors.truncated(file, -1, "data.npy ends after " + array.length + " of " + bytes
                            + " array bytes");
                }
                String format = json != null || file.toString().endsWith(".ndata") ? "nion-ndata" : "npz";
                String meta = SourceMetadata.of(format, file).put("entry", data.getName())
                        .put("properties_json", json == null ? null : properties).toString();
                return new InMemorySource(h.descriptor(), array, meta);
            }
        }
    }

    /** data.npy, else the only .npy entry. */
    private static ZipEntry arrayEntry(Path file, ZipFile zip) {
        ZipEntry data = zip.getEntry("data.npy");
        if (data != null) {
            return data;
        }
        var arrays = zip.stream().filter(e -> e.getName().endsWith(".npy")).limit(2).toList();
        if (arrays.size() != 1) {
            throw InputErrors.unsupported(file, arrays.isEmpty() ? "the zip holds no .npy array"
                    : "the zip holds several arrays and none is called data.npy");
        }
        return arrays.get(0);
    }

    private static ZipFile openZip(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw InputErrors.unsupported(file, "not a Nion .ndata zip (" + e.getMessage() + ")");
        }
    }

    private static String readText(Path file, ZipFile zip, ZipEntry entry) throws IOException {
        if (entry == null) {
            return "";
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] b = in.readNBytes(Limits.MAX_METADATA_BYTES / 2 + 1);
            if (b.length > Limits.MAX_METADATA_BYTES / 2) {
                throw InputErrors.limit(file, -1, "metadata.json is larger than " + Limits.MAX_METADATA_BYTES / 2);
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
