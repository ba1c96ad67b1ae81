package org.stemz.hdf5;

import java.util.ArrayList;
import java.util.List;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.StemzCodec;

/**
 * Benchmark main for bench-hdf5.sh (not a test): the codec's in-process speed on the chunks the HDF5 filter
 * sees, and the standalone archive size. Usage: {@code FilterThroughput FILE.h5 DATASET SCAN_ROWS_PER_CHUNK}.
 * Prints one line of key=value pairs.
 */
public final class FilterThroughput {
    private FilterThroughput() {
    }

    public static void main(String[] args) {
        String file = args[0];
        String dataset = args[1];
        int rows = Integer.parseInt(args[2]);
        byte[] data;
        Hdf5File.DatasetInfo info;
        try (Hdf5File f = Hdf5File.open(java.nio.file.Path.of(file), false)) {
            info = f.info(dataset);
            data = f.read(dataset);
        }
        long[] shape = info.shape();
        ArrayDescriptor whole = info.descriptor();
        int threads = Runtime.getRuntime().availableProcessors();
        long archive = StemzCodec.compress(whole, data, CodecOptions.defaults().withThreads(threads)).length;

        // chunks of ROWS scan rows: contiguous in C order, as HDF5 would pass them (the last may be short: pad it)
        long[] chunkShape = shape.clone();
        chunkShape[0] = rows;
        int[] cd = FilterParameters.of(whole.type(), whole.order(), chunkShape).toCdValues();
        int chunkBytes = (int) FilterParameters.parse(cd).chunkBytes();
        List<byte[]> chunks = new ArrayList<>();
        for (int off = 0; off < data.length; off += chunkBytes) {
            byte[] c = new byte[chunkBytes];
            System.arraycopy(data, off, c, 0, Math.min(chunkBytes, data.length - off));
            chunks.add(c);
        }
        long rawBytes = (long) chunks.size() * chunkBytes;
        List<byte[]> coded = new ArrayList<>();
        long encodeNanos = Long.MAX_VALUE;
        long decodeNanos = Long.MAX_VALUE;
        // three warm-up rounds, then the best of ten: the plugin's JVM is just as warm after a few chunks, and the
        // best of many rounds filters out the noise of a shared machine
        for (int round = 0; round < 13; round++) {
            coded.clear();
            long t0 = System.nanoTime();
            for (byte[] c : chunks) {
                coded.add(ChunkCodec.encode(cd, c, c.length, threads));
            }
            long t1 = System.nanoTime();
            List<byte[]> decoded = new ArrayList<>();
            for (byte[] c : coded) {
                decoded.add(ChunkCodec.decode(cd, c, threads));
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < chunks.size(); i++) {
                if (!java.util.Arrays.equals(chunks.get(i), decoded.get(i))) {
                    throw new AssertionError("chunk " + i + " does not round-trip");
                }
            }
            if (round >= 3) {
                encodeNanos = Math.min(encodeNanos, t1 - t0);
                decodeNanos = Math.min(decodeNanos, t2 - t1);
            }
        }
        long codedBytes = coded.stream().mapToLong(c -> c.length).sum();
        System.out.printf("archive_bpp=%.4f chunk_bytes=%d chunks=%d inproc_bpp=%.4f inproc_encode_MBps=%.1f "
                        + "inproc_decode_MBps=%.1f threads=%d%n",
                8.0 * archive / whole.elementCount(), chunkBytes, chunks.size(),
                8.0 * codedBytes / (rawBytes / whole.type().size()),
                rawBytes / 1e6 / (encodeNanos / 1e9), rawBytes / 1e6 / (decodeNanos / 1e9), threads);
    }
}
