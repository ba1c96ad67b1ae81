package org.stemz.cli.input;

import java.nio.file.Path;
import java.util.Arrays;
import org.stemz.cli.UsageException;

/** Builds the array shape from a scan shape (given by --scan or found in the file) and the frame size. */
public final class ScanShape {
    private ScanShape() {
    }

    /**
     * (scan..., height, width), using {@code requested} if not null (its product must equal {@code frames}),
     * else {@code found}.
     */
    public static long[] withFrame(Path file, long[] requested, long[] found, long frames, long height, long width) {
        long[] scan = requested != null ? requested : found;
        long product = 1;
        for (long s : scan) {
            product *= s;
        }
        if (product != frames) {
            throw new UsageException(file + ": --scan " + Arrays.toString(scan) + " has " + product
                    + " positions but the file holds " + frames + " frames");
        }
        long[] shape = Arrays.copyOf(scan, scan.length + 2);
        shape[scan.length] = height;
        shape[scan.length + 1] = width;
        return shape;
    }
}
