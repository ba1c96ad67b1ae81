package org.stemz.cli.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a NumPy .npy file: every stemz dtype, either byte order, C order. */
public final class NpyReader {
    private NpyReader() {
    }

    public static ArraySource open(Path file) throws IOException {
        long size = Files.size(file);
        NpyHeader h;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            h = NpyHeader.read(file, in);
        }
        {
            long need = h.length() + h.descriptor().byteSize();
            if (size < need) {
                throw InputErrors.truncated(file, size, "the array " + h.descriptor() + " needs " + need
                        + " bytes but the file has " + size);
            }
            if (size > need) {
                throw InputErrors.corrupt(file, need, (size - need) + " bytes follow the array");
            }
            String meta = SourceMetadata.of("npy", file).toString();
            return FileFrames.plain(file, h.length(), h.descriptor(), meta);
        }
    }
}
