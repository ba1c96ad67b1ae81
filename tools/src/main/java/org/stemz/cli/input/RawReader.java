package org.stemz.cli.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.UsageException;

/** Reads a headerless file described by {@code --shape --dtype --endian --offset}. */
public final class RawReader {
    private RawReader() {
    }

    public static ArraySource open(Path file, RawLayout layout) throws IOException {
        if (layout.shape() == null || layout.type() == null) {
            throw new UsageException(file + ": a raw file needs --shape and --dtype");
        }
        ArrayDescriptor d = new ArrayDescriptor(layout.type(), layout.order(), layout.shape());
        long size = Files.size(file);
        if (size == 0 || d.elementCount() == 0) {
            throw new UsageException(file + ": " + (size == 0 ? "the file is empty" : "--shape "
                    + Arrays.toString(layout.shape()) + " holds no element") + ": nothing to compress");
        }
        if (layout.offset() < 0 || size - layout.offset() != d.byteSize()) {
            throw new UsageException(file + ": --shape " + Arrays.toString(layout.shape()) + " of "
                    + layout.type().name().toLowerCase() + " needs " + d.byteSize() + " bytes after offset "
                    + layout.offset() + ", but the file has " + size + " bytes");
        }
        String meta = SourceMetadata.of("raw", file).put("offset", layout.offset()).toString();
        return FileFrames.plain(file, layout.offset(), d, meta);
    }
}
