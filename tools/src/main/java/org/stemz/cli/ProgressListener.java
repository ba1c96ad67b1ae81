package org.stemz.cli;

/** Receives progress of a long task; the console bar and tests implement it. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String task, long totalBytes) {
        }

        @Override
        public void advance(long bytes) {
        }

        @Override
        public void end() {
        }
    };

    /** A new task starts; {@code totalBytes} is -1 when unknown. */
    void begin(String task, long totalBytes);

    void advance(long bytes);

    void end();
}
