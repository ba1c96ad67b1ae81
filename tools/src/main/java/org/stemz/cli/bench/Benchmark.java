package org.stemz.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.Json;

/** Runs every method on one in-memory dataset and formats the results as a table or JSON. */
public final class Benchmark {
    private final String name;
    private final ArrayDescriptor descriptor;
    private final byte[] data;
    private final List<BenchRow> rows = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    public Benchmark(String name, ArrayDescriptor descriptor, byte[] data) {
        this.name = name;
        this.descriptor = descriptor;
        this.data = data;
    }

    /** Measures stemz (1 thread and {@code threads}) and, if {@code peers}, the other methods. */
    public void run(int threads, int repetitions, boolean peers, PrintWriter log) throws Exception {
        step(log, "stemz, 1 thread");
        rows.add(StemzBench.run(descriptor, data, 1, repetitions));
        if (threads > 1) {
            step(log, "stemz, " + threads + " threads");
            rows.add(StemzBench.run(descriptor, data, threads, repetitions));
        }
        if (!peers) {
            return;
        }
        // peers run natively (no JIT to warm) and the slow levels take minutes on big inputs: no warm-up, and
        // one timed run above 16 MiB
        int peerRuns = data.length > (16 << 20) ? 1 : repetitions;
        for (int level : new int[] {6, 9}) {
            step(log, "gzip -" + level);
            rows.add(DeflateBench.run(data, level, peerRuns));
        }
        Path dir = Files.createTempDirectory("stemz-bench");
        try {
            Path raw = dir.resolve("data.raw");
            Files.write(raw, data);
            Path zstd = ExternalTools.onPath("zstd");
            if (zstd == null) {
                skipped.add("zstd: not on PATH");
            } else {
                for (int level : new int[] {3, 19}) {
                    step(log, "zstd -" + level);
                    rows.add(ZstdBench.run(zstd, raw, data.length, level, peerRuns));
                }
            }
            String reason = BloscBench.unavailableReason();
            if (reason != null) {
                skipped.add("HDF5 Blosc: " + reason);
            } else {
                step(log, "HDF5 Blosc-zstd");
                rows.add(BloscBench.run(descriptor, raw, peerRuns));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void step(PrintWriter log, String what) {
        if (log != null) {
            log.println("bench: " + what + " ...");
            log.flush();
        }
    }

    private double pixels() {
        return descriptor.elementCount();
    }

    private double bitsPerPixel(BenchRow r) {
        return pixels() == 0 ? 0 : 8.0 * r.bytes() / pixels();
    }

    public Json toJson() {
        List<Json> list = new ArrayList<>();
        for (BenchRow r : rows) {
            list.add(Json.object().put("method", r.method()).put("threads", r.threads()).put("bytes", r.bytes())
                    .put("model_bytes", r.modelBytes()).put("bits_per_pixel", bitsPerPixel(r))
                    .put("ratio", r.bytes() == 0 ? 0 : (double) data.length / r.bytes())
                    .put("encode_mb_per_s", data.length / 1e6 / r.encodeSeconds())
                    .put("decode_mb_per_s", data.length / 1e6 / r.decodeSeconds())
                    .put("encode_megapixels_per_s", pixels() / 1e6 / r.encodeSeconds())
                    .put("decode_megapixels_per_s", pixels() / 1e6 / r.decodeSeconds())
                    .put("note", r.note()));
        }
        return Json.object().put("input", name).put("dtype", descriptor.type().name().toLowerCase())
                .put("shape", descriptor.shape()).put("raw_bytes", (long) data.length)
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.version")).put("results", list).put("skipped", skipped);
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %s, %d bytes, %d cores%n", name, descriptor, data.length,
                Runtime.getRuntime().availableProcessors()));
        sb.append(String.format("%-30s %3s %12s %9s %7s %10s %10s %10s %10s%n", "method", "thr", "bytes",
                "bits/px", "ratio", "enc MB/s", "dec MB/s", "enc Mpx/s", "dec Mpx/s"));
        List<BenchRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(BenchRow::bytes));
        for (BenchRow r : sorted) {
            sb.append(String.format("%-30s %3d %12d %9.3f %7.2f %10.1f %10.1f %10.1f %10.1f%n", r.method(),
                    r.threads(), r.bytes(), bitsPerPixel(r), (double) data.length / Math.max(1, r.bytes()),
                    data.length / 1e6 / r.encodeSeconds(), data.length / 1e6 / r.decodeSeconds(),
                    pixels() / 1e6 / r.encodeSeconds(), pixels() / 1e6 / r.decodeSeconds()));
        }
        rows.stream().filter(r -> r.modelBytes() > 0).findFirst().ifPresent(r ->
                sb.append(String.format("stemz model: %d bytes (included in its size)%n", r.modelBytes())));
        for (String s : skipped) {
            sb.append("skipped ").append(s).append(System.lineSeparator());
        }
        return sb.toString().trim();
    }
}
