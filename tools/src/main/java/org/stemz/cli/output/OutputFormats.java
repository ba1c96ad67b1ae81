package org.stemz.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.AtomicOutput;
import org.stemz.cli.UsageException;
import org.stemz.cli.input.NpyHeader;

/**
 * Output formats of {@code decompress}, chosen by the file extension: .npy (NumPy, keeps dtype, byte order and
 * shape), .raw/.bin/.dat (the bare elements) and .h5/.hdf5 (dataset /data, written with libhdf5 through the
 * native-shim binding; jhdf 0.13's writer is alpha and cannot store unsigned or big-endian types).
 */
public final class OutputFormats {
    private OutputFormats() {
    }

    /** Fails early, before any decoding, if {@code out} has no known extension. */
    public static void check(Path out) {
        kind(out);
    }

    /** A writer for {@code d} into {@code target}'s temporary file. */
    public static ArrayWriter open(AtomicOutput target, Path out, ArrayDescriptor d) throws IOException {
        switch (kind(out)) {
            case "npy":
                target.stream().write(NpyHeader.encode(d));
                return streaming(target.stream());
            case "raw":
                return streaming(target.stream());
            default:
                return Hdf5Writer.open(target.temporaryPath(), out, d);
        }
    }

    private static String kind(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return "npy";
        }
        if (name.endsWith(".raw") || name.endsWith(".bin") || name.endsWith(".dat")) {
            return "raw";
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return "h5";
        }
        throw new UsageException("cannot write " + out + ": the output must end in .npy, .raw or .h5");
    }

    private static ArrayWriter streaming(OutputStream out) {
        return new ArrayWriter() {
            @Override
            public OutputStream frames() {
                return out;
            }

            @Override
            public void finish() {
            }
        };
    }
}
