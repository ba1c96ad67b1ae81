package org.stemz.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Turns an OutOfMemoryError, in any thread, into the typed {@code LIMIT_EXCEEDED} error: one line on stderr that
 * says how much memory the command needs ({@link MemoryEstimate}) and exit code 7. A reserve block is released
 * first so that printing and the shutdown hooks (which delete temporary files) have memory; a worker thread's
 * error ends the process at once (through the default uncaught-exception handler), so no JVM is left idle with a
 * full heap, where even a signal handler cannot start.
 */
final class OutOfMemory {
    private static volatile byte[] reserve = new byte[4 << 20];
    private static volatile MemoryEstimate estimate;
    private static volatile String command = "stemz";
    private static final java.util.concurrent.atomic.AtomicBoolean REPORTED = new java.util.concurrent.atomic.AtomicBoolean();
    /** Started, never before, when System.exit does not end the process in time (a hook blocked). */
    private static final Thread HALT = new Thread(() -> {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            // halt anyway
        }
        Runtime.getRuntime().halt(ExitCodes.LIMIT_EXCEEDED);
    }, "stemz-oom-halt");

    static {
        HALT.setDaemon(true);
    }

    private OutOfMemory() {
    }

    /** Records what the running command expects to need, for the message. */
    static void expect(String commandName, MemoryEstimate e) {
        command = commandName;
        estimate = e;
    }

    /** True if {@code t} is, or was caused by, an OutOfMemoryError. */
    static boolean isCause(Throwable t) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The line after {@code "error: "}. */
    static String message() {
        return "LIMIT_EXCEEDED: " + detail();
    }

    /** What ran out and what the command needs, from the estimate recorded by {@link #expect}. */
    static String detail() {
        MemoryEstimate e = estimate;
        long max = Runtime.getRuntime().maxMemory();
        return e != null ? e.explain(max) : "out of memory: the JVM may use " + MemoryEstimate.mib(max)
                + "; run with a larger JAVA_OPTS=-Xmx... or fewer threads (-T)";
    }

    /** Frees the reserve so that the code handling an OutOfMemoryError has memory to do so. */
    static void release() {
        reserve = null;
    }

    /** Releases the reserve, prints the one line and returns exit code 7. */
    static int report(PrintWriter err, String commandName) {
        reserve = null;
        err.println("stemz " + commandName + ": error: " + message());
        err.flush();
        return ExitCodes.LIMIT_EXCEEDED;
    }

    /** For {@code main} only: any thread's OutOfMemoryError ends the process with exit code 7. */
    static void installForProcess() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (!isCause(error)) {
                if (previous != null) {
                    previous.uncaughtException(thread, error);
                } else {
                    thread.getThreadGroup().uncaughtException(thread, error);
                }
                return;
            }
            exit();
        });
    }

    /** Reports on System.err and exits 7 (shutdown hooks run; halts if they hang). */
    static void exit() {
        reserve = null;
        if (!TempFiles.exiting() && REPORTED.compareAndSet(false, true)) {
            PrintStream err = System.err;
            err.println("stemz " + command + ": error: " + message());
            err.flush();
        }
        try {
            HALT.start();
        } catch (IllegalThreadStateException | OutOfMemoryError e) {
            // already started by another thread, or no memory for a thread: System.exit still ends the JVM
        }
        System.exit(ExitCodes.LIMIT_EXCEEDED);
    }
}
