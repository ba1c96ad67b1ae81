package org.stemz.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.UsageException;
import org.stemz.hdf5.Hdf5Exception;
import org.stemz.hdf5.Hdf5File;
import org.stemz.hdf5.Hdf5Native;

/**
 * Writes the array as dataset {@code /data} of a new HDF5 file with libhdf5, one frame per chunk (no filter:
 * readable everywhere), frame by frame as they arrive.
 */
final class Hdf5Writer implements ArrayWriter {
    static final String DATASET = "/data";

    private final Hdf5File file;
    private final Path path;
    private final long[] shape;
    private final long[] frameCount;
    private final byte[] frame;
    private long next;
    private int filled;
    private boolean closed;

    private Hdf5Writer(Hdf5File file, ArrayDescriptor d, Path path) {
        this.file = file;
        this.path = path;
        this.shape = d.shape();
        this.frameCount = new long[shape.length];
        Arrays.fill(frameCount, 1);
        frameCount[shape.length - 2] = d.frameHeight();
        frameCount[shape.length - 1] = d.frameWidth();
        this.frame = new byte[d.framePixels() * d.type().size()];
    }

    /** Writes to {@code path} (the temporary file); errors name {@code output}, the file the user asked for. */
    static Hdf5Writer open(Path path, Path output, ArrayDescriptor d) throws IOException {
        if (!Hdf5Native.isAvailable()) {
            throw new UsageException("HDF5 output needs libhdf5: " + Hdf5Native.unavailableReason()
                    + " (write .npy instead)");
        }
        if (d.elementCount() == 0) {
            throw new UsageException("HDF5 output of an empty array (" + d + ") is not supported; write .npy");
        }
        Hdf5File file = hdf5(output, () -> Hdf5File.create(path));
        try {
            Hdf5Writer w = new Hdf5Writer(file, d, output);
            hdf5(output, () -> {
                file.create(DATASET, d.type(), d.order(), d.shape(), w.frameCount, false);
                return null;
            });
            return w;
        } catch (IOException | RuntimeException e) {
            closeAfter(file, e);
            throw e;
        }
    }

    /** HDF5 failures (e.g. no space left) as IOExceptions naming the output: one line and exit code 6. */
    static <T> T hdf5(Path path, java.util.function.Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (Hdf5Exception e) {
            throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes {@code file} while {@code failure} propagates; a close failure is added to it. */
    static void closeAfter(Hdf5File file, Exception failure) {
        try {
            file.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public OutputStream frames() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, frame.length - filled);
                    System.arraycopy(b, off, frame, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == frame.length) {
                        long[] at = start(next++);
                        hdf5(path, () -> {
                            file.writeSlab(DATASET, at, frameCount, frame);
                            return null;
                        });
                        filled = 0;
                    }
                }
            }
        };
    }

    /** The index of frame {@code f} as a position in the dataset (leading axes unravelled, C order). */
    private long[] start(long f) {
        long[] at = new long[shape.length];
        for (int axis = shape.length - 3; axis >= 0; axis--) {
            at[axis] = f % shape[axis];
            f /= shape[axis];
        }
        return at;
    }

    /** Closes the file; success means HDF5 wrote all of it, so only then may the output be renamed into place. */
    @Override
    public void finish() throws IOException {
        if (filled != 0) {
            throw new IOException("the decoded data end inside a frame");
        }
        close();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            hdf5(path, () -> {
                file.close();
                return null;
            });
        }
    }
}
