package org.stemz.hdf5;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.stemz.FilterConfigException;
import org.stemz.StemzException;

/**
 * Rewrites an HDF5 file with chosen datasets stemz-compressed through the JNA binding: everything else (groups,
 * other datasets, attributes) is copied as it is. Targets are rewritten slab by slab along their first axis.
 */
public final class Repacker {
    /** Raw data aimed at per chunk when choosing a chunk shape for a 3-D stack of frames. */
    private static final long TARGET_CHUNK_BYTES = 4L << 20;

    private Repacker() {
    }

    /** One rewritten dataset. */
    public record Result(String path, long[] shape, long[] chunk, long rawBytes, long storedBytes) {
        public double bitsPerPixel() {
            long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            return elements == 0 ? 0 : 8.0 * storedBytes / elements;
        }
    }

    /**
     * Repacks {@code in} into {@code out}. {@code datasets} empty means every dataset of rank 2 or more whose type
     * stemz codes; {@code chunk} null means {@link #defaultChunk}.
     */
    public static List<Result> repack(Path in, Path out, List<String> datasets, long[] chunk) {
        return repack(in, out, datasets, chunk, Runtime.getRuntime().availableProcessors(),
                DatasetCoding.datasetModelByDefault(), w -> { });
    }

    /**
     * As {@link #repack(Path, Path, List, long[])}, chunks encoded on {@code threads} threads, with one dataset
     * model in cd_values (layout 2) when {@code datasetModel} and the chunks hold whole frames; {@code warnings}
     * receives advice such as chunks that split frames.
     */
    public static List<Result> repack(Path in, Path out, List<String> datasets, long[] chunk, int threads,
                                      boolean datasetModel, Consumer<String> warnings) {
        List<Result> results = new ArrayList<>();
        try (Hdf5File src = Hdf5File.open(in, false); Hdf5File dst = Hdf5File.create(out)) {
            Map<String, Boolean> objects = Hdf5Tree.objects(src);
            Set<String> targets = new HashSet<>(datasets.isEmpty() ? eligible(src, objects) : normalise(datasets));
            for (String t : targets) {
                if (!Boolean.TRUE.equals(objects.get(t))) {
                    throw new FilterConfigException("no dataset " + t + " in " + in);
                }
            }
            Set<String> ancestors = new HashSet<>();
            targets.forEach(t -> {
                for (String p = parent(t); !p.equals("/"); p = parent(p)) {
                    ancestors.add(p);
                }
            });
            Hdf5Tree.copyAttributes(src, "/", dst);
            for (String path : objects.keySet()) {
                String parent = parent(path);
                if (targets.contains(path)) {
                    results.add(rewrite(src, dst, path, chunk, threads, datasetModel, warnings));
                } else if (ancestors.contains(path)) {
                    Hdf5Tree.createGroup(dst, path);
                    Hdf5Tree.copyAttributes(src, path, dst);
                } else if (parent.equals("/") || ancestors.contains(parent)) {
                    Hdf5Tree.copy(src, path, dst); // with everything below it
                }
            }
        }
        return results;
    }

    private static List<String> eligible(Hdf5File src, Map<String, Boolean> objects) {
        List<String> result = new ArrayList<>();
        objects.forEach((path, isDataset) -> {
            if (isDataset) {
                try {
                    if (src.info(path).shape().length >= 2) {
                        result.add(path);
                    }
                } catch (StemzException | Hdf5Exception notCodable) {
                    // other element types (strings, compounds, 64-bit integers) are copied as they are
                }
            }
        });
        return result;
    }

    private static List<String> normalise(List<String> paths) {
        return paths.stream().map(p -> p.startsWith("/") ? p : "/" + p).toList();
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    private static Result rewrite(Hdf5File src, Hdf5File dst, String path, long[] requested, int threads,
                                  boolean datasetModel, Consumer<String> warnings) {
        Hdf5File.DatasetInfo info = src.info(path);
        long[] shape = info.shape();
        long[] chunk = requested != null ? requested : defaultChunk(shape, info.descriptor().type().size());
        if (chunk.length != shape.length) {
            throw new FilterConfigException("chunk " + Arrays.toString(chunk) + " has rank " + chunk.length + " but "
                    + path + " has shape " + Arrays.toString(shape));
        }
        long[] clipped = new long[chunk.length];
        for (int i = 0; i < chunk.length; i++) {
            clipped[i] = Math.max(1, Math.min(chunk[i], shape[i]));
        }
        String advice = subFrameAdvice(path, shape, clipped);
        if (advice != null) {
            warnings.accept(advice);
        }
        int size = info.descriptor().type().size();
        long frameBytes = shape.length >= 2 ? shape[shape.length - 1] * shape[shape.length - 2] * size : size;
        DatasetCoding coding;
        try {
            coding = DatasetCoding.forDataset(info.descriptor().type(), info.descriptor().order(), shape, clipped,
                    datasetModel, frames -> {
                        for (long row = 0; row < shape[0]; row += clipped[0]) {
                            long[] start = new long[shape.length];
                            long[] count = shape.clone();
                            start[0] = row;
                            count[0] = Math.min(clipped[0], shape[0] - row);
                            byte[] band = src.readSlab(path, start, count, size);
                            frames.accept(band, 0, (int) (band.length / frameBytes));
                        }
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (StemzDatasetWriter w = StemzDatasetWriter.create(dst, path, shape, clipped, threads, coding)) {
            for (long row = 0; row < shape[0]; row += clipped[0]) {
                long[] start = new long[shape.length];
                long[] count = shape.clone();
                start[0] = row;
                count[0] = w.bandRows(row);
                if (w.bandBytes(row) > Integer.MAX_VALUE - 64) {
                    throw new FilterConfigException(path + ": a band of chunks along the first axis of "
                            + Arrays.toString(count) + " (" + w.bandBytes(row) + " bytes) is over 2 GiB; choose a"
                            + " chunk with a smaller first dimension");
                }
                w.writeBand(src.readSlab(path, start, count, size));
            }
            w.finish();
        }
        Hdf5Tree.copyAttributes(src, path, dst);
        return new Result(path, shape, clipped, info.descriptor().byteSize(), dst.info(path).storageBytes());
    }

    /**
     * A warning when chunks cut frames (the last two axes) into pieces: each piece then gets its own model and
     * codes worse and slower; null for chunks of whole frames.
     */
    public static String subFrameAdvice(String path, long[] shape, long[] chunk) {
        int r = shape.length;
        if (r < 2 || chunk[r - 1] >= shape[r - 1] && chunk[r - 2] >= shape[r - 2]) {
            return null;
        }
        long[] wholeFrames = chunk.clone();
        wholeFrames[r - 2] = shape[r - 2];
        wholeFrames[r - 1] = shape[r - 1];
        return path + ": chunks " + dims(chunk) + " split the " + shape[r - 2] + "x" + shape[r - 1] + " frames;"
                + " stemz models every chunk on its own, so sub-frame chunks compress worse and slower. Recommended:"
                + " whole frames, e.g. --chunk " + dims(defaultChunk(shape, 1)) + " (the default) or "
                + dims(wholeFrames) + ".";
    }

    private static String dims(long[] d) {
        return Arrays.stream(d).mapToObj(Long::toString).reduce((a, b) -> a + "x" + b).orElse("");
    }

    /**
     * One scan row for 4-D and higher data (leading axes 1, the last three whole); about 4 MiB of whole frames
     * for a 3-D stack; whole 2-D frames.
     */
    public static long[] defaultChunk(long[] shape, int elementSize) {
        long[] chunk = shape.clone();
        if (shape.length >= 4) {
            Arrays.fill(chunk, 0, shape.length - 3, 1);
        } else if (shape.length == 3) {
            long frameBytes = Math.max(1, shape[1] * shape[2] * elementSize);
            chunk[0] = Math.max(1, Math.min(shape[0], TARGET_CHUNK_BYTES / frameBytes));
        }
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = Math.max(1, chunk[i]);
        }
        return chunk;
    }
}
