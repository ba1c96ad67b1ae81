package org.stemz.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs tasks 0..n-1 on a bounded number of threads and rethrows the first failure unchanged. */
public final class Parallel {
    /**
     * Threads are kept between calls: the HDF5 filter runs a few tasks per chunk, for thousands of chunks, and
     * would otherwise start new threads for each. A cached pool grows for nested calls instead of deadlocking;
     * idle threads end after a minute.
     */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(daemonThreads("stemz-worker"));

    private Parallel() {
    }

    /**
     * Runs {@code task} for 0..n-1 on at most {@code threads} threads. Returns, or throws, only once no task is
     * running any more, so a caller may free what the tasks write to (the HDF5 plugin frees its buffer).
     */
    public static void forEach(int n, int threads, IntConsumer task) {
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(threads, n); w++) {
            workers.add(WORKERS.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        task.accept(i);
                    } catch (Throwable t) {
                        next.set(n); // the other workers stop after their current task
                        throw t;
                    }
                }
            }));
        }
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<?> f : workers) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // still wait: the tasks may be writing to the caller's buffers
                    next.set(n);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                throw new IllegalStateException("interrupted");
            }
        }
        if (failure != null) {
            throw taskFailure(failure, new IllegalStateException(failure));
        }
    }

    /** A fixed pool of daemon threads, so a pool left behind by a failure never keeps the JVM alive. */
    public static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, daemonThreads(name));
    }

    private static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * What to throw for a task that failed with {@code cause}: the task's own unchecked exception, unchanged (a
     * StemzException keeps its code and offset), or {@code otherwise} for a checked one. Errors are rethrown here.
     */
    public static RuntimeException taskFailure(Throwable cause, RuntimeException otherwise) {
        if (cause instanceof Error err) {
            throw err;
        }
        return cause instanceof RuntimeException re ? re : otherwise;
    }
}
