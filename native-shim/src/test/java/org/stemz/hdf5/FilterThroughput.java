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
        for (int warm = 0; warm < 2; warm++) {
            coded.clear();
            for (byte[] c : chunks) {
                coded.add(ChunkCodec.encode(cd, c, c.length, threads));
            }
            for (byte[] c : coded) {
                ChunkCodec.decode(cd, c, threads);
            }
        }
        long t0 = System.nanoTime();
        coded.clear();
        for (byte[] c : chunks) {
            coded.add(ChunkCodec.encode(cd, c, c.length, threads));
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < coded.size(); i++) {
            if (!java.util.Arrays.equals(chunks.get(i), ChunkCodec.decode(cd, coded.get(i), threads))) {
                throw new AssertionError("chunk " + i + " does not round-trip");
            }
        }
        long t2 = System.nanoTime();
        long codedBytes = coded.stream().mapToLong(c -> c.length).sum();
        System.out.printf("archive_bpp=%.4f chunk_bytes=%d chunks=%d inproc_bpp=%.4f inproc_encode_MBps=%.1f "
                        + "inproc_decode_MBps=%.1f threads=%d%n",
                8.0 * archive / whole.elementCount(), chunkBytes, chunks.size(),
                8.0 * codedBytes / (rawBytes / whole.type().size()),
                rawBytes / 1e6 / ((t1 - t0) / 1e9), rawBytes / 1e6 / ((t2 - t1) / 1e9), threads);
    }
}
