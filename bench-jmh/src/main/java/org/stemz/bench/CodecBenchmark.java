package org.stemz.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DecodedArray;
import org.stemz.StemzCodec;

/**
 * Whole-dataset encode (model learning included) and decode (checksums verified) with the default chunking,
 * on {@code threads} worker threads. One operation = the whole array; the "pixels" metric is pixels per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CodecBenchmark {
    @Param({"au_particle_dectris", "graphene_lowdose_merlin", "mos2_nion", "si110_empad", "srtio3_merlin",
            "fpd_medipix_2x2", "merlin_4x2_6bit", "merlin_quad_9f_12bit", "tia_ccd_preview_5f"})
    public String dataset;

    @Param({"1", "2"})
    public int threads;

    private ArrayDescriptor descriptor;
    private byte[] raw;
    private byte[] archive;
    private CodecOptions options;
    private long pixels;

    @Setup(Level.Trial)
    public void load() {
        NpyArray a = Datasets.load(dataset);
        descriptor = a.descriptor;
        raw = a.data;
        pixels = descriptor.elementCount();
        options = CodecOptions.defaults().withThreads(threads);
        archive = StemzCodec.compress(descriptor, raw, options);
        // Never time a codec that loses data.
        if (!Arrays.equals(StemzCodec.decompress(archive, threads).data(), raw)) {
            throw new IllegalStateException(dataset + ": round trip changed the data");
        }
    }

    @Benchmark
    public byte[] encode(PixelCounter counter) {
        counter.pixels += pixels;
        return StemzCodec.compress(descriptor, raw, options);
    }

    @Benchmark
    public DecodedArray decode(PixelCounter counter) {
        counter.pixels += pixels;
        return StemzCodec.decompress(archive, threads);
    }
}
