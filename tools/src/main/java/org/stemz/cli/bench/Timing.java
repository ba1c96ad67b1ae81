package org.stemz.cli.bench;

/** Best-of-N wall time, optionally after a warm-up run so JIT compilation and cold caches do not count. */
final class Timing {
    interface Task {
        void run() throws Exception;
    }

    private Timing() {
    }

    static double best(int repetitions, Task task) throws Exception {
        return best(repetitions, true, task);
    }

    static double best(int repetitions, boolean warmUp, Task task) throws Exception {
        if (warmUp) {
            task.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repetitions; i++) {
            long t = System.nanoTime();
            task.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }
}
