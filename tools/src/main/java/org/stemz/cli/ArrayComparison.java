package org.stemz.cli;

import java.io.IOException;
import java.util.Arrays;
import org.stemz.ArrayDescriptor;
import org.stemz.DecodedArray;
import org.stemz.cli.input.ArraySource;

/**
 * Compares a decoded archive with its source element by element (bit patterns, so NaN payloads and -0.0
 * count), reading the source frame by frame. Byte order may differ; it is normalised.
 */
final class ArrayComparison {
    private static final long BATCH_BYTES = 8L << 20;

    /** The outcome: null difference means identical values. */
    record Result(String difference, String note) {
        boolean identical() {
            return difference == null;
        }
    }

    private ArrayComparison() {
    }

    static Result compare(DecodedArray decoded, ArraySource source) throws IOException {
        ArrayDescriptor a = decoded.descriptor();
        ArrayDescriptor s = source.descriptor();
        if (a.type() != s.type()) {
            return new Result("element types differ: archive " + a.type() + ", source " + s.type(), null);
        }
        if (a.frames() != s.frames() || a.frameHeight() != s.frameHeight() || a.frameWidth() != s.frameWidth()) {
            return new Result("shapes differ: archive " + Arrays.toString(a.shape()) + ", source "
                    + Arrays.toString(s.shape()), null);
        }
        String note = Arrays.equals(a.shape(), s.shape()) ? null : "same frames, but the scan shape differs: archive "
                + Arrays.toString(a.shape()) + ", source " + Arrays.toString(s.shape());
        int size = a.type().size();
        long frameBytes = (long) a.framePixels() * size;
        int batch = (int) Math.max(1, BATCH_BYTES / Math.max(1, frameBytes));
        byte[] buf = new byte[(int) Math.min(a.byteSize(), batch * frameBytes)];
        boolean swap = size > 1 && !a.order().equals(s.order());
        byte[] data = decoded.data();
        for (long f = 0; f < a.frames(); f += batch) {
            int n = (int) Math.min(batch, a.frames() - f);
            source.readFrames(buf, 0, n);
            int base = (int) (f * frameBytes);
            int len = (int) (n * frameBytes);
            int at = swap ? mismatchSwapped(data, base, buf, len, size)
                    : Arrays.mismatch(data, base, base + len, buf, 0, len);
            if (at >= 0) {
                long element = (base + (long) at) / size;
                long frame = element / a.framePixels();
                int pixel = (int) (element % a.framePixels());
                return new Result("first difference at frame " + frame + ", pixel (" + pixel / a.frameWidth() + ", "
                        + pixel % a.frameWidth() + ")", note);
            }
        }
        return new Result(null, note);
    }

    /** Index of the first differing byte when {@code b} holds the same elements in the other byte order. */
    private static int mismatchSwapped(byte[] a, int base, byte[] b, int len, int size) {
        for (int i = 0; i < len; i += size) {
            for (int k = 0; k < size; k++) {
                if (a[base + i + k] != b[i + size - 1 - k]) {
                    return i;
                }
            }
        }
        return -1;
    }
}
