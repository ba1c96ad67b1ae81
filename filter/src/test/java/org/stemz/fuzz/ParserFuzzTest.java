package org.stemz.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.stemz.ArchiveHeader;
import org.stemz.ArchiveReader;
import org.stemz.ArchiveRecovery;
import org.stemz.ArrayDescriptor;
import org.stemz.ChunkIndex;
import org.stemz.CodecOptions;
import org.stemz.DataType;
import org.stemz.FuzzAccess;
import org.stemz.StemzCodec;
import org.stemz.StemzException;
import org.stemz.StreamingArchiveWriter;
import org.stemz.codec.ByteSource;
import org.stemz.codec.ChunkDecoder;
import org.stemz.codec.Model;
import org.stemz.codec.ModelCodec;
import org.stemz.codec.SampleFormat;

/**
 * Fuzz targets for the parsers of untrusted input: the archive header, the packed model, a coded chunk, the whole
 * archive, and the version-2 container: a chunk record, the 24-byte index, the recovery walk over a damaged file. Each may fail only with a {@link StemzException}; anything else (an out-of-bounds index, a
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

    /**
     * Input: frame height and width (1..16 each) in the low nibbles of the first two bytes, bit 4 of the first byte
     * set for a version-2 model (body V2.1, sectioned packing V2.5), then a packed model.
     */
    @FuzzTest(maxDuration = "30s")
    void model(byte[] input) {
        if (input.length < 2) {
            return;
        }
        try {
            ModelCodec.read(new ByteSource(input, 2, input.length - 2, 0), 1 + (input[0] & 15), 1 + (input[1] & 15),
                    1 + ((input[0] >> 4) & 1));
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

    /** A version-2 chunk record (prefix, flags, carried model, coded frames) parsed on its own. */
    @FuzzTest(maxDuration = "30s")
    void record(byte[] input) {
        try {
            FuzzAccess.parseRecord(input);
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    /**
     * Input: chunk count (0..7), then version-2 index entries and footer; the chunks are taken to start at the
     * first entry's offset and the index at the footer's (low 32 bits of each), so a real index parses fully.
     */
    @FuzzTest(maxDuration = "30s")
    void index(byte[] input) {
        if (input.length < 1) {
            return;
        }
        byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
        int chunks = input[0] & 7;
        long chunksStart = bytes.length >= 4 ? u32(bytes, 0) : 0;
        long indexOffset = bytes.length >= ChunkIndex.FOOTER_BYTES ? u32(bytes, bytes.length - 24) : 0;
        try {
            ChunkIndex index = ChunkIndex.read(bytes, indexOffset, chunksStart, chunks, 2);
            for (int c = 0; c < index.size(); c++) {
                if (index.modelChunk(c) > c || index.modelChunk(c) < ChunkIndex.HEADER_MODEL) {
                    throw new AssertionError("chunk " + c + " accepted model chunk " + index.modelChunk(c));
                }
            }
        } catch (StemzException expected) {
            // the only allowed failure
        }
    }

    private static final Path SCRATCH = scratch();

    /** The recovery walk over a file of these bytes: a typed error, or a recovered archive that verifies. */
    @FuzzTest(maxDuration = "60s")
    void recovery(byte[] input) throws IOException {
        Path damaged = Files.createTempFile(SCRATCH, "damaged", ".stemz");
        Path out = SCRATCH.resolve(damaged.getFileName() + ".recovered");
        try {
            Files.write(damaged, input);
            ArchiveRecovery.recover(damaged, out);
            try (ArchiveReader r = ArchiveReader.open(out)) {
                if (!r.verify(1).ok()) {
                    throw new AssertionError("recovered archive does not verify");
                }
            }
        } catch (StemzException expected) {
            // the only allowed failure
        } finally {
            Files.deleteIfExists(damaged);
            Files.deleteIfExists(out);
        }
    }

    /** A small streamed archive (chunk models) for the recovery and record targets. */
    static final byte[] STREAMED = streamed();

    /**
     * Random bytes and random damage to real records, indexes and streamed files, through the version-2 targets, so
     * that {@code mvn test} covers them beyond the corpus.
     */
    @Test
    void versionTwoParsersTakeRandomAndDamagedInput() throws IOException {
        Random r = new Random(2);
        byte[] index;
        byte[] record;
        try (ArchiveReader reader = ArchiveReader.of(STREAMED)) {
            int at = (int) reader.index().offset(0);
            record = Arrays.copyOfRange(STREAMED, at, at + (int) reader.index().length(0));
            int indexAt = STREAMED.length - ChunkIndex.FOOTER_BYTES - 24 * reader.chunkCount();
            index = new byte[STREAMED.length - indexAt + 1];
            index[0] = (byte) reader.chunkCount();
            System.arraycopy(STREAMED, indexAt, index, 1, STREAMED.length - indexAt);
        }
        for (int i = 0; i < 2000; i++) {
            record(damaged(record, r));
            index(damaged(index, r));
            byte[] noise = new byte[r.nextInt(64)];
            r.nextBytes(noise);
            record(noise);
            index(noise);
        }
        for (int i = 0; i < 150; i++) {
            byte[] cut = Arrays.copyOf(STREAMED, r.nextInt(STREAMED.length + 1));
            recovery(r.nextBoolean() ? cut : damaged(cut, r));
        }
    }

    /** A copy with 1 to 4 bytes changed, or the input itself if it is empty. */
    private static byte[] damaged(byte[] a, Random r) {
        byte[] b = a.clone();
        for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) {
            b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return b;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static Path scratch() {
        try {
            Path p = Files.createTempDirectory("stemz-fuzz");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] streamed() {
        Path target = SCRATCH.resolve("streamed.stemz");
        byte[] frames = new byte[24 * 5 * 6 * 2];
        Random r = new Random(7);
        for (int i = 0; i < frames.length; i += 2) {
            frames[i] = (byte) (i / 60 >= 96 ? 40 + r.nextInt(40) : r.nextInt(3));
        }
        try (StreamingArchiveWriter w = StreamingArchiveWriter.open(target, DataType.UINT16, ByteOrder.LITTLE_ENDIAN,
                5, 6, null, CodecOptions.defaults().withThreads(1).withFramesPerChunk(4))) {
            w.write(frames, 0, 24);
            w.finish();
            byte[] bytes = Files.readAllBytes(target);
            Files.delete(target);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
