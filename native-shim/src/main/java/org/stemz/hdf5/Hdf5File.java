package org.stemz.hdf5;

import java.nio.ByteOrder;
import java.nio.file.Path;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.FilterConfigException;

/**
 * An HDF5 file opened through JNA, with just what stemz needs: write a (stemz-filtered) chunked dataset, read a
 * dataset or a slab of it as raw bytes in the file's byte order, describe a dataset. Calls from several threads
 * are safe only with a thread-safe libhdf5 build (Debian's is).
 */
public final class Hdf5File implements AutoCloseable {
    private static final int ACC_RDONLY = 0;
    private static final int ACC_RDWR = 1;
    private static final int ACC_TRUNC = 2;
    private static final int H5D_CHUNKED = 2;
    private static final int SELECT_SET = 0;
    private static final int MAX_RANK = 32;

    private final Hdf5Library h5;
    private final long file;

    private Hdf5File(long file) {
        this.h5 = Hdf5Native.library();
        this.file = file;
    }

    /** Creates (or truncates) a file; the stemz filter is registered with this process's HDF5 first. */
    public static Hdf5File create(Path path) {
        JnaStemzFilter.register();
        return new Hdf5File(Hdf5Errors.check(Hdf5Native.library().H5Fcreate(path.toString(), ACC_TRUNC, 0, 0),
                "H5Fcreate(" + path + ")"));
    }

    public static Hdf5File open(Path path, boolean writable) {
        JnaStemzFilter.register();
        return new Hdf5File(Hdf5Errors.check(Hdf5Native.library().H5Fopen(path.toString(),
                writable ? ACC_RDWR : ACC_RDONLY, 0), "H5Fopen(" + path + ")"));
    }

    long id() {
        return file;
    }

    /**
     * A dataset's shape, element type as a stemz array (a rank-1 dataset is one row), chunk shape (null if not
     * chunked) and bytes stored.
     */
    public record DatasetInfo(long[] shape, ArrayDescriptor descriptor, long[] chunk, long storageBytes) {
    }

    public DatasetInfo info(String path) {
        long d = Hdf5Errors.check(h5.H5Dopen2(file, path, 0), "H5Dopen2(" + path + ")");
        long type = -1;
        long space = -1;
        long dcpl = -1;
        try {
            type = Hdf5Errors.check(h5.H5Dget_type(d), "H5Dget_type");
            space = Hdf5Errors.check(h5.H5Dget_space(d), "H5Dget_space");
            dcpl = Hdf5Errors.check(h5.H5Dget_create_plist(d), "H5Dget_create_plist");
            long[] shape = new long[(int) Hdf5Errors.check(h5.H5Sget_simple_extent_ndims(space), "ndims")];
            h5.H5Sget_simple_extent_dims(space, shape, null);
            long[] chunk = null;
            if (h5.H5Pget_layout(dcpl) == H5D_CHUNKED) {
                long[] dims = new long[MAX_RANK];
                chunk = java.util.Arrays.copyOf(dims, (int) Hdf5Errors.check(h5.H5Pget_chunk(dcpl, MAX_RANK, dims),
                        "H5Pget_chunk"));
            }
            // the element type only: any chunk shape will do
            FilterParameters p = Hdf5Types.parameters(type, 1, 1);
            long[] arrayShape = shape.length >= 2 ? shape : new long[] {1, shape.length == 1 ? shape[0] : 1};
            return new DatasetInfo(shape, new ArrayDescriptor(p.type(), p.order(), arrayShape), chunk,
                    h5.H5Dget_storage_size(d));
        } finally {
            closeAll(dcpl, space, type, d);
        }
    }

    /**
     * Creates a chunked dataset and writes {@code data} (C order, in {@code d}'s byte order); with {@code stemz}
     * the stemz filter is its only filter. The dataset's shape is {@code shape}, which must hold d's elements.
     */
    public void write(String path, ArrayDescriptor d, long[] shape, long[] chunk, boolean stemz, byte[] data) {
        create(path, d.type(), d.order(), shape, chunk, stemz);
        writeSlab(path, new long[shape.length], shape, data);
    }

    /** Creates an empty chunked dataset, to be filled with {@link #writeSlab}. */
    public void create(String path, DataType type, ByteOrder order, long[] shape, long[] chunk, boolean stemz) {
        if (chunk.length != shape.length) {
            throw new FilterConfigException("chunk rank " + chunk.length + " differs from dataset rank " + shape.length);
        }
        long t = Hdf5Types.create(type, order);
        long space = -1;
        long dcpl = -1;
        try {
            space = Hdf5Errors.check(h5.H5Screate_simple(shape.length, shape, null), "H5Screate_simple");
            dcpl = Hdf5Errors.check(h5.H5Pcreate(Hdf5Native.globalId("H5P_CLS_DATASET_CREATE_ID_g")), "H5Pcreate");
            Hdf5Errors.check(h5.H5Pset_chunk(dcpl, chunk.length, chunk), "H5Pset_chunk");
            if (stemz) {
                // no values: set_local fills them from the type and the chunk shape
                Hdf5Errors.check(h5.H5Pset_filter(dcpl, FilterParameters.FILTER_ID, 0, 0, null), "H5Pset_filter(stemz)");
            }
            closeAll(Hdf5Errors.check(h5.H5Dcreate2(file, path, t, space, 0, dcpl, 0), "H5Dcreate2(" + path + ")"));
        } finally {
            closeAll(dcpl, space, t);
        }
    }

    /** Writes raw bytes (file byte order) into the hyperslab at {@code start} of size {@code count}. */
    public void writeSlab(String path, long[] start, long[] count, byte[] data) {
        slab(path, start, count, data, true);
    }

    /** Reads the hyperslab at {@code start} of size {@code count} as raw bytes in the file's byte order. */
    public byte[] readSlab(String path, long[] start, long[] count, int elementSize) {
        long n = elementSize;
        for (long c : count) {
            n *= c;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("slab of " + n + " bytes is too large to read at once");
        }
        byte[] out = new byte[(int) n];
        slab(path, start, count, out, false);
        return out;
    }

    /** Reads a whole dataset as raw bytes in the file's byte order. */
    public byte[] read(String path) {
        DatasetInfo info = info(path);
        return readSlab(path, new long[info.shape().length], info.shape(), info.descriptor().type().size());
    }

    private void slab(String path, long[] start, long[] count, byte[] buf, boolean write) {
        long d = Hdf5Errors.check(h5.H5Dopen2(file, path, 0), "H5Dopen2(" + path + ")");
        long type = -1;
        long fileSpace = -1;
        long memSpace = -1;
        try {
            // the memory type is the file type: bytes move unconverted, in the file's byte order
            type = Hdf5Errors.check(h5.H5Dget_type(d), "H5Dget_type");
            fileSpace = Hdf5Errors.check(h5.H5Dget_space(d), "H5Dget_space");
            Hdf5Errors.check(h5.H5Sselect_hyperslab(fileSpace, SELECT_SET, start, null, count, null), "H5Sselect_hyperslab");
            memSpace = Hdf5Errors.check(h5.H5Screate_simple(count.length, count, null), "H5Screate_simple");
            if (write) {
                Hdf5Errors.check(h5.H5Dwrite(d, type, memSpace, fileSpace, 0, buf), "H5Dwrite(" + path + ")");
            } else {
                Hdf5Errors.check(h5.H5Dread(d, type, memSpace, fileSpace, 0, buf), "H5Dread(" + path + ")");
            }
        } finally {
            closeAll(memSpace, fileSpace, type, d);
        }
    }

    /** Closes ids of any kind (dataset, space, type, property list), skipping unset ones (-1). */
    private void closeAll(long... ids) {
        for (long id : ids) {
            if (id >= 0) {
                h5.H5Idec_ref(id);
            }
        }
    }

    @Override
    public void close() {
        Hdf5Errors.check(h5.H5Fclose(file), "H5Fclose");
    }
}
