package org.stemz.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.stemz.ArrayDescriptor;
import org.stemz.ProgressListener;
import org.stemz.cli.input.ArraySource;
import org.stemz.hdf5.Hdf5Exception;
import org.stemz.hdf5.Hdf5File;
import org.stemz.hdf5.Hdf5Native;
import org.stemz.hdf5.Repacker;
import org.stemz.hdf5.DatasetCoding;
import org.stemz.hdf5.StemzDatasetWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stemz compress INPUT -o OUT.h5}: the input as dataset {@code /data} of a new HDF5 file with the stemz
 * filter, chunks encoded on all cores and stored with direct chunk writes; the source's metadata go into the
 * string attribute {@code stemz_metadata}. Readers need the plugin (HDF5_PLUGIN_PATH) or jhdf with the stemz jar.
 */
final class CompressToHdf5 {
    static final String DATASET = "/data";
    static final String METADATA_ATTRIBUTE = "stemz_metadata";

    private CompressToHdf5() {
    }

    static boolean handles(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5");
    }

    /** Compresses {@code source} to {@code out} and prints the summary; returns the exit code. */
    static int run(CommandSpec spec, CommonOptions common, ArraySource source, String input, Path out, boolean force,
                   List<Path> inputs, String chunkText, DatasetModelOption datasetModel) throws IOException {
        if (!Hdf5Native.isAvailable()) {
            throw new UsageException("HDF5 output needs libhdf5: " + Hdf5Native.unavailableReason()
                    + " (write .stemz instead)");
        }
        ArrayDescriptor d = source.descriptor();
        if (d.elementCount() == 0) {
            throw new UsageException("HDF5 output of an empty array (" + d + ") is not supported");
        }
        long[] shape = d.shape();
        long[] chunk = chunk(shape, d.type().size(), RepackCommand.parseChunk(chunkText));
        String advice = Repacker.subFrameAdvice(DATASET, shape, chunk);
        if (advice != null) {
            spec.commandLine().getErr().println("stemz compress: warning: " + advice);
            spec.commandLine().getErr().flush();
        }
        datasetModel.printReaderNote(spec.commandLine().getErr(), "compress");
        long start = System.nanoTime();
        long stored;
        try (AtomicOutput target = AtomicOutput.open(out, force, inputs)) {
            stored = write(source, target.temporaryPath(), chunk, common.threads(), datasetModel.enabled,
                    common.progress(d.byteSize()));
            target.commit(); // only after HDF5 closed the file without an error
        } catch (Hdf5Exception e) {
            throw new IOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long fileBytes = Files.size(out);
        double bpp = 8.0 * stored / d.elementCount();
        Json summary = Json.object().put("input", input).put("output", out.toString()).put("dataset", DATASET)
                .put("dtype", d.type().name().toLowerCase()).put("shape", shape).put("chunk", chunk)
                .put("raw_bytes", d.byteSize()).put("stored_bytes", stored).put("file_bytes", fileBytes)
                .put("ratio", (double) d.byteSize() / stored).put("bits_per_pixel", bpp).put("seconds", seconds);
        Report.print(spec.commandLine().getOut(), common, summary, String.format(
                "%s -> %s:%s chunks %s: %d -> %d bytes (%.2fx, %.3f bits/pixel) in %.2f s", input, out, DATASET,
                Arrays.toString(chunk), d.byteSize(), stored, (double) d.byteSize() / stored, bpp, seconds));
        return ExitCodes.OK;
    }

    /** The requested chunk clipped to the shape, or the repack default; a 2-D array is one chunk. */
    private static long[] chunk(long[] shape, int elementSize, long[] requested) {
        long[] c = requested != null ? requested : Repacker.defaultChunk(shape, elementSize);
        if (c.length != shape.length) {
            throw new UsageException("--chunk " + Arrays.toString(c) + " has rank " + c.length + " but the input has"
                    + " shape " + Arrays.toString(shape));
        }
        long[] clipped = new long[c.length];
        for (int i = 0; i < c.length; i++) {
            clipped[i] = Math.max(1, Math.min(c[i], shape[i]));
        }
        if (shape.length == 2 && clipped[0] != shape[0]) {
            // the source delivers whole frames only
            throw new UsageException("a 2-D input is written as chunks of whole rows of its one frame; use --chunk "
                    + shape[0] + "x" + clipped[1]);
        }
        return clipped;
    }

    /** Writes the file at {@code path}; returns the bytes stored for the dataset. */
    static long write(ArraySource source, Path path, long[] chunk, int threads, boolean datasetModel,
                      ProgressListener progress) throws IOException {
        ArrayDescriptor d = source.descriptor();
        long[] shape = d.shape();
        try (Hdf5File file = Hdf5File.create(path)) {
            long frameBytes = (long) d.framePixels() * d.type().size();
            long framesPerBlock = Math.max(1, (64L << 20) / Math.max(1, frameBytes));
            DatasetCoding coding = DatasetCoding.forDataset(d.type(), d.order(), shape, chunk, datasetModel,
                    frames -> {
                        for (long first = 0; first < d.frames(); first += framesPerBlock) {
                            int n = (int) Math.min(framesPerBlock, d.frames() - first);
                            byte[] block = new byte[(int) (n * frameBytes)];
                            source.readFrames(first, n, block, 0);
                            frames.accept(block, 0, n);
                        }
                    });
            try (StemzDatasetWriter w = StemzDatasetWriter.create(file, DATASET, shape, chunk, threads, coding)) {
                long framesPerRow = shape.length >= 3 ? d.frames() / shape[0] : 1;
                long done = 0;
                for (long row = 0; row < shape[0]; row += w.bandRows(row)) {
                    long bytes = w.bandBytes(row);
                    if (bytes > Integer.MAX_VALUE - 64) {
                        throw new UsageException("a band of chunks along the first axis takes " + bytes + " bytes, over"
                                + " 2 GiB; choose a --chunk with a smaller first dimension");
                    }
                    byte[] band = new byte[(int) bytes];
                    long rows = shape.length >= 3 ? w.bandRows(row) : 1;
                    long first = shape.length >= 3 ? row * framesPerRow : 0;
                    int frames = (int) (rows * framesPerRow);
                    source.readFrames(first, frames, band, 0);
                    w.writeBand(band);
                    done += (long) frames * frameBytes;
                    progress.progress("compress", done, d.byteSize());
                }
                w.finish();
            }
            file.writeStringAttribute(DATASET, METADATA_ATTRIBUTE, source.metadataJson());
            return file.info(DATASET).storageBytes();
        }
    }
}
