package org.stemz.cli;

import java.nio.ByteOrder;
import java.util.Locale;
import org.stemz.DataType;
import org.stemz.cli.input.InputFormat;
import org.stemz.cli.input.InputSpec;
import org.stemz.cli.input.RawLayout;
import picocli.CommandLine.Option;

/** Options that say how to read an input file whose format or layout is not (fully) in the file. */
public final class InputOptions {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Input format when the extension does not tell: npy, raw, hdf5, ndata (also .npz), merlin, empad, ser.")
    String format;

    @Option(names = "--shape", paramLabel = "D0,D1,...",
            description = "Raw input: array shape in C order, last two axes the detector frame (e.g. 64,64,256,256).")
    String shape;

    @Option(names = "--dtype", paramLabel = "TYPE",
            description = "Raw input element type: uint8, uint16, uint32, int8, int16, int32, float32, float64 "
                    + "(or u2, f4, ...). EMPAD: overrides float32.")
    String dtype;

    @Option(names = "--endian", paramLabel = "little|big", description = "Raw input byte order (default: little).")
    String endian = "little";

    @Option(names = "--offset", paramLabel = "BYTES", description = "Raw input: bytes to skip before the array.")
    long offset;

    @Option(names = "--scan", paramLabel = "Y,X",
            description = "Scan shape (e.g. 64,64) when the file does not record it; must match the frame count.")
    String scan;

    /** The input as given plus these options. */
    public InputSpec spec(String input) {
        InputFormat f = format == null ? null : parseFormat(format);
        DataType type = dtype == null ? null : DataType.parse(dtype);
        ByteOrder order = switch (endian.toLowerCase(Locale.ROOT)) {
            case "little", "le", "<" -> ByteOrder.LITTLE_ENDIAN;
            case "big", "be", ">" -> ByteOrder.BIG_ENDIAN;
            default -> throw new UsageException("--endian must be little or big, not " + endian);
        };
        if (shape != null && dtype == null) {
            throw new UsageException("--shape needs --dtype");
        }
        RawLayout raw = new RawLayout(shape == null ? null : parseDims(shape, "--shape"), type, order, offset);
        return new InputSpec(input, f, raw, scan == null ? null : parseDims(scan, "--scan"));
    }

    private static InputFormat parseFormat(String s) {
        try {
            return InputFormat.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --format " + s + " (expected npy, raw, hdf5, ndata, merlin, empad, ser)");
        }
    }

    /** Parses "64,64,256,256" or "64x64x256x256". */
    static long[] parseDims(String text, String option) {
        String[] parts = text.trim().split("[,x×]");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " " + text + " is not a list of numbers like 64,64,256,256");
            }
            if (dims[i] < 0) {
                throw new UsageException(option + " " + text + " has a negative length");
            }
        }
        return dims;
    }
}
