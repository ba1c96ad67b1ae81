package org.stemz.cli.bench;

/**
 * One method's figures. Times are the best of several runs in seconds (NaN when not measured); rates are over
 * the raw (uncompressed) bytes and pixels.
 */
public record BenchRow(String method, int threads, long bytes, long modelBytes, double encodeSeconds,
                       double decodeSeconds, String note) {
}
