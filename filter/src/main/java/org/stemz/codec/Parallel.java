package org.stemz.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Runs tasks 0..n-1 on a fixed number of threads and rethrows the first failure unchanged. */
public final class Parallel {
    private Parallel() {
    }

    public static void forEach(int n, int threads, IntConsumer task) {
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        ExecutorService pool = daemonPool(Math.min(threads, n), "stemz-worker");
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.accept(index)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw taskFailure(e.getCause(), new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fixed pool of daemon threads, so a pool left behind by a failure never keeps the JVM alive. */
    public static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
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
