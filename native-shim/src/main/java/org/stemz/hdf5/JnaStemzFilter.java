package org.stemz.hdf5;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Arrays;
import org.stemz.FilterConfigException;

/**
 * Registers the Java codec with this process's libhdf5 ({@code H5Zregister}), so HDF5 calls made through JNA
 * (e.g. {@link Hdf5File}) read and write stemz datasets without the native plugin.
 */
public final class JnaStemzFilter {
    private static final int MAX_RANK = 32;
    /** H5Z_FLAG_OPTIONAL. */
    private static final int FLAG_OPTIONAL = 1;

    /** HDF5 keeps pointers to the struct, the name and the callbacks for the life of the process. */
    private static H5ZClass2 registered;

    private JnaStemzFilter() {
    }

    /** Registers the filter once; later calls do nothing. */
    public static synchronized void register() {
        if (registered != null) {
            return;
        }
        Hdf5Library h5 = Hdf5Native.library();
        H5ZClass2 cls = new H5ZClass2();
        cls.version = 1;
        cls.id = FilterParameters.FILTER_ID;
        cls.encoderPresent = 1;
        cls.decoderPresent = 1;
        byte[] name = Native.toByteArray(FilterParameters.FILTER_NAME);
        Memory nameMemory = new Memory(name.length);
        nameMemory.write(0, name, 0, name.length);
        cls.name = nameMemory;
        cls.setLocal = JnaStemzFilter::setLocal;
        cls.filter = JnaStemzFilter::filter;
        cls.write();
        Hdf5Errors.check(h5.H5Zregister(cls.getPointer()), "H5Zregister(stemz)");
        registered = cls;
    }

    /**
     * Fills cd_values from the dataset's element type and chunk shape (user values are replaced) and makes the
     * filter mandatory, as the native plugin does: an optional filter that fails is skipped silently by HDF5.
     */
    private static int setLocal(long dcpl, long type, long space) {
        Hdf5Library h5 = Hdf5Native.library();
        try {
            long[] dims = new long[MAX_RANK];
            int rank = h5.H5Pget_chunk(dcpl, MAX_RANK, dims);
            if (rank <= 0) {
                throw new FilterConfigException("the stemz filter needs a chunked dataset");
            }
            int[] cd = Hdf5Types.parameters(type, Arrays.copyOf(dims, rank)).toCdValues();
            IntByReference flags = new IntByReference();
            long[] count = {0};
            Hdf5Errors.check(h5.H5Pget_filter_by_id2(dcpl, FilterParameters.FILTER_ID, flags, count, null,
                    0, null, new IntByReference()), "H5Pget_filter_by_id2");
            int[] given = new int[(int) Math.min(count[0], 1 << 16)];
            count[0] = given.length;
            Hdf5Errors.check(h5.H5Pget_filter_by_id2(dcpl, FilterParameters.FILTER_ID, new IntByReference(), count,
                    given, 0, null, new IntByReference()), "H5Pget_filter_by_id2");
            if (given.length > 0 && Integer.compareUnsigned(given[0], 2) >= 0) {
                // layout 2+ (a dataset model, format-spec/HDF5-FILTER.md 3.2): kept once its leading slots match
                // and the codec reads it (this build: layout 1 only, so creation fails with the codec's reason)
                if (given.length < cd.length || !Arrays.equals(given, 1, cd.length, cd, 1, cd.length)) {
                    throw new FilterConfigException("cd_values of layout " + Integer.toUnsignedString(given[0])
                            + " describe another element type or chunk shape than the dataset's");
                }
                FilterParameters.parse(given);
                cd = given;
            }
            Hdf5Errors.check(h5.H5Pmodify_filter(dcpl, FilterParameters.FILTER_ID,
                    flags.getValue() & ~FLAG_OPTIONAL, cd.length, cd),
                    "H5Pmodify_filter");
            return 0;
        } catch (Throwable t) {
            push(h5, FilterCall.describe("stemz filter cannot be set up for this dataset", t));
            return -1;
        }
    }

    /** The HDF5 filter callback: returns the new byte count in {@code *buf}, or 0 on any failure. */
    private static long filter(int flags, long cdNelmts, Pointer cdValues, long nbytes, Pointer bufSize, Pointer buf) {
        Hdf5Library h5 = Hdf5Native.library();
        try {
            if (cdNelmts < 0 || cdNelmts > 64 || nbytes < 0 || nbytes > Integer.MAX_VALUE - 64) {
                throw new FilterConfigException("implausible filter call: " + cdNelmts + " cd_values, "
                        + nbytes + " bytes");
            }
            int[] cd = cdNelmts == 0 ? new int[0] : cdValues.getIntArray(0, (int) cdNelmts);
            Pointer in = buf.getPointer(0);
            byte[] input = in.getByteArray(0, (int) nbytes);
            int length;
            Pointer mem;
            if ((flags & FilterCall.FLAG_REVERSE) != 0) {
                length = FilterCall.decodedBytes(cd);
                mem = allocate(h5, length);
                try {
                    FilterCall.decode(cd, input, input.length, mem.getByteBuffer(0, length));
                } catch (Throwable t) {
                    h5.H5free_memory(mem);
                    throw t;
                }
            } else {
                byte[] encoded = FilterCall.encode(cd, input, input.length);
                length = encoded.length;
                mem = allocate(h5, length);
                mem.write(0, encoded, 0, length);
            }
            h5.H5free_memory(in);
            buf.setPointer(0, mem);
            bufSize.setLong(0, length);
            return length;
        } catch (Throwable t) {
            push(h5, FilterCall.describe(FilterCall.action(flags), t));
            return 0;
        }
    }

    private static Pointer allocate(Hdf5Library h5, int length) {
        Pointer mem = h5.H5allocate_memory(length, (byte) 0);
        if (mem == null) {
            throw new OutOfMemoryError("H5allocate_memory(" + length + ") failed");
        }
        return mem;
    }

    private static void push(Hdf5Library h5, String message) {
        try {
            h5.H5Epush2(0, "JnaStemzFilter.java", "stemz", 0, Hdf5Native.globalId("H5E_ERR_CLS_g"),
                    Hdf5Native.globalId("H5E_PLINE_g"), Hdf5Native.globalId("H5E_CALLBACK_g"), "%s", message);
        } catch (Throwable ignored) {
            // the filter still fails (returns 0 / -1); only the message is lost
        }
    }
}
