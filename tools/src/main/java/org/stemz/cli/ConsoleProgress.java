package org.stemz.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal (bytes, rate, ETA). Used only when stderr is a terminal. */
final class ConsoleProgress implements ProgressListener {
    private ProgressBar bar;

    /** The listener for a command: a bar on a terminal unless quiet, nothing otherwise. */
    static ProgressListener forTerminal(boolean quiet) {
        return quiet || System.console() == null ? ProgressListener.NONE : new ConsoleProgress();
    }

    @Override
    public void begin(String task, long totalBytes) {
        end();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setMaxRenderedLength(100)
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .build();
    }

    @Override
    public void advance(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
