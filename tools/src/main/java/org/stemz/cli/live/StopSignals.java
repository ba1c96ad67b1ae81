package org.stemz.cli.live;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM during a capture: the first asks the capture to stop and finish its archive (the JVM
 * would otherwise exit at once, leaving only the temporary file); a second one ends the process immediately.
 */
public final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private final SignalHandler[] previous = new SignalHandler[NAMES.length];
    private final AtomicReference<String> received = new AtomicReference<>();

    private StopSignals(Runnable onStop) {
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            try {
                previous[i] = Signal.handle(new Signal(name), s -> {
                    if (!received.compareAndSet(null, name)) {
                        Runtime.getRuntime().halt(exitCode(name));
                    }
                    onStop.run();
                });
            } catch (IllegalArgumentException e) {
                previous[i] = null; // the signal is not available here (or the JVM uses it)
            }
        }
    }

    /** Routes SIGINT and SIGTERM to {@code onStop} until closed. */
    public static StopSignals install(Runnable onStop) {
        return new StopSignals(onStop);
    }

    /** "INT" or "TERM" once a signal has arrived, else null. */
    public String received() {
        return received.get();
    }

    /** The shell's convention: 128 + the signal number. */
    public static int exitCode(String name) {
        return name.equals("INT") ? 130 : 143;
    }

    @Override
    public void close() {
        for (int i = 0; i < NAMES.length; i++) {
            if (previous[i] != null) {
                Signal.handle(new Signal(NAMES[i]), previous[i]);
            }
        }
    }
}
