"""stemz: lossless compression for 4D-STEM data. This package holds the HDF5 helper, :mod:`stemz.hdf5`."""
