package org.stemz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.stemz.codec.Parallel;

/**
 * Runs tasks 0..n-1 on worker threads and hands their results to the calling thread in task order, with at most
 * {@code window} results in flight: the memory of a streaming pass is bounded by the window, not by n.
 */
final class OrderedPipeline {
    private OrderedPipeline() {
    }

    /** Receives results in order, typically writing them out. */
    interface Sink<T> {
        void accept(int i, T result) throws IOException;
    }

    static <T> void run(int n, int threads, int window, IntFunction<T> task, Sink<T> sink) {
        try {
            if (threads <= 1 || n <= 1) {
                for (int i = 0; i < n; i++) {
                    sink.accept(i, task.apply(i));
                }
                return;
            }
            runParallel(n, threads, Math.max(window, threads), task, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void runParallel(int n, int threads, int window, IntFunction<T> task, Sink<T> sink)
            throws IOException {
        ExecutorService pool = Parallel.daemonPool(Math.min(threads, n), "stemz-pipeline");
        try {
            // Futures of the pool, not CompletableFuture: a FutureTask records any Throwable without allocating,
            // where CompletableFuture allocates to record it and, out of memory, never completes (a hung join)
            ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
            int submitted = 0;
            for (int i = 0; i < n; i++) {
                while (submitted < n && submitted < i + window) {
                    int index = submitted++;
                    inFlight.add(pool.submit(() -> task.apply(index)));
                }
                sink.accept(i, inFlight.poll().get());
            }
        } catch (ExecutionException e) {
            throw Parallel.taskFailure(e.getCause(), new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
