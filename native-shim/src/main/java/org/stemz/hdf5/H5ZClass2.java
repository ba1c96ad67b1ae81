package org.stemz.hdf5;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** HDF5's {@code H5Z_class2_t} (48 bytes on LP64). HDF5 keeps pointers into it: keep it strongly reachable. */
@Structure.FieldOrder({"version", "id", "encoderPresent", "decoderPresent", "name", "canApply", "setLocal", "filter"})
public final class H5ZClass2 extends Structure {
    public int version;
    public int id;
    public int encoderPresent;
    public int decoderPresent;
    public Pointer name;
    public Callback canApply;
    public SetLocal setLocal;
    public FilterFunction filter;

    /** {@code size_t filter(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes, size_t *buf_size, void **buf)} */
    public interface FilterFunction extends Callback {
        long invoke(int flags, long cdNelmts, Pointer cdValues, long nbytes, Pointer bufSize, Pointer buf);
    }

    /** {@code herr_t set_local(hid_t dcpl_id, hid_t type_id, hid_t space_id)} */
    public interface SetLocal extends Callback {
        int invoke(long dcpl, long type, long space);
    }
}
