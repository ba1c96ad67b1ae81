package org.stemz.cli.output;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.UsageException;
import org.stemz.cli.input.NpyHeader;

/**
 * Output formats of {@code decompress}, chosen by file extension: .npy (NumPy, keeps dtype and byte order) and
 * .raw/.bin (the bare elements). HDF5 output is not offered: jhdf 0.13's writer is alpha and cannot write
 * unsigned types or big-endian data faithfully.
 */
public final class OutputFormats {
    private OutputFormats() {
    }

    public static ArrayWriter forPath(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return (OutputStream o, ArrayDescriptor d, String metadata) -> o.write(NpyHeader.encode(d));
        }
        if (name.endsWith(".raw") || name.endsWith(".bin") || name.endsWith(".dat")) {
            return (o, d, metadata) -> {
            };
        }
        throw new UsageException("cannot write " + out + ": the output must end in .npy or .raw"
                + (name.endsWith(".h5") || name.endsWith(".hdf5") ? " (HDF5 output is not supported yet)" : ""));
    }
}
