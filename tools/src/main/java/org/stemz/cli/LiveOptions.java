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
            description = "Memory for frames received but not yet compressed (default: ${DEFAULT-VALUE}).")
    long bufferMb = 64;

    long bufferBytes() {
        if (bufferMb < 1) {
            throw new UsageException("--buffer-mb must be at least 1, got " + bufferMb);
        }
        return bufferMb << 20;
    }

    long frames() {
        if (frames < -1 || frames == 0) {
            throw new UsageException("--frames must be at least 1, got " + frames);
        }
        return frames;
    }
}
