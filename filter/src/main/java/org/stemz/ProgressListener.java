package org.stemz;

/**
 * Progress of a long operation, reported per chunk. Called from worker threads: implementations must be
 * thread-safe. {@code phase} is "statistics", "histograms", "coding" (writer) or "decoding" (reader).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, done, total) -> {
    };

    void progress(String phase, long done, long total);
}
