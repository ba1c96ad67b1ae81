package org.stemz.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.UsageException;
import org.stemz.hdf5.Hdf5File;
import org.stemz.hdf5.Hdf5Native;

/**
 * Writes the array as dataset {@code /data} of a new HDF5 file with libhdf5, one frame per chunk (no filter:
 * readable everywhere), frame by frame as they arrive.
 */
final class Hdf5Writer implements ArrayWriter {
    static final String DATASET = "/data";

    private final Hdf5File file;
    private final long[] shape;
    private final long[] frameCount;
    private final byte[] frame;
    private long next;
    private int filled;
    private boolean closed;

    private Hdf5Writer(Hdf5File file, ArrayDescriptor d) {
        this.file = file;
        this.shape = d.shape();
        this.frameCount = new long[shape.length];
        Arrays.fill(frameCount, 1);
        frameCount[shape.length - 2] = d.frameHeight();
        frameCount[shape.length - 1] = d.frameWidth();
        this.frame = new byte[d.framePixels() * d.type().size()];
    }

    static Hdf5Writer open(Path path, ArrayDescriptor d) {
        if (!Hdf5Native.isAvailable()) {
            throw new UsageException("HDF5 output needs libhdf5: " + Hdf5Native.unavailableReason()
                    + " (write .npy instead)");
        }
        if (d.elementCount() == 0) {
            throw new UsageException("HDF5 output of an empty array (" + d + ") is not supported; write .npy");
        }
        Hdf5File file = Hdf5File.create(path);
        try {
            Hdf5Writer w = new Hdf5Writer(file, d);
            file.create(DATASET, d.type(), d.order(), d.shape(), w.frameCount, false);
            return w;
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public OutputStream frames() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                while (len > 0) {
                    int n = Math.min(len, frame.length - filled);
                    System.arraycopy(b, off, frame, filled, n);
                    filled += n;
                    off += n;
                    len -= n;
                    if (filled == frame.length) {
                        file.writeSlab(DATASET, start(next++), frameCount, frame);
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

    @Override
    public void finish() throws IOException {
        if (filled != 0) {
            throw new IOException("the decoded data end inside a frame");
        }
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            file.close();
        }
    }
}
