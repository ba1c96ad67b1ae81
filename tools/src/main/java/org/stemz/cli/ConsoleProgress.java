package org.stemz.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stemz.ProgressListener;

/**
 * A progress bar on the terminal (MiB, rate, ETA), one per phase of the codec ("statistics", "coding", ...).
 * The codec reports chunks done; they are shown as the share of the operation's raw bytes.
 */
final class ConsoleProgress implements ProgressListener {
    private final long totalBytes;
    private ProgressBar bar;
    private String phase;

    private ConsoleProgress(long totalBytes) {
        this.totalBytes = totalBytes;
    }

    /** The listener for a command over {@code totalBytes} raw bytes: a bar on a terminal unless quiet. */
    static ProgressListener forTerminal(boolean quiet, long totalBytes) {
        return quiet || System.console() == null ? ProgressListener.NONE : new ConsoleProgress(totalBytes);
    }

    /** Called from worker threads, hence synchronized. */
    @Override
    public synchronized void progress(String phase, long done, long total) {
        if (!phase.equals(this.phase)) {
            close();
            this.phase = phase;
            bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(totalBytes).setUnit(" MiB", 1 << 20)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setMaxRenderedLength(100)
                    .setUpdateIntervalMillis(200).continuousUpdate().build();
        }
        bar.stepTo(total <= 0 ? totalBytes : (long) ((double) done / total * totalBytes));
        if (done >= total) {
            close();
            this.phase = phase;
        }
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
