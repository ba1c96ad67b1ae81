package org.stemz;

import java.nio.file.Path;
import java.util.Arrays;

/** Tuning tool: archive and model size for slices of N frames (as HDF5 chunks would be). */
public class Slices {
    public static void main(String[] args) throws Exception {
        Npy npy = Npy.load(Path.of(args[0]));
        int frames = Integer.parseInt(args[1]);
        ArrayDescriptor d = npy.descriptor;
        long frameBytes = (long) d.framePixels() * d.type().size();
        long total = 0, model = 0, pixels = 0;
        for (long f = 0; f + frames <= d.frames(); f += frames) {
            ArrayDescriptor s = new ArrayDescriptor(d.type(), d.order(), frames, d.frameHeight(), d.frameWidth());
            byte[] part = Arrays.copyOfRange(npy.data, (int) (f * frameBytes), (int) ((f + frames) * frameBytes));
            byte[] z = StemzCodec.compress(s, part, CodecOptions.defaults().withThreads(2));
            total += z.length;
            model += ArchiveHeader.read(new org.stemz.codec.ByteSource(z)).modelBytes();
            pixels += s.elementCount();
        }
        System.out.printf("%s frames/chunk=%d bpp=%.4f model share=%.1f%%%n", Path.of(args[0]).getFileName(), frames,
                8.0 * total / pixels, 100.0 * model / total);
    }
}
