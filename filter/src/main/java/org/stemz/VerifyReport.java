package org.stemz;

import java.util.List;

/** Per-chunk verification of a whole archive; the header and index were already checked when it was opened. */
public record VerifyReport(List<ChunkCheck> chunks) {
    public VerifyReport {
        chunks = List.copyOf(chunks);
    }

    public boolean ok() {
        return chunks.stream().allMatch(ChunkCheck::ok);
    }

    public List<ChunkCheck> failures() {
        return chunks.stream().filter(c -> !c.ok()).toList();
    }
}
