package org.stemz.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import org.stemz.ArchiveHeader;
import org.stemz.ArchiveReader;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.DataType;
import org.stemz.StemzCodec;
import org.stemz.StemzException;
import org.stemz.codec.ByteSource;
import org.stemz.codec.ChunkDecoder;
import org.stemz.codec.Model;
import org.stemz.codec.ModelCodec;
import org.stemz.codec.SampleFormat;

/**
 * Fuzz targets for the parsers of untrusted input: the archive header, the packed model, a coded chunk, and the
 * whole archive. Each may fail only with a {@link StemzException}; anything else (an out-of-bounds index, a
 * negative array size, an out-of-memory error, a hang) escapes and is a finding. {@code mvn test} replays the
 * corpus in src/test/resources/org/stemz/fuzz/ParserFuzzTestInputs/; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ParserFuzzTest {
    /** Archives of 4 frames of 5x6 pixels, one per coding mode; the chunk target decodes with their models. */
    static final byte[][] ARCHIVES = {
        archive(DataType.UINT16, i -> (i * 7919) % 13 == 0 ? 40 + i % 9 : i % 3),
        archive(DataType.FLOAT32, i -> Float.floatToRawIntBits((float) (i * 0.37))),
        archive(DataType.FLOAT64, i -> Double.doubleToRawLongBits(i * -1.5e-3)),
    };
    private static final ArchiveHeader[] HEADERS = Arrays.stream(ARCHIVES)
            .map(a -> ArchiveHeader.read(new ByteSource(a))).toArray(ArchiveHeader[]::new);

    @FuzzTest(maxDuration = "30s")
    void header(byte[] input) {
        try {
            ArchiveHeader.read(new ByteSource(input));
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    /** Input: frame height and width (1..16 each) in the first two bytes, then a packed model. */
    @FuzzTest(maxDuration = "30s")
    void model(byte[] input) {
        if (input.length < 2) {
            return;
        }
        try {
            ModelCodec.read(new ByteSource(input, 2, input.length - 2, 0), 1 + (input[0] & 15), 1 + (input[1] & 15));
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    /** Input: model selector, frame count (1..8), then the coded chunk, decoded with a fixed model. */
    @FuzzTest(maxDuration = "30s")
    void chunk(byte[] input) {
        if (input.length < 2) {
            return;
        }
        ArchiveHeader h = modelFor(input[0]);
        ArrayDescriptor d = h.descriptor();
        Model model = h.model();
        int frames = 1 + (input[1] & 7);
        byte[] out = new byte[frames * d.framePixels() * d.type().size()];
        try {
            ChunkDecoder.decode(model, new SampleFormat(d.type(), d.order(), model.mode()), input, 2,
                    input.length - 2, frames, java.nio.ByteBuffer.wrap(out), 0, 0);
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    /** A whole archive, decoded in memory and through the random-access reader. */
    @FuzzTest(maxDuration = "30s")
    void archive(byte[] input) {
        try {
            StemzCodec.decompress(input, 1);
        } catch (StemzException expected) {
            // the only allowed failure
        }
        try (ArchiveReader r = ArchiveReader.of(input)) {
            r.verify(1);
            if (r.frames() > 0) {
                r.readFrames(r.frames() / 2, 1);
            }
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    static ArchiveHeader modelFor(byte selector) {
        return HEADERS[(selector & 0xFF) % HEADERS.length];
    }

    private static byte[] archive(DataType type, IntToLongFunction value) {
        ArrayDescriptor d = new ArrayDescriptor(type, ByteOrder.LITTLE_ENDIAN, 4, 5, 6);
        ByteBuffer b = ByteBuffer.allocate((int) d.byteSize()).order(d.order());
        for (int i = 0; i < d.elementCount(); i++) {
            long v = value.applyAsLong(i);
            switch (type.size()) {
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return StemzCodec.compress(d, b.array(), CodecOptions.defaults().withThreads(1));
    }
}
