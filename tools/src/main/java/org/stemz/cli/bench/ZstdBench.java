package org.stemz.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The zstd command-line tool on the raw bytes (files in a temporary folder), one thread. Times include starting
 * the process (a few milliseconds), which matters only for tiny inputs.
 */
final class ZstdBench {
    private ZstdBench() {
    }

    static BenchRow run(Path zstd, Path raw, long rawBytes, int level, int repetitions) throws Exception {
        Path dir = raw.getParent();
        Path packed = dir.resolve("data.zst");
        Path back = dir.resolve("data.back");
        String z = zstd.toString();
        // like shared/bench/peers.py, the strongest level gets a 128 MiB window; decoding needs the same flag
        String window = level >= 19 ? "--long=27" : "--long=0";
        double enc = Timing.best(repetitions, false, () -> ExternalTools.run(List.of(z, "-q", "-f", "-T1", "-" + level,
                window, raw.toString(), "-o", packed.toString())));
        double dec = Timing.best(repetitions, false, () -> ExternalTools.run(List.of(z, "-q", "-f", "-d", window,
                packed.toString(), "-o", back.toString())));
        if (Files.size(back) != rawBytes || Files.mismatch(raw, back) != -1) {
            throw new IllegalStateException("zstd round trip failed");
        }
        long size = Files.size(packed);
        Files.delete(back);
        Files.delete(packed);
        return new BenchRow("zstd -" + level + (level >= 19 ? " --long" : ""), 1, size, 0, enc, dec, "subprocess");
    }
}
