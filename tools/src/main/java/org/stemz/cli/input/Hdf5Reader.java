package org.stemz.cli.input;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.StemzException;
import org.stemz.cli.Json;
import org.stemz.cli.UsageException;

/**
 * Reads a dataset of an HDF5 file with jhdf: {@code FILE.h5:/path/to/dataset}, or without a path the Nion
 * Swift layout (dataset {@code data} with a JSON {@code properties} attribute), else the largest numeric
 * dataset of 3 or more axes. The file's element type and byte order are kept.
 */
public final class Hdf5Reader {
    private static final int MAX_DEPTH = 32;

    private Hdf5Reader() {
    }

    public static ArraySource open(Path file, String datasetPath) throws IOException {
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw InputErrors.unsupported(file, "not a readable HDF5 file (" + e.getMessage() + ")");
        }
        try {
            return open(file, hdf, datasetPath);
        } catch (StemzException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            // jhdf reports damaged files with assorted runtime exceptions
            hdf.close();
            throw InputErrors.corrupt(file, -1, "unreadable HDF5 structure (" + e + ")");
        }
    }

    private static ArraySource open(Path file, HdfFile hdf, String datasetPath) {
        Dataset ds;
        Json meta;
        Node nion = hdf.getChildren().get("data");
        if (datasetPath != null) {
            ds = dataset(file, hdf, datasetPath);
            meta = SourceMetadata.of("hdf5", file).put("dataset", ds.getPath());
        } else if (nion instanceof Dataset d && d.getAttribute("properties") != null) {
            ds = d;
            meta = SourceMetadata.of("nion-h5", file).put("dataset", ds.getPath())
                    .put("properties_json", String.valueOf(d.getAttribute("properties").getData()));
        } else {
            ds = largest(hdf, 0);
            if (ds == null) {
                throw new UsageException(file + ": no numeric dataset of 2 or more axes; name one as FILE.h5:/path");
            }
            meta = SourceMetadata.of("hdf5", file).put("dataset", ds.getPath());
        }
        meta.put("attributes", attributes(ds));
        ArrayDescriptor d = new ArrayDescriptor(type(file, ds), order(ds), ds.getDimensionsAsLong());
        return new Hdf5Source(file, hdf, ds, d, meta.toString());
    }

    private static Dataset dataset(Path file, HdfFile hdf, String path) {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (HdfException e) {
            throw new UsageException(file + ": no dataset " + path + " (" + e.getMessage() + ")");
        }
        if (!(node instanceof Dataset d)) {
            throw new UsageException(file + ": " + path + " is not a dataset");
        }
        return d;
    }

    /** The numeric dataset with the most elements, preferring 3 or more axes. */
    private static Dataset largest(Group group, int depth) {
        Dataset best = null;
        if (depth > MAX_DEPTH) {
            return null;
        }
        for (Node n : group.getChildren().values()) {
            Dataset candidate = n instanceof Group g ? largest(g, depth + 1) : n instanceof Dataset d ? d : null;
            if (candidate != null && usable(candidate) && (best == null || score(candidate) > score(best))) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean usable(Dataset d) {
        return !d.isScalar() && !d.isCompound() && !d.isVariableLength() && d.getDimensions().length >= 2
                && (d.getDataType() instanceof FixedPoint || d.getDataType() instanceof FloatingPoint);
    }

    private static double score(Dataset d) {
        return d.getSize() * (d.getDimensions().length >= 3 ? 1e6 : 1.0);
    }

    private static DataType type(Path file, Dataset ds) {
        io.jhdf.object.datatype.DataType t = ds.getDataType();
        int size = t.getSize();
        if (t instanceof FixedPoint fp && size <= 4) {
            boolean signed = fp.isSigned();
            return size == 1 ? signed ? DataType.INT8 : DataType.UINT8
                    : size == 2 ? signed ? DataType.INT16 : DataType.UINT16
                    : signed ? DataType.INT32 : DataType.UINT32;
        }
        if (t instanceof FloatingPoint && (size == 4 || size == 8)) {
            return size == 4 ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        throw InputErrors.unsupported(file, "dataset " + ds.getPath() + " has an element type stemz does not code ("
                + t.getClass().getSimpleName() + " of " + size + " bytes)");
    }

    private static ByteOrder order(Dataset ds) {
        io.jhdf.object.datatype.DataType t = ds.getDataType();
        ByteOrder o = t instanceof FixedPoint fp ? fp.getByteOrder() : ((FloatingPoint) t).getByteOrder();
        return t.getSize() == 1 || o == null ? ByteOrder.LITTLE_ENDIAN : o;
    }

    /** Scalar string and number attributes of the dataset, for the metadata block. */
    private static Map<String, Object> attributes(Dataset ds) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            for (Attribute a : ds.getAttributes().values()) {
                Object v = a.isScalar() ? a.getData() : null;
                if (v instanceof String || v instanceof Number) {
                    out.put(a.getName(), v);
                }
            }
        } catch (HdfException e) {
            out.put("error", "attributes unreadable: " + e.getMessage());
        }
        return out;
    }
}
