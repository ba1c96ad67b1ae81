package org.stemz.hdf5;

import io.jhdf.filter.Filter;

/**
 * The stemz filter for jhdf, found through {@code META-INF/services/io.jhdf.filter.Filter}: pure-Java programs read
 * (and with jhdf 0.13, write) stemz datasets with jhdf alone. jhdf may call {@link #decode} from many threads.
 */
public final class JhdfStemzFilter implements Filter {
    /** One thread per chunk: jhdf readers parallelise across chunks themselves. */
    private static final int THREADS = 1;

    @Override
    public int getId() {
        return FilterParameters.FILTER_ID;
    }

    @Override
    public String getName() {
        return "stemz";
    }

    @Override
    public byte[] decode(byte[] encodedData, int[] filterData) {
        return ChunkCodec.decode(filterData, encodedData, THREADS);
    }

    @Override
    public byte[] encode(byte[] data, int[] filterData) {
        return ChunkCodec.encode(filterData, data, data.length, THREADS);
    }
}
