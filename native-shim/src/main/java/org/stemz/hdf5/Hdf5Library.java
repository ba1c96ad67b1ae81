package org.stemz.hdf5;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of the libhdf5 C API (1.10+) stemz uses. LP64 mapping: hid_t, size_t and hsize_t are Java longs,
 * herr_t and htri_t ints, hbool_t a byte. Loaded by {@link Hdf5Native}.
 */
public interface Hdf5Library extends Library {
    int H5open();

    int H5close();

    /** Must come before any other HDF5 call: no atexit cleanup. */
    int H5dont_atexit();

    int H5Zregister(Pointer cls);

    int H5Zfilter_avail(int id);

    Pointer H5allocate_memory(long size, byte clear);

    int H5free_memory(Pointer mem);

    int H5Epush2(long stack, String file, String func, int line, long cls, long maj, long min, String fmt,
                 Object... args);

    int H5Eset_auto2(long stack, Pointer func, Pointer data);

    int H5Ewalk2(long stack, int direction, ErrorWalker walker, Pointer data);

    int H5Eclear2(long stack);

    /** H5E_walk2_t: receives each record of the error stack. */
    interface ErrorWalker extends Callback {
        int invoke(int n, Pointer errorDesc, Pointer data);
    }

    long H5Fcreate(String name, int flags, long fcpl, long fapl);

    long H5Fopen(String name, int flags, long fapl);

    int H5Fclose(long file);

    long H5Dcreate2(long loc, String name, long type, long space, long lcpl, long dcpl, long dapl);

    long H5Dopen2(long loc, String name, long dapl);

    /** Stores one already filtered chunk at the chunk whose first element is {@code offset}. */
    int H5Dwrite_chunk(long dset, long dxpl, int filterMask, long[] offset, long dataSize, byte[] buf);

    int H5Pset_fclose_degree(long fapl, int degree);

    int H5Pset_libver_bounds(long fapl, int low, int high);

    int H5Dwrite(long dset, long memType, long memSpace, long fileSpace, long xfer, Pointer buf);

    int H5Dwrite(long dset, long memType, long memSpace, long fileSpace, long xfer, byte[] buf);

    int H5Dread(long dset, long memType, long memSpace, long fileSpace, long xfer, byte[] buf);

    long H5Dget_type(long dset);

    long H5Dget_space(long dset);

    long H5Dget_create_plist(long dset);

    long H5Dget_storage_size(long dset);

    int H5Dclose(long dset);

    long H5Screate_simple(int rank, long[] dims, long[] maxDims);

    int H5Sget_simple_extent_ndims(long space);

    int H5Sget_simple_extent_dims(long space, long[] dims, long[] maxDims);

    int H5Sselect_hyperslab(long space, int op, long[] start, long[] stride, long[] count, long[] block);

    int H5Sclose(long space);

    long H5Pcreate(long cls);

    long H5Pcopy(long plist);

    int H5Pset_chunk(long dcpl, int rank, long[] dims);

    int H5Pget_chunk(long dcpl, int maxRank, long[] dims);

    int H5Pget_layout(long dcpl);

    int H5Pset_filter(long dcpl, int filter, int flags, long cdNelmts, int[] cdValues);

    int H5Pget_filter_by_id2(long dcpl, int filter, IntByReference flags, long[] cdNelmts, int[] cdValues,
                             long nameLength, byte[] name, IntByReference filterConfig);

    int H5Pmodify_filter(long dcpl, int filter, int flags, long cdNelmts, int[] cdValues);

    int H5Premove_filter(long dcpl, int filter);

    int H5Pclose(long plist);

    long H5Tcopy(long type);

    int H5Tget_class(long type);

    long H5Tget_size(long type);

    int H5Tget_sign(long type);

    int H5Tget_order(long type);

    int H5Tclose(long type);

    int H5Tset_size(long type, long size);

    int H5Tset_cset(long type, int cset);

    long H5Screate(int type);

    int H5Ocopy(long srcLoc, String srcName, long dstLoc, String dstName, long ocpypl, long lcpl);


    /** H5O_iterate_t and H5A_operator2_t: the info pointers are not read (their layout changed in 1.12). */
    interface VisitCallback extends Callback {
        int invoke(long obj, String name, Pointer info, Pointer data);
    }

    int H5Ovisit2(long obj, int indexType, int order, VisitCallback op, Pointer data, int fields);

    long H5Oopen(long loc, String name, long lapl);

    long H5Gcreate2(long loc, String name, long lcpl, long gcpl, long gapl);

    int H5Iget_type(long id);

    int H5Aiterate2(long obj, int indexType, int order, long[] idx, VisitCallback op, Pointer data);

    long H5Aopen(long obj, String name, long aapl);

    long H5Acreate2(long obj, String name, long type, long space, long acpl, long aapl);

    long H5Aget_type(long attr);

    long H5Aget_space(long attr);

    int H5Aread(long attr, long memType, Pointer buf);

    int H5Awrite(long attr, long memType, Pointer buf);

    long H5Sget_simple_extent_npoints(long space);

    int H5Dvlen_reclaim(long type, long space, long xfer, Pointer buf);

    /** Closes an id of any kind once its reference count drops to zero. */
    int H5Idec_ref(long id);
}
