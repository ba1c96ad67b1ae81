package org.stemz;

/** Test-only entry points to the package-private version-2 container parsers, for the fuzz targets. */
public final class FuzzAccess {
    private FuzzAccess() {
    }

    /** Parses a chunk record of all of {@code record} and checks its stored checksum against its bytes. */
    public static boolean parseRecord(byte[] record) {
        ChunkRecord.Layout r = ChunkRecord.parse(record, 0, record.length, 0);
        if (r.modelOffset() < 0 || r.codedOffset() + r.codedLength() != record.length
                || (r.hasModel() && r.modelOffset() + r.modelLength() > r.codedOffset())) {
            throw new AssertionError("record layout outside its bytes: " + r);
        }
        return ChunkRecord.crc(record, 0, record.length) == r.recordCrc()
                && ChunkRecord.storedCrc(record, 0) == r.recordCrc();
    }

    /** The coded frames of an encoder-written record (no model carried): what the chunk fuzz target takes. */
    public static byte[] codedFrames(byte[] record) {
        ChunkRecord.Layout r = ChunkRecord.parse(record, 0, record.length, 0);
        return java.util.Arrays.copyOfRange(record, r.codedOffset(), r.codedOffset() + r.codedLength());
    }
}
