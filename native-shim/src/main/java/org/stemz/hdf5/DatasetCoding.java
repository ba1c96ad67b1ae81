package org.stemz.hdf5;

/**
 * How the chunks of a stemz dataset written by stemz itself are coded: the {@code cd_values} stored once in the
 * dataset's filter pipeline, and the payload of each chunk. Today's only coding is {@link #perChunkModel} (layout
 * version 1: every chunk carries its own model). A dataset model (layout version 2, format-spec/HDF5-FILTER.md
 * section 3.2) slots in here: its cd_values carry the model learnt from the data, its chunks only coded frames.
 */
public interface DatasetCoding {
    /** The dataset's cd_values; a decoder needs nothing else to decode any chunk. */
    int[] cdValues();

    /** The payload of one whole chunk (C order, dataset byte order, edge chunks padded with zeros). Thread-safe. */
    byte[] encode(byte[] chunk);

    /** Layout version 1: each chunk a self-contained stemz stream with its own model. */
    static DatasetCoding perChunkModel(FilterParameters parameters) {
        int[] cd = parameters.toCdValues();
        return new DatasetCoding() {
            @Override
            public int[] cdValues() {
                return cd.clone();
            }

            @Override
            public byte[] encode(byte[] chunk) {
                // chunks are encoded in parallel, one per thread
                return ChunkCodec.encode(cd, chunk, chunk.length, 1);
            }
        };
    }
}
