package org.stemz.cli;

import java.util.Arrays;
import org.stemz.ArrayDescriptor;
import org.stemz.DecodedArray;
import org.stemz.ErrorCode;
import org.stemz.StemzException;

/** Sub-arrays of a decoded array: a range of frames, or a rectangle of a 2-D scan. */
public final class Slices {
    private Slices() {
    }

    /** Frames [from, to) as a (to - from, det_y, det_x) array. */
    public static DecodedArray frames(DecodedArray a, long from, long to) {
        ArrayDescriptor d = a.descriptor();
        if (from < 0 || to > d.frames() || from > to) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "frames " + from + ":" + to
                    + " are outside the archive's " + d.frames() + " frames");
        }
        int fb = d.framePixels() * d.type().size();
        byte[] out = Arrays.copyOfRange(a.data(), (int) (from * fb), (int) (to * fb));
        ArrayDescriptor sliced = new ArrayDescriptor(d.type(), d.order(), to - from, d.frameHeight(), d.frameWidth());
        return new DecodedArray(sliced, out, a.metadata());
    }

    /** Scan rows [y0, y1) and columns [x0, x1) of a (scan_y, scan_x, det_y, det_x) array. */
    public static DecodedArray scan(DecodedArray a, long y0, long y1, long x0, long x1) {
        ArrayDescriptor d = a.descriptor();
        long[] s = d.shape();
        if (s.length != 4) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "--scan-range needs a 4-D archive "
                    + "(scan_y, scan_x, det_y, det_x); this one is " + Arrays.toString(s));
        }
        if (y0 < 0 || x0 < 0 || y1 > s[0] || x1 > s[1] || y0 > y1 || x0 > x1) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "--scan-range " + y0 + ":" + y1 + "," + x0 + ":"
                    + x1 + " is outside the scan " + s[0] + "x" + s[1]);
        }
        int fb = d.framePixels() * d.type().size();
        int rowBytes = (int) ((x1 - x0) * fb);
        byte[] out = new byte[(int) ((y1 - y0) * rowBytes)];
        for (long y = y0; y < y1; y++) {
            System.arraycopy(a.data(), (int) ((y * s[1] + x0) * fb), out, (int) ((y - y0) * rowBytes), rowBytes);
        }
        ArrayDescriptor sliced = new ArrayDescriptor(d.type(), d.order(), y1 - y0, x1 - x0, s[2], s[3]);
        return new DecodedArray(sliced, out, a.metadata());
    }
}
