package org.stemz.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stemz.ArrayDescriptor;

/**
 * Which frames {@code decompress} writes: all, a range ({@code --frames A:B}) or a rectangle of a 2-D scan
 * ({@code --scan-range}), as runs of consecutive frames plus the shape of the result.
 */
record Selection(ArrayDescriptor descriptor, List<long[]> runs) {

    static Selection of(ArrayDescriptor d, String frames, String scanRange) {
        if (frames != null) {
            long[] r = Ranges.parse(frames, "--frames");
            if (r[1] > d.frames()) {
                throw new UsageException("--frames " + frames + " goes past the archive's " + d.frames() + " frames");
            }
            return new Selection(new ArrayDescriptor(d.type(), d.order(), r[1] - r[0], d.frameHeight(),
                    d.frameWidth()), List.<long[]>of(new long[] {r[0], r[1] - r[0]}));
        }
        if (scanRange != null) {
            return scan(d, scanRange);
        }
        return new Selection(d, List.<long[]>of(new long[] {0, d.frames()}));
    }

    private static Selection scan(ArrayDescriptor d, String text) {
        long[] s = d.shape();
        if (s.length != 4) {
            throw new UsageException("--scan-range needs a 4-D archive (scan_y, scan_x, det_y, det_x); this one is "
                    + Arrays.toString(s));
        }
        String[] yx = text.split(",");
        if (yx.length != 2) {
            throw new UsageException("--scan-range must look like Y0:Y1,X0:X1, not " + text);
        }
        long[] y = Ranges.parse(yx[0], "--scan-range");
        long[] x = Ranges.parse(yx[1], "--scan-range");
        if (y[1] > s[0] || x[1] > s[1]) {
            throw new UsageException("--scan-range " + text + " is outside the scan " + s[0] + "x" + s[1]);
        }
        List<long[]> runs = new ArrayList<>();
        for (long row = y[0]; row < y[1]; row++) {
            runs.add(new long[] {row * s[1] + x[0], x[1] - x[0]});
        }
        return new Selection(new ArrayDescriptor(d.type(), d.order(), y[1] - y[0], x[1] - x[0], s[2], s[3]), runs);
    }
}
