package org.stemz.cli.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * An input as given on the command line: a file, possibly with an HDF5 dataset path ({@code FILE.h5:/path}),
 * plus the options that describe headerless files. {@link #open()} picks the reader.
 */
public record InputSpec(String text, InputFormat format, RawLayout raw, long[] scan) {

    /** The file part of {@link #text()}. */
    public Path file() {
        int colon = datasetColon();
        return Paths.get(colon < 0 ? text : text.substring(0, colon));
    }

    /** The HDF5 dataset path, or null. */
    public String dataset() {
        int colon = datasetColon();
        return colon < 0 ? null : text.substring(colon + 1);
    }

    private int datasetColon() {
        int colon = text.lastIndexOf(":/");
        return colon > 0 && !Files.exists(Paths.get(text)) ? colon : -1;
    }

    /** The files the input consists of (never to be overwritten). */
    public List<Path> files() throws IOException {
        Path f = file();
        String name = f.getFileName().toString().toLowerCase();
        if (name.endsWith(".mib") || name.endsWith(".hdr")) {
            String base = f.getFileName().toString().substring(0, name.length() - 4);
            return List.of(f.resolveSibling(base + ".mib"), f.resolveSibling(base + ".hdr"));
        }
        if (name.endsWith(".xml") || name.endsWith(".raw") && (raw == null || raw.shape() == null)) {
            return EmpadReader.files(f);
        }
        return List.of(f);
    }

    /** Opens the input with the reader its format needs, reshaped to {@link #scan()} if one was given. */
    public ArraySource open() throws IOException {
        ArraySource source = openFormat();
        if (scan == null) {
            return source;
        }
        try {
            return Reshaped.of(file(), source, scan);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private ArraySource openFormat() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        InputFormat f = format != null ? format : dataset() != null ? InputFormat.HDF5
                : InputFormat.detect(file, raw != null && raw.shape() != null);
        switch (f) {
            case NPY:
                return NpyReader.open(file);
            case RAW:
                return RawReader.open(file, raw == null ? new RawLayout(null, null, null, 0) : raw);
            case HDF5:
                return Hdf5Reader.open(file, dataset());
            case NDATA:
                return NdataReader.open(file);
            case MERLIN:
                Path mib = file.toString().toLowerCase().endsWith(".hdr") ? files().get(0) : file;
                return MerlinReader.open(mib, scan);
            case SER:
                return SerReader.open(file);
            default:
                return EmpadReader.open(file, scan, raw == null ? null : raw.type());
        }
    }
}
