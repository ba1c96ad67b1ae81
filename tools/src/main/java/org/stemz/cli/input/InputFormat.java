package org.stemz.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The input formats, and how one is recognised from a file name or its first bytes. */
public enum InputFormat {
    NPY, RAW, HDF5, NDATA, MERLIN, EMPAD, SER;

    /** Parses a --format value. */
    public static InputFormat parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace("MIB", "MERLIN").replace("H5", "HDF5")
                .replace("HDF5HDF5", "HDF5"));
    }

    /** Guesses the format of {@code file}; {@code rawShapeGiven} makes unknown files raw. */
    static InputFormat detect(Path file, boolean rawShapeGiven) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return NPY;
        }
        if (name.endsWith(".ndata") || name.endsWith(".npz")) {
            return NDATA;
        }
        if (name.endsWith(".mib") || name.endsWith(".hdr")) {
            return MERLIN;
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".hdf") || name.endsWith(".nxs")
                || name.endsWith(".emd")) {
            return HDF5;
        }
        if (name.endsWith(".ser")) {
            return SER;
        }
        if (name.endsWith(".xml")) {
            return EMPAD;
        }
        if (rawShapeGiven) {
            return RAW;
        }
        InputFormat byMagic = byMagic(file);
        if (byMagic != null) {
            return byMagic;
        }
        if (name.endsWith(".raw")) {
            // guessing EMPAD (float32, 2 rows of every frame dropped) from the extension alone would silently
            // misread any other raw file: only with its .xml (or --format empad)
            if (EmpadReader.hasXml(file)) {
                return EMPAD;
            }
            throw new org.stemz.cli.UsageException(file + ": a raw file needs --shape D0,D1,... and --dtype TYPE "
                    + "(an EMPAD .raw needs its .xml beside it, or --format empad)");
        }
        throw InputErrors.unsupported(file, "unknown input format; expected .npy, .ndata, .mib, .h5/.hdf5 "
                + "(FILE.h5:/dataset), EMPAD .raw/.xml, TIA .ser, or a raw file with --shape and --dtype");
    }

    private static InputFormat byMagic(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (s.startsWith("\u0093NUMPY")) {
            return NPY;
        }
        if (s.startsWith("\u0089HDF")) {
            return HDF5;
        }
        if (s.startsWith("MQ1,")) {
            return MERLIN;
        }
        if (s.startsWith("II\u0097\u0001")) {
            return SER;
        }
        if (s.startsWith("PK")) {
            return NDATA;
        }
        return null;
    }
}
