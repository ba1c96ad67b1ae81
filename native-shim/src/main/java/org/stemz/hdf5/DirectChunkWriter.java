package org.stemz.hdf5;

/**
 * One dataset opened for direct chunk writes ({@code H5Dwrite_chunk}): each payload is stored as it is, as the
 * chunk whose first element is at {@code offset}, with every filter of the pipeline marked as applied. HDF5 runs
 * no filter, so the payloads can be encoded on other threads. Only the thread that writes touches HDF5.
 */
public final class DirectChunkWriter implements AutoCloseable {
    /** Filter mask 0: every filter of the dataset's pipeline was applied to the payload. */
    private static final int ALL_FILTERS_APPLIED = 0;

    private final Hdf5Library h5;
    private final long dataset;
    private boolean closed;

    DirectChunkWriter(Hdf5Library h5, long dataset) {
        this.h5 = h5;
        this.dataset = dataset;
    }

    public void write(long[] offset, byte[] payload) {
        Hdf5Errors.check(h5.H5Dwrite_chunk(dataset, 0, ALL_FILTERS_APPLIED, offset, payload.length, payload),
                "H5Dwrite_chunk(" + java.util.Arrays.toString(offset) + ", " + payload.length + " bytes)");
    }

    /** Closes the dataset, checked; once only. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Hdf5Ids.close(dataset);
        }
    }
}
