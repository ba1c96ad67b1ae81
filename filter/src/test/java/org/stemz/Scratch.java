package org.stemz;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

public class Scratch {
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            Npy npy = Npy.load(Path.of(a));
            long pixels = npy.descriptor.elementCount();
            for (int threads : new int[] {1, 2}) {
                byte[] z = null;
                long te = Long.MAX_VALUE, td = Long.MAX_VALUE;
                DecodedArray back = null;
                for (int rep = 0; rep < Integer.getInteger("reps", 8); rep++) {
                    long t0 = System.nanoTime();
                    z = StemzCodec.compress(npy.descriptor, npy.data, CodecOptions.defaults().withThreads(threads));
                    long t1 = System.nanoTime();
                    back = StemzCodec.decompress(z, threads);
                    long t2 = System.nanoTime();
                    te = Math.min(te, t1 - t0);
                    td = Math.min(td, t2 - t1);
                }
                boolean ok = Arrays.equals(back.data(), npy.data);
                ArchiveHeader h = ArchiveHeader.read(new org.stemz.codec.ByteSource(z));
                System.out.printf("%s threads=%d ok=%s bpp=%.4f model=%d mode=%s tables=%d enc=%.1f Mpx/s dec=%.1f Mpx/s%n",
                        Path.of(a).getFileName(), threads, ok, 8.0 * z.length / pixels, h.modelBytes(), h.model().mode(),
                        h.model().tableCount(), pixels / (te / 1e3), pixels / (td / 1e3));
            }
        }
    }
}
