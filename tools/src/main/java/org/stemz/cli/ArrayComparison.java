package org.stemz.cli;

import java.io.IOException;
import java.util.Arrays;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.input.ArraySource;

/**
 * Compares an archive with its source element by element (bit patterns, so NaN payloads and -0.0 count),
 * both read in batches of frames so memory stays bounded. Byte order may differ; it is normalised.
 */
final class ArrayComparison {
    /** The outcome: a null difference means identical values; a note reports a harmless difference. */
    record Result(String difference, String note) {
        boolean identical() {
            return difference == null;
        }
    }

    private ArrayComparison() {
    }

    static Result compare(ArchiveReader archive, ArraySource source) throws IOException {
        ArrayDescriptor a = archive.descriptor();
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
        int batch = Archives.batchFrames(a);
        byte[] expected = new byte[(int) Math.min(a.byteSize(), batch * frameBytes)];
        boolean swap = size > 1 && !a.order().equals(s.order());
        for (long f = 0; f < a.frames(); f += batch) {
            int n = (int) Math.min(batch, a.frames() - f);
            source.readFrames(f, n, expected, 0);
            byte[] decoded = archive.readFrames(f, n);
            int at = swap ? mismatchSwapped(decoded, expected, decoded.length, size)
                    : Arrays.mismatch(decoded, 0, decoded.length, expected, 0, decoded.length);
            if (at >= 0) {
                long element = f * a.framePixels() + at / size;
                long frame = element / a.framePixels();
                int pixel = (int) (element % a.framePixels());
                return new Result("first difference at frame " + frame + ", pixel (" + pixel / a.frameWidth() + ", "
                        + pixel % a.frameWidth() + ")", note);
            }
        }
        return new Result(null, note);
    }

    /** Index of the first differing byte when {@code b} holds the same elements in the other byte order. */
    private static int mismatchSwapped(byte[] a, byte[] b, int len, int size) {
        for (int i = 0; i < len; i += size) {
            for (int k = 0; k < size; k++) {
                if (a[i + k] != b[i + size - 1 - k]) {
                    return i;
                }
            }
        }
        return -1;
    }
}
