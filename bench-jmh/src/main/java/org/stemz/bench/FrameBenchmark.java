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
 * One frame per chunk, as detectors and their converters write HDF5: the dataset's middle frame coded alone as a
 * self-contained archive of shape (1, det_y, det_x), which is what the HDF5 filter stores per chunk. Encode and
 * decode of that one frame on one thread (a one-chunk archive has nothing to share out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FrameBenchmark {
    @Param({"au_particle_dectris", "graphene_lowdose_merlin", "mos2_nion", "si110_empad", "srtio3_merlin",
            "fpd_medipix_2x2", "merlin_4x2_6bit", "merlin_quad_9f_12bit", "tia_ccd_preview_5f"})
    public String dataset;

    private static final CodecOptions ONE_THREAD = CodecOptions.defaults().withThreads(1);

    private ArrayDescriptor descriptor;
    private byte[] frame;
    private byte[] archive;
    private long pixels;

    @Setup(Level.Trial)
    public void load() {
        NpyArray a = Datasets.load(dataset);
        ArrayDescriptor d = a.descriptor;
        descriptor = new ArrayDescriptor(d.type(), d.order(), 1, d.frameHeight(), d.frameWidth());
        int frameBytes = (int) descriptor.byteSize();
        int middle = (int) (d.frames() / 2);
        frame = Arrays.copyOfRange(a.data, middle * frameBytes, (middle + 1) * frameBytes);
        pixels = descriptor.elementCount();
        archive = StemzCodec.compress(descriptor, frame, ONE_THREAD);
        if (!Arrays.equals(StemzCodec.decompress(archive, 1).data(), frame)) {
            throw new IllegalStateException(dataset + ": round trip of frame " + middle + " changed the data");
        }
    }

    @Benchmark
    public byte[] encodeFrame(PixelCounter counter) {
        counter.pixels += pixels;
        return StemzCodec.compress(descriptor, frame, ONE_THREAD);
    }

    @Benchmark
    public DecodedArray decodeFrame(PixelCounter counter) {
        counter.pixels += pixels;
        return StemzCodec.decompress(archive, 1);
    }
}
