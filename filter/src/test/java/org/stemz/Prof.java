package org.stemz;

import java.nio.file.Path;

public class Prof {
    public static void main(String[] args) throws Exception {
        Npy npy = Npy.load(Path.of(args[0]));
        boolean enc = args.length > 1 && args[1].equals("enc");
        byte[] z = StemzCodec.compress(npy.descriptor, npy.data, CodecOptions.defaults().withThreads(1));
        for (int i = 0; i < 15; i++) {
            if (enc) StemzCodec.compress(npy.descriptor, npy.data, CodecOptions.defaults().withThreads(1));
            else StemzCodec.decompress(z, 1);
        }
    }
}
