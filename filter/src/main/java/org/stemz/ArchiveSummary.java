package org.stemz;

/** What a writer produced: the header (model included), the chunk index, and the archive's size in bytes. */
public record ArchiveSummary(ArchiveHeader header, ChunkIndex index, long archiveBytes) {
    /** Sum of the coded chunk sizes. */
    public long codedBytes() {
        long sum = 0;
        for (int c = 0; c < index.size(); c++) {
            sum += index.length(c);
        }
        return sum;
    }

    /** Container bytes (header without the model, index, footer) over coded bytes (chunks + model). */
    public double overheadRatio() {
        long modelBytes = header.modelBytes();
        long container = archiveBytes - codedBytes() - modelBytes;
        return (double) container / (codedBytes() + modelBytes);
    }
}
