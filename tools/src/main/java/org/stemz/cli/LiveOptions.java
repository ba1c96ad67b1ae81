package org.stemz.cli;

import picocli.CommandLine.Option;

/** Options of the commands that compress frames as they arrive (capture, compress - / --follow). */
public final class LiveOptions {
    @Option(names = "--frames", paramLabel = "N",
            description = "Stop after N frames (default: the frames the stream announces, else until it ends).")
    long frames = -1;

    @Option(names = "--progress",
            description = "Show the progress line (frames/s, MB/s in and out, ratio) even when stderr is not a terminal.")
    boolean progress;

    @Option(names = "--buffer-mb", paramLabel = "MB",
            description = "Memory for frames received but not yet compressed (default: 64, at most 1/16 of the heap).")
    long bufferMb;

    long bufferBytes() {
        if (bufferMb < 0) {
            throw new UsageException("--buffer-mb must be at least 1, got " + bufferMb);
        }
        // the one-pass writer needs most of a small heap for its chunk analyses
        return bufferMb > 0 ? bufferMb << 20 : Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    }

    long frames() {
        if (frames < -1 || frames == 0) {
            throw new UsageException("--frames must be at least 1, got " + frames);
        }
        return frames;
    }
}
