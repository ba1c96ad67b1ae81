package org.stemz.hdf5;

import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.FilterConfigException;
import org.stemz.StemzCodec;

/**
 * Codes one HDF5 chunk as one complete stemz stream, so any chunk decodes alone. Shared by every HDF5 path
 * (jhdf, the JNA filter, the native plugin) so they write and read identical bytes. Stateless and thread-safe.
 */
public final class ChunkCodec {
    private ChunkCodec() {
    }

    /** Compresses the first {@code length} bytes of {@code chunk}, which must be one whole chunk. */
    public static byte[] encode(int[] cdValues, byte[] chunk, int length, int threads) {
        FilterParameters p = FilterParameters.parse(cdValues);
        if (length != p.chunkBytes()) {
            throw new FilterConfigException("HDF5 passed a chunk of " + length + " bytes but cd_values describe "
                    + p + " (" + p.chunkBytes() + " bytes)");
        }
        byte[] data = chunk.length == length ? chunk : java.util.Arrays.copyOf(chunk, length);
        return StemzCodec.compress(p.chunkDescriptor(), data, CodecOptions.defaults().withThreads(threads));
    }

    /**
     * Decompresses one chunk's stream. What the stream's header declares is checked against {@code cdValues}
     * before anything is decoded, so a forged header cannot make the filter allocate more than one chunk.
     */
    public static byte[] decode(int[] cdValues, byte[] stream, int threads) {
        FilterParameters p = FilterParameters.parse(cdValues);
        try (ArchiveReader reader = ArchiveReader.of(stream)) {
            ArrayDescriptor d = reader.descriptor();
            ArrayDescriptor want = p.chunkDescriptor();
            if (d.type() != want.type() || !d.order().equals(want.order()) || d.byteSize() != want.byteSize()) {
                throw new FilterConfigException("chunk holds " + d + " but the dataset's cd_values describe " + p);
            }
            return reader.readAll(threads).data();
        }
    }
}
