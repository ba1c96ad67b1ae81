package org.stemz.hdf5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark (bench-repack-threads.sh): Repacker.repack of one HDF5 file with 1 and then 2 encoding threads, back
 * to back, alternating, best of N rounds each. Prints one line: file, chunk, MB, best seconds and MB/s per thread
 * count, speed-up. Usage: RepackScaling IN.h5 CHUNK(e.g. 1x1x128x128) ROUNDS OUT_DIR
 */
public final class RepackScaling {
    private RepackScaling() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        long[] chunk = java.util.Arrays.stream(args[1].split("x")).mapToLong(Long::parseLong).toArray();
        int rounds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]).resolve("repack-scaling.h5");
        int[] threads = {1, 2};
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        long raw = 0;
        Repacker.repack(in, out, List.of(), chunk, 2, w -> { }); // warm-up
        for (int r = 0; r < rounds; r++) {
            for (int t = 0; t < threads.length; t++) {
                long start = System.nanoTime();
                List<Repacker.Result> results = Repacker.repack(in, out, List.of(), chunk, threads[t], w -> { });
                best[t] = Math.min(best[t], (System.nanoTime() - start) / 1e9);
                raw = results.stream().mapToLong(Repacker.Result::rawBytes).sum();
            }
        }
        Files.deleteIfExists(out);
        double mb = raw / 1e6;
        System.out.printf("%s | %s | %.1f | %.3f | %.1f | %.3f | %.1f | %.2fx%n", in.getParent().getFileName(),
                args[1], mb, best[0], mb / best[0], best[1], mb / best[1], best[0] / best[1]);
    }
}
