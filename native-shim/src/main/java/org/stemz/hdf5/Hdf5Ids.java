package org.stemz.hdf5;

import java.util.ArrayList;
import java.util.List;

/**
 * HDF5 ids opened by one operation, closed together in reverse order of opening (objects before the ids they were
 * opened from), every close checked: a close that fails (e.g. a dataset flushing its cached chunks onto a full
 * disk) throws instead of being ignored, and marks the library {@linkplain Hdf5Native#markDamaged damaged}. As a
 * try-with-resources resource, a close failure during an exception is added to it as suppressed.
 */
final class Hdf5Ids implements AutoCloseable {
    private final List<Long> ids = new ArrayList<>();

    /** Remembers {@code id} (already checked to be valid) and returns it. */
    long add(long id) {
        ids.add(id);
        return id;
    }

    @Override
    public void close() {
        Hdf5Exception failure = null;
        Hdf5Library h5 = Hdf5Native.library();
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (h5.H5Idec_ref(ids.get(i)) < 0) {
                Hdf5Native.markDamaged();
                Hdf5Exception e = new Hdf5Exception("closing an HDF5 object failed: " + Hdf5Errors.stackText());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        ids.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes one id, checked. */
    static void close(long id) {
        try (Hdf5Ids one = new Hdf5Ids()) {
            one.add(id);
        }
    }
}
