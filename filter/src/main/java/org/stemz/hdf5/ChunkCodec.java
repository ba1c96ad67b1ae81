package org.stemz.hdf5;

import java.nio.ByteBuffer;
import org.stemz.ArchiveInput;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.ChecksumMismatchException;
import org.stemz.Checksums;
import org.stemz.CodecOptions;
import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;
import org.stemz.FilterConfigException;
import org.stemz.StemzCodec;
import org.stemz.UnsupportedFormatException;
import org.stemz.codec.ByteSink;
import org.stemz.codec.ByteSource;

/**
 * Codes one HDF5 chunk so that it decodes alone (format-spec/HDF5-FILTER.md, "Chunk payload"): a map of the
 * frames whose bytes are all zero, then one complete stemz stream of the other frames. HDF5 fills the parts of
 * edge chunks outside the dataset with zero frames; leaving them out of the stream keeps them free and keeps them
 * out of the model. Shared by every HDF5 path (jhdf, the JNA filter, the native plugin) so they write and read
 * identical bytes. Stateless and thread-safe. With cd_values of layout 2 the chunk holds only coded frames (and
 * their checksum), coded with the dataset model that cd_values carry; parsed models are kept in {@link
 * DatasetModels}.
 */
public final class ChunkCodec {
    static final int PAYLOAD_VERSION = 1;
    /** Payload of layout 2: coded frames only, with the dataset model of cd_values. */
    static final int MODEL_PAYLOAD_VERSION = 2;

    private ChunkCodec() {
    }

    /** Compresses the first {@code length} bytes of {@code chunk}, which must be one whole chunk. */
    public static byte[] encode(int[] cdValues, byte[] chunk, int length, int threads) {
        if (length < 0 || length > chunk.length) {
            throw new IllegalArgumentException(length + " bytes of an array of " + chunk.length);
        }
        FilterParameters p = FilterParameters.parse(cdValues);
        if (length != p.chunkBytes()) {
            throw new FilterConfigException("HDF5 passed a chunk of " + length + " bytes but cd_values describe "
                    + p + " (" + p.chunkBytes() + " bytes)");
        }
        ArrayDescriptor d = p.chunkDescriptor();
        int frames = (int) d.frames();
        int frameBytes = (int) (d.byteSize() / Math.max(1, frames));
        boolean[] blank = new boolean[frames];
        int kept = 0;
        for (int f = 0; f < frames; f++) {
            blank[f] = isZero(chunk, f * frameBytes, frameBytes);
            kept += blank[f] ? 0 : 1;
        }
        ByteSink out = new ByteSink(64 + frames / 8);
        byte[] datasetModel = p.model();
        out.u8(datasetModel == null ? PAYLOAD_VERSION : MODEL_PAYLOAD_VERSION).varint(frames);
        byte[] map = new byte[(frames + 7) / 8];
        for (int f = 0; f < frames; f++) {
            map[f >>> 3] |= (byte) (blank[f] ? 1 << (f & 7) : 0);
        }
        out.bytes(map);
        out.u32(Checksums.crc32c(out.array(), 0, out.size()));
        if (kept > 0) {
            byte[] data = kept == frames ? chunk : new byte[kept * frameBytes];
            for (int f = 0, k = 0; f < frames && data != chunk; f++) {
                if (!blank[f]) {
                    System.arraycopy(chunk, f * frameBytes, data, k++ * frameBytes, frameBytes);
                }
            }
            if (datasetModel != null) {
                out.u32(Checksums.crc32c(data, 0, kept * frameBytes));
                out.bytes(DatasetModels.encode(datasetModel, d, data, kept));
                return out.toByteArray();
            }
            ArrayDescriptor keptFrames = new ArrayDescriptor(d.type(), d.order(), kept, d.frameHeight(), d.frameWidth());
            out.bytes(StemzCodec.compress(keptFrames, data, 0, CodecOptions.defaults().withThreads(threads)));
        }
        return out.toByteArray();
    }

    /** Decompresses one chunk's payload into a new array (see {@link #decode(int[], byte[], int, ByteBuffer, int)}). */
    public static byte[] decode(int[] cdValues, byte[] payload, int threads) {
        byte[] out = new byte[(int) FilterParameters.parse(cdValues).chunkBytes()];
        decode(cdValues, payload, payload.length, ByteBuffer.wrap(out), threads);
        return out;
    }

    /**
     * Decompresses the payload in the first {@code length} bytes of {@code payload} into bytes [0, chunk size) of
     * {@code out}, whatever its position: the native plugin passes the buffer HDF5 allocated, so the data cross
     * into C without a copy. The frame map and what the stream's header declares are checked against
     * {@code cdValues} before anything is decoded, so a forged payload cannot make the filter allocate more than
     * one chunk.
     */
    public static void decode(int[] cdValues, byte[] payload, int length, ByteBuffer out, int threads) {
        FilterParameters p = FilterParameters.parse(cdValues);
        ArrayDescriptor want = p.chunkDescriptor();
        if (out.capacity() < want.byteSize()) {
            throw new FilterConfigException("the output buffer holds " + out.capacity() + " bytes but cd_values"
                    + " describe " + p + " (" + want.byteSize() + " bytes)");
        }
        int frames = (int) want.frames();
        int frameBytes = (int) (want.byteSize() / Math.max(1, frames));
        ByteSource in = new ByteSource(payload, 0, length, 0);
        int version = in.u8("chunk payload version");
        int expectedVersion = p.model() == null ? PAYLOAD_VERSION : MODEL_PAYLOAD_VERSION;
        if (version != expectedVersion) {
            throw new UnsupportedFormatException(ErrorCode.UNSUPPORTED_VERSION, 0, "HDF5 chunk payload version " + version
                    + "; cd_values of layout " + p.layoutVersion() + " call for version " + expectedVersion);
        }
        long declared = in.varint("frame count");
        if (declared != frames) {
            throw new FilterConfigException("chunk payload declares " + declared + " frames but the dataset's cd_values"
                    + " describe " + p + " (" + frames + " frames)");
        }
        byte[] map = in.bytes((frames + 7) / 8, "blank frame map");
        int mapEnd = in.offsetInArray();
        long crcAt = in.position();
        if (in.u32("frame map checksum") != Checksums.crc32c(payload, 0, mapEnd)) {
            throw new ChecksumMismatchException(ErrorCode.HEADER_CHECKSUM_MISMATCH, crcAt,
                    "HDF5 chunk frame map checksum mismatch: the chunk is corrupt");
        }
        int kept = 0;
        for (int f = 0; f < frames; f++) {
            kept += isBlank(map, f) ? 0 : 1;
        }
        if (kept == 0 && in.remaining() != 0) {
            throw new CorruptInputException(ErrorCode.TRAILING_DATA, in.position(),
                    "HDF5 chunk of blank frames has " + in.remaining() + " bytes after its frame map");
        }
        if (kept > 0 && p.model() != null) {
            long decodedCrc = in.u32("decoded frames checksum");
            int codedAt = in.offsetInArray();
            DatasetModels.decode(p.model(), want, payload, codedAt, length - codedAt, kept, out);
            if (Checksums.crc32c(out, 0, kept * frameBytes) != decodedCrc) {
                out.put(0, new byte[kept * frameBytes]);
                throw new ChecksumMismatchException(ErrorCode.DATA_CHECKSUM_MISMATCH, codedAt,
                        "HDF5 chunk decoded to data whose checksum differs from the original's");
            }
        } else if (kept > 0) {
            int streamAt = in.offsetInArray();
            try (ArchiveReader reader = ArchiveReader.of(ArchiveInput.of(payload, streamAt, length - streamAt))) {
                ArrayDescriptor d = reader.descriptor();
                ArrayDescriptor expected = new ArrayDescriptor(want.type(), want.order(), kept, want.frameHeight(),
                        want.frameWidth());
                if (!d.equals(expected)) {
                    throw new FilterConfigException("chunk holds " + d + " but its frame map and the dataset's"
                            + " cd_values call for " + expected);
                }
                reader.readAll(out.duplicate().clear(), threads);
            }
        }
        if (kept < frames) {
            spreadFrames(out, map, frames, kept, frameBytes);
        }
    }

    /**
     * Moves the {@code kept} decoded frames at the start of {@code out} to their places in the chunk and zeroes
     * the blank ones, from the last frame down so that no frame is overwritten before it has moved.
     */
    private static void spreadFrames(ByteBuffer out, byte[] map, int frames, int kept, int frameBytes) {
        byte[] zeros = new byte[frameBytes];
        for (int f = frames - 1, k = kept - 1; f >= 0; f--) {
            if (isBlank(map, f)) {
                out.put(f * frameBytes, zeros);
            } else {
                if (k != f) {
                    out.put(f * frameBytes, out, k * frameBytes, frameBytes);
                }
                k--;
            }
        }
    }

    private static boolean isBlank(byte[] map, int frame) {
        return (map[frame >>> 3] >>> (frame & 7) & 1) != 0;
    }

    static boolean isZero(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

}
