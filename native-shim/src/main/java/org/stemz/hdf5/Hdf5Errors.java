package org.stemz.hdf5;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/** Turns failed HDF5 calls into {@link Hdf5Exception}s that quote the HDF5 error stack. */
final class Hdf5Errors {
    /** H5E_error2_t: three hid_t, an unsigned line (padded to 8), then func_name, file_name and desc pointers. */
    private static final int DESC_OFFSET = 48;
    private static final int WALK_UPWARD = 0;
    private static final long DEFAULT_STACK = 0;

    private Hdf5Errors() {
    }

    /** Returns {@code rc}, or throws when it is negative (HDF5's failure value for ids and herr_t). */
    static long check(long rc, String what) {
        if (rc < 0) {
            throw new Hdf5Exception(what + " failed: " + stackText());
        }
        return rc;
    }

    /** The current thread's HDF5 error stack, innermost (most specific) record first; the stack is cleared. */
    static String stackText() {
        Hdf5Library h5 = Hdf5Native.library();
        List<String> lines = new ArrayList<>();
        Hdf5Library.ErrorWalker walker = (n, desc, data) -> {
            Pointer text = desc.getPointer(DESC_OFFSET);
            lines.add(text == null ? "?" : text.getString(0));
            return 0;
        };
        h5.H5Ewalk2(DEFAULT_STACK, WALK_UPWARD, walker, null);
        h5.H5Eclear2(DEFAULT_STACK);
        // HDF5 puts line breaks inside some records (e.g. "time = ...\n"): the message stays one line
        return lines.isEmpty() ? "(no HDF5 error record)" : String.join(" <- ", lines).replaceAll("\\s*\\R\\s*", " ");
    }
}
