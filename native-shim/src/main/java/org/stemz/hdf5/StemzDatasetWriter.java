package org.stemz.hdf5;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.stemz.DataType;
import org.stemz.FilterConfigException;
import org.stemz.StemzException;

/**
 * Writes a stemz dataset on all cores: the caller hands over bands of the array (a slab of one chunk along the
 * first axis, every other axis whole), worker threads cut them into chunks and encode them, and the calling
 * thread stores the payloads in chunk order with {@code H5Dwrite_chunk}. HDF5 runs its filter pipeline one chunk
 * at a time; this is how detector software gets past it. At most {@code 2 * threads} chunks are in flight, and
 * every HDF5 call is made by the calling thread (any libhdf5 build will do).
 */
public final class StemzDatasetWriter implements AutoCloseable {
    private final long[] shape;
    private final long[] chunk;
    private final int elementSize;
    private final DatasetCoding coding;
    private final DirectChunkWriter out;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private long nextRow;
    private boolean finished;

    private record Pending(long[] offset, Future<byte[]> payload) {
    }

    private StemzDatasetWriter(long[] shape, long[] chunk, int elementSize, DatasetCoding coding,
                               DirectChunkWriter out, int threads) {
        this.shape = shape;
        this.chunk = chunk;
        this.elementSize = elementSize;
        this.coding = coding;
        this.out = out;
        int n = Math.max(1, threads);
        // one thread: everything on the caller's, a plain sequential write
        this.pool = n == 1 ? null : Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "stemz-hdf5-encode");
            t.setDaemon(true);
            return t;
        });
        this.window = 2 * n;
    }

    /**
     * Creates dataset {@code path} (stemz filter, per-chunk models) of {@code shape} chunked by {@code chunk} in
     * {@code file}, ready for {@link #writeBand}.
     */
    public static StemzDatasetWriter create(Hdf5File file, String path, DataType type, ByteOrder order, long[] shape,
                                            long[] chunk, int threads) {
        DatasetCoding coding = DatasetCoding.perChunkModel(FilterParameters.of(type, order, chunk));
        file.create(path, type, order, shape, chunk, true);
        int[] stored = file.stemzCdValues(path);
        if (!Arrays.equals(stored, coding.cdValues())) {
            // set_local decides what readers get; direct chunks must be coded for exactly that
            throw new FilterConfigException("HDF5 stored cd_values " + Arrays.toString(stored) + " for " + path
                    + " but its chunks are coded for " + Arrays.toString(coding.cdValues()));
        }
        return new StemzDatasetWriter(shape.clone(), chunk.clone(), type.size(), coding, file.chunkWriter(path),
                threads);
    }

    /** Bytes of the band starting at {@code row}: {@code min(chunk[0], shape[0] - row)} rows of the array. */
    public long bandBytes(long row) {
        long n = Math.min(chunk[0], shape[0] - row) * elementSize;
        for (int i = 1; i < shape.length; i++) {
            n = Math.multiplyExact(n, shape[i]);
        }
        return n;
    }

    /** Rows of the first axis in the band starting at {@code row}. */
    public long bandRows(long row) {
        return Math.min(chunk[0], shape[0] - row);
    }

    /**
     * Queues the chunks of the next band (rows from where the previous band ended, C order, the dataset's byte
     * order); may store earlier chunks meanwhile. {@code band} must not change afterwards.
     */
    public void writeBand(byte[] band) {
        if (finished || nextRow >= shape[0]) {
            throw new IllegalStateException("every band of the dataset was already written");
        }
        if (band.length != bandBytes(nextRow)) {
            throw new IllegalArgumentException("band at row " + nextRow + " holds " + band.length + " bytes, not "
                    + bandBytes(nextRow));
        }
        long[] bandShape = shape.clone();
        bandShape[0] = bandRows(nextRow);
        int rank = shape.length;
        long[] grid = new long[rank]; // chunk position inside the band, in chunks; axis 0 is always 0
        long perBand = 1;
        for (int i = 1; i < rank; i++) {
            perBand *= (shape[i] + chunk[i] - 1) / chunk[i];
        }
        for (long c = 0; c < perBand; c++) {
            long[] origin = new long[rank];
            for (int i = 1; i < rank; i++) {
                origin[i] = grid[i] * chunk[i];
            }
            long[] offset = origin.clone();
            offset[0] = nextRow;
            drainTo(window - 1);
            Callable<byte[]> task = () -> coding.encode(cut(band, bandShape, origin));
            inFlight.add(new Pending(offset, pool != null ? pool.submit(task) : now(task)));
            for (int i = rank - 1; i >= 1; i--) { // next chunk position, C order
                if (++grid[i] * chunk[i] < shape[i]) {
                    break;
                }
                grid[i] = 0;
            }
        }
        nextRow += bandShape[0];
    }

    private static Future<byte[]> now(Callable<byte[]> task) {
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (Exception | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stores every queued chunk and closes the dataset; fails unless every band was written. */
    public void finish() {
        if (nextRow != shape[0]) {
            throw new IllegalStateException("only " + nextRow + " of " + shape[0] + " rows were written");
        }
        drainTo(0);
        finished = true;
        close();
    }

    /** Stores the oldest chunks until at most {@code left} are in flight. */
    private void drainTo(int left) {
        while (inFlight.size() > left) {
            Pending p = inFlight.poll();
            byte[] payload;
            try {
                payload = p.payload().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while encoding chunks", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof StemzException se) {
                    throw se;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("encoding chunk " + Arrays.toString(p.offset()) + " failed: " + cause,
                        cause);
            }
            out.write(p.offset(), payload);
        }
    }

    /** The chunk of {@code band} whose first element is at {@code origin}, padded with zeros past the band's edges. */
    private byte[] cut(byte[] band, long[] bandShape, long[] origin) {
        int rank = chunk.length;
        long chunkBytes = elementSize;
        for (long c : chunk) {
            chunkBytes *= c;
        }
        byte[] buf = new byte[Math.toIntExact(chunkBytes)];
        long[] extent = new long[rank];
        for (int i = 0; i < rank; i++) {
            extent[i] = Math.min(chunk[i], bandShape[i] - origin[i]);
        }
        int rowBytes = (int) (extent[rank - 1] * elementSize);
        long[] at = new long[rank]; // index inside the chunk, last axis always 0
        while (true) {
            long src = 0;
            long dst = 0;
            for (int i = 0; i < rank; i++) {
                src = src * bandShape[i] + origin[i] + at[i];
                dst = dst * chunk[i] + at[i];
            }
            System.arraycopy(band, (int) (src * elementSize), buf, (int) (dst * elementSize), rowBytes);
            int i = rank - 2;
            while (i >= 0 && ++at[i] >= extent[i]) {
                at[i--] = 0;
            }
            if (i < 0) {
                return buf;
            }
        }
    }

    /** Stops the workers and closes the dataset; chunks not stored yet are dropped (the write failed). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        inFlight.clear();
        out.close();
    }
}
