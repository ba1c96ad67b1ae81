package org.stemz.cli.input;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.stemz.Limits;

/** Reads a Nion Swift .ndata file: a zip holding data.npy and metadata.json. */
public final class NdataReader {
    private NdataReader() {
    }

    public static ArraySource open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw InputErrors.unsupported(file, "not a Nion .ndata zip (" + e.getMessage() + ")");
        }
        try {
            ZipEntry data = zip.getEntry("data.npy");
            if (data == null) {
                throw InputErrors.corrupt(file, -1, ".ndata zip has no data.npy");
            }
            String properties = readText(file, zip, zip.getEntry("metadata.json"));
            InputStream in = new BufferedInputStream(closingBoth(zip.getInputStream(data), zip), 1 << 20);
            NpyHeader h = NpyHeader.read(file, in);
            long need = h.length() + h.descriptor().byteSize();
            if (data.getSize() >= 0 && data.getSize() != need) {
                throw InputErrors.truncated(file, -1, "data.npy holds " + data.getSize() + " bytes but "
                        + h.descriptor() + " needs " + need);
            }
            String meta = SourceMetadata.of("nion-ndata", file).put("properties_json", properties).toString();
            return StreamSource.plain(file, in, h.length(), h.descriptor(), meta);
        } catch (RuntimeException | IOException e) {
            zip.close();
            throw e;
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

    /** The entry stream, closing the zip with it. */
    private static InputStream closingBoth(InputStream entry, ZipFile zip) {
        return new FilterInputStream(entry) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
