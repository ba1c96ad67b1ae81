package org.stemz.hdf5;

/**
 * How the chunks of a stemz dataset written by stemz itself are coded: the {@code cd_values} stored once in the
 * dataset's filter pipeline, and the payload of each chunk. Today's only coding is {@link #perChunkModel} (layout
 * version 1: every chunk carries its own model) and {@link #datasetModel} (layout version 2, format-spec/HDF5-FILTER.md
 * section 3.2): cd_values carry the model learnt from the whole dataset, its chunks only coded frames.
 */
public interface DatasetCoding {
    /** The dataset's cd_values; a decoder needs nothing else to decode any chunk. */
    int[] cdValues();

    /** The payload of one whole chunk (C order, dataset byte order, edge chunks padded with zeros). Thread-safe. */
    byte[] encode(byte[] chunk);

    /**
     * The coding stemz's own writers use: a model per chunk (layout 1), or, when {@code datasetModel} is asked for
     * and the chunks hold whole frames of a scan, the dataset model (layout 2). Not the default: h5py (every
     * version) copies a filter's cd_values into a 16-value stack array and then reads as many values as the filter
     * has, so opening a layout-2 dataset in h5py reads past that array (a SIGSEGV was seen here with a 15 KB model).
     * Readers in C (h5dump, h5repack), jhdf and the JNA binding are safe.
     */
    static DatasetCoding forDataset(org.stemz.DataType type, java.nio.ByteOrder order, long[] shape, long[] chunk,
                                    boolean datasetModel, DatasetModels.FrameBlocks frames)
            throws java.io.IOException {
        FilterParameters p = FilterParameters.of(type, order, chunk);
        int r = shape.length;
        boolean wholeFrames = r >= 3 && chunk[r - 1] == shape[r - 1] && chunk[r - 2] == shape[r - 2];
        return wholeFrames && datasetModel ? datasetModel(p, frames) : perChunkModel(p);
    }

    /** The default of the writers' {@code --dataset-model} switch: this system property, {@code true} or not. */
    static boolean datasetModelByDefault() {
        return Boolean.getBoolean(DATASET_MODEL_PROPERTY);
    }

    /** System property that makes stemz's writers store the dataset model (layout 2) unless told otherwise. */
    String DATASET_MODEL_PROPERTY = "stemz.hdf5.datasetModel";

    /**
     * Layout version 2 with the model learnt from every frame {@code frames} gives, or layout 1 if that model is too
     * large for cd_values.
     */
    static DatasetCoding datasetModel(FilterParameters parameters, DatasetModels.FrameBlocks frames)
            throws java.io.IOException {
        org.stemz.ArrayDescriptor d = parameters.chunkDescriptor();
        byte[] model = DatasetModels.learn(d.type(), d.order(), d.frameHeight(), d.frameWidth(), frames);
        if (model == null || model.length > FilterParameters.MAX_MODEL_BYTES) {
            return perChunkModel(parameters);
        }
        return perChunkModel(parameters.withModel(model));
    }

    /** Layout version 1 (or 2, if {@code parameters} carry a model): each chunk coded by {@link ChunkCodec}. */
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
