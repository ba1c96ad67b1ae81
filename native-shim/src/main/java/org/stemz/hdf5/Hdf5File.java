package org.stemz.hdf5;

import com.sun.jna.ptr.IntByReference;
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

    /** H5F_CLOSE_SEMI: H5Fclose fails while objects of the file are open, instead of closing it later. */
    private static final int CLOSE_SEMI = 2;
    /** H5F_LIBVER_V110: the file format of HDF5 1.10 (2016), whose fixed-array chunk index takes about 18 bytes a
     *  chunk where the 1.8 B-tree takes about 70; readers need HDF5 1.10 or later (h5py, jhdf, h5dump do). */
    private static final int LIBVER_V110 = 2;
    private static final int CSET_UTF8 = 1;
    private static final int SCALAR = 0;

    private final Hdf5Library h5;
    private final long file;
    private boolean closed;

    private Hdf5File(long file) {
        this.h5 = Hdf5Native.library();
        this.file = file;
    }

    /**
     * Creates (or truncates) a file; the stemz filter is registered with this process's HDF5 first. The file
     * closes "semi" strongly: {@link #close} succeeds only once HDF5 has written everything, with nothing left
     * open to be flushed later.
     */
    public static Hdf5File create(Path path) {
        JnaStemzFilter.register();
        Hdf5Library h5 = Hdf5Native.library();
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long fapl = ids.add(Hdf5Errors.check(h5.H5Pcreate(Hdf5Native.globalId("H5P_CLS_FILE_ACCESS_ID_g")),
                    "H5Pcreate(file access)"));
            Hdf5Errors.check(h5.H5Pset_fclose_degree(fapl, CLOSE_SEMI), "H5Pset_fclose_degree");
            Hdf5Errors.check(h5.H5Pset_libver_bounds(fapl, LIBVER_V110, LIBVER_V110), "H5Pset_libver_bounds");
            return new Hdf5File(Hdf5Errors.check(h5.H5Fcreate(path.toString(), ACC_TRUNC, 0, fapl),
                    "H5Fcreate(" + path + ")"));
        }
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
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long d = ids.add(Hdf5Errors.check(h5.H5Dopen2(file, path, 0), "H5Dopen2(" + path + ")"));
            long type = ids.add(Hdf5Errors.check(h5.H5Dget_type(d), "H5Dget_type"));
            long space = ids.add(Hdf5Errors.check(h5.H5Dget_space(d), "H5Dget_space"));
            long dcpl = ids.add(Hdf5Errors.check(h5.H5Dget_create_plist(d), "H5Dget_create_plist"));
            long[] shape = new long[(int) Hdf5Errors.check(h5.H5Sget_simple_extent_ndims(space), "ndims")];
            Hdf5Errors.check(h5.H5Sget_simple_extent_dims(space, shape, null), "H5Sget_simple_extent_dims");
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

    /** Creates an empty chunked dataset, to be filled with {@link #writeSlab} or {@link #chunkWriter}. */
    public void create(String path, DataType type, ByteOrder order, long[] shape, long[] chunk, boolean stemz) {
        create(path, type, order, shape, chunk, stemz ? new int[0] : null);
    }

    /**
     * As {@link #create(String, DataType, ByteOrder, long[], long[], boolean)}; {@code stemzCdValues} null means no
     * filter, otherwise the values handed to the stemz filter (empty: set_local fills them; layout 1 values are
     * replaced by set_local's, layout 2 values are kept if they match the dataset and the codec reads them).
     */
    public void create(String path, DataType type, ByteOrder order, long[] shape, long[] chunk, int[] stemzCdValues) {
        if (chunk.length != shape.length) {
            throw new FilterConfigException("chunk rank " + chunk.length + " differs from dataset rank " + shape.length);
        }
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long t = ids.add(Hdf5Types.create(type, order));
            long space = ids.add(Hdf5Errors.check(h5.H5Screate_simple(shape.length, shape, null), "H5Screate_simple"));
            long dcpl = ids.add(Hdf5Errors.check(h5.H5Pcreate(Hdf5Native.globalId("H5P_CLS_DATASET_CREATE_ID_g")),
                    "H5Pcreate"));
            Hdf5Errors.check(h5.H5Pset_chunk(dcpl, chunk.length, chunk), "H5Pset_chunk");
            if (stemzCdValues != null) {
                // mandatory (flags 0); set_local checks or fills the values from the type and the chunk shape
                Hdf5Errors.check(h5.H5Pset_filter(dcpl, FilterParameters.FILTER_ID, 0, stemzCdValues.length,
                        stemzCdValues.length == 0 ? null : stemzCdValues), "H5Pset_filter(stemz)");
            }
            Hdf5Ids.close(Hdf5Errors.check(h5.H5Dcreate2(file, path, t, space, 0, dcpl, 0), "H5Dcreate2(" + path + ")"));
        }
    }

    /** Attaches a scalar UTF-8 string attribute to the object at {@code path}. */
    public void writeStringAttribute(String path, String name, String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long obj = ids.add(Hdf5Errors.check(h5.H5Oopen(file, path, 0), "H5Oopen(" + path + ")"));
            long type = ids.add(Hdf5Errors.check(h5.H5Tcopy(Hdf5Native.globalId("H5T_C_S1_g")), "H5Tcopy(C string)"));
            Hdf5Errors.check(h5.H5Tset_size(type, Math.max(1, bytes.length)), "H5Tset_size");
            Hdf5Errors.check(h5.H5Tset_cset(type, CSET_UTF8), "H5Tset_cset");
            long space = ids.add(Hdf5Errors.check(h5.H5Screate(SCALAR), "H5Screate(scalar)"));
            long attr = ids.add(Hdf5Errors.check(h5.H5Acreate2(obj, name, type, space, 0, 0), "H5Acreate2(" + name + ")"));
            com.sun.jna.Memory buf = new com.sun.jna.Memory(Math.max(1, bytes.length));
            buf.clear();
            buf.write(0, bytes, 0, bytes.length);
            Hdf5Errors.check(h5.H5Awrite(attr, type, buf), "H5Awrite(" + name + ")");
        }
    }

    /** The {@code cd_values} HDF5 stored for the stemz filter of a dataset. */
    public int[] stemzCdValues(String path) {
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long d = ids.add(Hdf5Errors.check(h5.H5Dopen2(file, path, 0), "H5Dopen2(" + path + ")"));
            long dcpl = ids.add(Hdf5Errors.check(h5.H5Dget_create_plist(d), "H5Dget_create_plist"));
            long[] count = {64};
            int[] cd = new int[64];
            Hdf5Errors.check(h5.H5Pget_filter_by_id2(dcpl, FilterParameters.FILTER_ID, new IntByReference(), count, cd,
                    0, null, new IntByReference()), "H5Pget_filter_by_id2(" + path + ")");
            return java.util.Arrays.copyOf(cd, (int) Math.min(count[0], cd.length));
        }
    }

    /**
     * Opens {@code path} for {@link DirectChunkWriter}: chunks already encoded go straight to the file with
     * H5Dwrite_chunk. Close the writer before the file.
     */
    public DirectChunkWriter chunkWriter(String path) {
        return new DirectChunkWriter(h5, Hdf5Errors.check(h5.H5Dopen2(file, path, 0), "H5Dopen2(" + path + ")"));
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
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long d = ids.add(Hdf5Errors.check(h5.H5Dopen2(file, path, 0), "H5Dopen2(" + path + ")"));
            // the memory type is the file type: bytes move unconverted, in the file's byte order
            long type = ids.add(Hdf5Errors.check(h5.H5Dget_type(d), "H5Dget_type"));
            long fileSpace = ids.add(Hdf5Errors.check(h5.H5Dget_space(d), "H5Dget_space"));
            Hdf5Errors.check(h5.H5Sselect_hyperslab(fileSpace, SELECT_SET, start, null, count, null), "H5Sselect_hyperslab");
            long memSpace = ids.add(Hdf5Errors.check(h5.H5Screate_simple(count.length, count, null), "H5Screate_simple"));
            if (write) {
                Hdf5Errors.check(h5.H5Dwrite(d, type, memSpace, fileSpace, 0, buf), "H5Dwrite(" + path + ")");
            } else {
                Hdf5Errors.check(h5.H5Dread(d, type, memSpace, fileSpace, 0, buf), "H5Dread(" + path + ")");
            }
        }
    }

    /**
     * Closes the file; for a written file, success means HDF5 has written all of it (open objects make it fail).
     * Called once: a failed close is not retried (HDF5 keeps a half-closed file behind it).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (h5.H5Fclose(file) < 0) {
            Hdf5Native.markDamaged();
            throw new Hdf5Exception("H5Fclose failed: " + Hdf5Errors.stackText());
        }
    }
}
