package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stemz.CorruptInputException;
import org.stemz.ErrorCode;

class ParallelTest {
    @Test
    void runsEveryTaskOnceOnAtMostTheGivenThreads() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            Parallel.forEach(100, threads, i -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                runs.incrementAndGet(i);
                Thread.onSpinWait();
                running.decrementAndGet();
            });
            for (int i = 0; i < 100; i++) {
                assertEquals(1, runs.get(i), "task " + i + " with " + threads + " threads");
            }
            assertTrue(most.get() <= threads, most.get() + " tasks at once with " + threads + " threads");
        }
    }

    @Test
    void rethrowsTheTaskExceptionUnchanged() {
        CorruptInputException thrown = new CorruptInputException(ErrorCode.BAD_CHUNK, 1234, "bad");
        CorruptInputException caught = assertThrows(CorruptInputException.class,
                () -> Parallel.forEach(10, 2, i -> {
                    if (i == 3) {
                        throw thrown;
                    }
                }));
        assertSame(thrown, caught);
    }

    @Test
    @Timeout(10)
    void failsOnlyAfterEveryRunningTaskHasFinished() throws InterruptedException {
        // task 1 is still writing when task 0 fails: the caller must not see the failure before task 1 is done,
        // or it could free a buffer task 1 writes to
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicBoolean slowFinished = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        assertThrows(IllegalArgumentException.class, () -> Parallel.forEach(50, 2, i -> {
            started.incrementAndGet();
            if (i == 1) {
                slowStarted.countDown();
                sleep(300);
                slowFinished.set(true);
            } else if (i == 0) {
                await(slowStarted);
                throw new IllegalArgumentException("task 0");
            }
        }));
        assertTrue(slowFinished.get(), "forEach returned while a task was still running");
        assertTrue(started.get() < 50, "tasks kept starting after a failure: " + started.get());
    }

    @Test
    @Timeout(10)
    void nestedCallsDoNotDeadlock() {
        AtomicInteger inner = new AtomicInteger();
        Parallel.forEach(4, 2, i -> Parallel.forEach(4, 2, j -> inner.incrementAndGet()));
        assertEquals(16, inner.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
