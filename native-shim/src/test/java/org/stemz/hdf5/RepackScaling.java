package org.stemz.hdf5;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark (bench-repack-threads.sh): Repacker.repack of one HDF5 file with 1 and then 2 encoding threads, back
 * to back, alternating, best of N rounds each. Besides wall times it reports, for the best 2-thread round, the
 * cores the process got (its CPU time over wall time: 2.0 when nothing else ran) and the share of the CPU time
 * spent on the calling thread (HDF5 reads and direct chunk writes, the serial part), which bound the speed-up on a
 * machine shared with other jobs. Usage: RepackScaling IN.h5 CHUNK(e.g. 1x1x128x128) ROUNDS OUT_DIR
 */
public final class RepackScaling {
    private RepackScaling() {
    }

    private record Run(double wall, double cpu, double mainCpu) {
    }

    private static Run run(Path in, Path out, long[] chunk, int threads) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var mx = ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime();
        long main0 = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Repacker.repack(in, out, List.of(), chunk, threads, false, w -> { });
        double wall = (System.nanoTime() - start) / 1e9;
        return new Run(wall, (os.getProcessCpuTime() - cpu0) / 1e9, (mx.getCurrentThreadCpuTime() - main0) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        long[] chunk = java.util.Arrays.stream(args[1].split("x")).mapToLong(Long::parseLong).toArray();
        int rounds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]).resolve("repack-scaling.h5");
        List<Repacker.Result> results = Repacker.repack(in, out, List.of(), chunk, 2, false, w -> { }); // warm-up
        long raw = results.stream().mapToLong(Repacker.Result::rawBytes).sum();
        Run[] best = new Run[2];
        for (int r = 0; r < rounds; r++) {
            for (int t = 0; t < 2; t++) {
                Run run = run(in, out, chunk, t + 1);
                if (best[t] == null || run.wall() < best[t].wall()) {
                    best[t] = run;
                }
            }
        }
        Files.deleteIfExists(out);
        double mb = raw / 1e6;
        Run one = best[0];
        Run two = best[1];
        System.out.printf("%s | %s | %.1f | %.3f | %.1f | %.3f | %.1f | %.2fx | %.2f | %.0f%%%n",
                in.getParent().getFileName(), args[1], mb, one.wall(), mb / one.wall(), two.wall(), mb / two.wall(),
                one.wall() / two.wall(), two.cpu() / two.wall(), 100 * two.mainCpu() / two.cpu());
    }
}
