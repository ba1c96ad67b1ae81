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
 * Reads a Nion Swift .ndata file: a zip holding data.npy and metadata.json. A zip entry allows no random
 * access, so the array is read into memory (up to 2 GiB; larger data are saved by Nion Swift as .h5).
 */
public final class NdataReader {
    private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 64;

    private NdataReader() {
    }

    public static ArraySource open(Path file) throws IOException {
        try (ZipFile zip = openZip(file)) {
            ZipEntry data = zip.getEntry("data.npy");
            if (data == null) {
                throw InputErrors.corrupt(file, -1, ".ndata zip has no data.npy");
            }
            String properties = readText(file, zip, zip.getEntry("metadata.json"));
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
                String meta = SourceMetadata.of("nion-ndata", file).put("properties_json", properties).toString();
                return new InMemorySource(h.descriptor(), array, meta);
            }
        }
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
