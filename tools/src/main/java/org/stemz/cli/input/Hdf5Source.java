package org.stemz.cli.input;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.stemz.ArrayDescriptor;

/**
 * Frames of an HDF5 dataset, read one run of the innermost scan axis at a time (so chunks spanning several
 * frames are decompressed once per run, not once per frame). jhdf widens unsigned types (uint16 to int[]),
 * so values are narrowed back to the stored width here.
 */
final class Hdf5Source implements ArraySource {
    private static final long MAX_RUN_BYTES = 64L << 20;
    private final Path file;
    private final HdfFile hdf;
    private final Dataset dataset;
    private final ArrayDescriptor descriptor;
    private final String metadata;
    private final long[] dims;
    private final long inner;
    private final int maxRun;
    private final int frameBytes;
    private byte[] run = new byte[0];
    private long runStart;

    Hdf5Source(Path file, HdfFile hdf, Dataset dataset, ArrayDescriptor descriptor, String metadata) {
        this.file = file;
        this.hdf = hdf;
        this.dataset = dataset;
        this.descriptor = descriptor;
        this.metadata = metadata;
        this.dims = descriptor.shape();
        this.inner = dims.length > 2 ? dims[dims.length - 3] : 1;
        this.frameBytes = descriptor.framePixels() * descriptor.type().size();
        this.maxRun = (int) Math.max(1, Math.min(inner, MAX_RUN_BYTES / Math.max(1, frameBytes)));
    }

    @Override
    public ArrayDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String metadataJson() {
        return metadata;
    }

    /** Synchronized: jhdf is not documented as thread-safe, and consecutive frames share the cached run. */
    @Override
    public synchronized void readFrames(long first, int count, byte[] dst, int offset) {
        for (int i = 0; i < count; i++) {
            long frame = first + i;
            if (frame < runStart || frame >= runStart + run.length / frameBytes) {
                runStart = frame / inner * inner + (frame % inner) / maxRun * maxRun;
                run = readRun(runStart, (int) Math.min(maxRun, inner - runStart % inner));
            }
            System.arraycopy(run, (int) (frame - runStart) * frameBytes, dst, offset + i * frameBytes, frameBytes);
        }
    }

    private byte[] readRun(long firstFrame, int runFrames) {
        long[] at = new long[dims.length];
        int[] size = new int[dims.length];
        long rest = firstFrame;
        for (int axis = dims.length - 3; axis >= 0; axis--) {
            at[axis] = rest % dims[axis];
            rest /= dims[axis];
            size[axis] = 1;
        }
        if (dims.length > 2) {
            size[dims.length - 3] = runFrames;
        }
        size[dims.length - 2] = (int) dims[dims.length - 2];
        size[dims.length - 1] = (int) dims[dims.length - 1];
        Object data;
        try {
            data = dataset.getData(at, size);
        } catch (HdfException e) {
            throw InputErrors.unsupported(file, "cannot read " + dataset.getPath() + " at frame " + firstFrame
                    + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw InputErrors.corrupt(file, -1, "cannot read " + dataset.getPath() + " at frame " + firstFrame
                    + " (" + e + ")");
        }
        ByteBuffer out = ByteBuffer.allocate(runFrames * frameBytes).order(descriptor.order());
        flatten(data, out);
        return out.array();
    }

    /** Writes the leaves of a (possibly nested) Java array at the descriptor's element width. */
    private void flatten(Object array, ByteBuffer out) {
        if (array instanceof Object[] nested) {
            for (Object o : nested) {
                flatten(o, out);
            }
            return;
        }
        int width = descriptor.type().size();
        boolean floating = descriptor.type().isFloating();
        int n = Array.getLength(array);
        if (array instanceof float[] f) {
            for (float v : f) {
                out.putInt(Float.floatToRawIntBits(v));
            }
        } else if (array instanceof double[] d) {
            for (double v : d) {
                out.putLong(Double.doubleToRawLongBits(v));
            }
        } else if (!floating) {
            for (int i = 0; i < n; i++) {
                long v = Array.getLong(array, i);
                switch (width) {
                    case 1 -> out.put((byte) v);
                    case 2 -> out.putShort((short) v);
                    default -> out.putInt((int) v);
                }
            }
        } else {
            throw new IllegalStateException("unexpected jhdf array " + array.getClass());
        }
    }

    @Override
    public void close() {
        hdf.close();
    }
}
