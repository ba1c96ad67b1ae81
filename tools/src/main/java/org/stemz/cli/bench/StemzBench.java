package org.stemz.cli.bench;

import java.util.Arrays;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DecodedArray;
import org.stemz.StemzCodec;

/** stemz itself, in memory, with the given number of threads; checks the round trip once. */
final class StemzBench {
    private StemzBench() {
    }

    static BenchRow run(ArrayDescriptor d, byte[] data, int threads, int repetitions) throws Exception {
        CodecOptions options = CodecOptions.defaults().withThreads(threads);
        byte[][] archive = new byte[1][];
        double enc = Timing.best(repetitions, () -> archive[0] = StemzCodec.compress(d, data, options));
        DecodedArray[] back = new DecodedArray[1];
        double dec = Timing.best(repetitions, () -> back[0] = StemzCodec.decompress(archive[0], threads));
        if (!Arrays.equals(back[0].data(), data)) {
            throw new IllegalStateException("stemz round trip differs from the input: this is a bug");
        }
        long model = ArchiveReader.of(archive[0]).header().modelBytes();
        return new BenchRow("stemz", threads, archive[0].length, model, enc, dec, "");
    }
}
