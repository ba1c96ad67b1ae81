package org.stemz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/** Tuning tool: single-thread encode and decode rates from thread CPU time (robust to a loaded machine). */
public class Prof {
    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String a : args) {
            Npy npy = Npy.load(Path.of(a));
            CodecOptions one = CodecOptions.defaults().withThreads(1);
            byte[] z = StemzCodec.compress(npy.descriptor, npy.data, one);
            long enc = Long.MAX_VALUE, dec = Long.MAX_VALUE;
            for (int i = 0; i < Integer.getInteger("reps", 10); i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                StemzCodec.compress(npy.descriptor, npy.data, one);
                long t1 = mx.getCurrentThreadCpuTime();
                StemzCodec.decompress(z, 1);
                long t2 = mx.getCurrentThreadCpuTime();
                enc = Math.min(enc, t1 - t0);
                dec = Math.min(dec, t2 - t1);
            }
            double px = npy.descriptor.elementCount();
            System.out.printf("%-28s enc %6.1f Mpx/s  dec %6.1f Mpx/s (CPU time)%n", Path.of(a).getFileName(),
                    px / (enc / 1e3), px / (dec / 1e3));
        }
    }
}
