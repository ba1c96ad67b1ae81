package org.stemz.hdf5;

/** An HDF5 call failed; the message carries the HDF5 error stack, innermost record first. */
public final class Hdf5Exception extends RuntimeException {
    public Hdf5Exception(String message) {
        super(message);
    }
}
