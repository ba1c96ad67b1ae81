package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stemz.codec.CodingMode;
import org.stemz.codec.Model;
import org.stemz.reference.RefDecoder;

/**
 * {@link StreamingArchiveWriter} on every dtype and on floats whose coding mode changes mid-stream, and
 * {@link ArchiveRecovery} at every truncation point: a typed error, or exactly the complete chunks, bit for bit.
 */
class StreamingRecoveryTest {
    private static final int H = 4;
    private static final int W = 5;
    private static final int OPENING_CHUNKS = StreamingArchiveWriter.OPENING_CHUNKS;

    @TempDir
    Path dir;

    /** Frames of {@code type} as element bytes: small counts, a bright pixel, tenfold from frame {@code drift}. */
    private static byte[] counts(DataType type, ByteOrder order, int frames, int drift, long seed) {
        ArrayDescriptor d = new ArrayDescriptor(type, order, frames, H, W);
        Random r = new Random(seed);
        return TestArrays.of(d, i -> {
            long v = (i % (H * W) == 7 ? 30 : 0) + r.nextInt(4);
            v *= i / (H * W) >= drift ? 10 : 1;
            return type.isSigned() && i % 3 == 0 ? -v : v;
        });
    }

    private Path stream(String name, DataType type, ByteOrder order, byte[] data, int framesPerChunk, int piece)
            throws IOException {
        Path target = dir.resolve(name);
        int frameBytes = H * W * type.size();
        int frames = data.length / frameBytes;
        try (StreamingArchiveWriter w = StreamingArchiveWriter.open(target, type, order, H, W, null,
                CodecOptions.defaults().withFramesPerChunk(framesPerChunk).withThreads(2))) {
            for (int f = 0; f < frames; f += piece) {
                w.write(data, f * frameBytes, Math.min(piece, frames - f));
            }
            w.finish();
        }
        return target;
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void everyDtypeStreamsBitExactlyInBothByteOrders(DataType type) throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] data = counts(type, order, 23, 11, type.ordinal());
            Path p = stream(type + "-" + order + ".stemz", type, order, data, 3, 5);
            byte[] archive = Files.readAllBytes(p);
            try (ArchiveReader r = ArchiveReader.open(p)) {
                assertArrayEquals(new long[] {23, H, W}, r.descriptor().shape());
                assertEquals(order, r.descriptor().order());
                assertArrayEquals(data, r.readAll(2).data(), type + " " + order);
                assertTrue(r.verify(2).ok());
                assertEquals(null, r.header().model(), "a streamed header has no model");
                assertEquals(0, r.index().modelChunk(0));
            }
            assertArrayEquals(data, RefDecoder.decode(archive).data(), "reference decoder, " + type + " " + order);
        }
    }

    /** Float frames: integers, then fractions, then integers again, then NaN / -0.0 / infinity bit patterns. */
    private static byte[] modeChanges(DataType type, int frames, int phase) {
        ArrayDescriptor d = new ArrayDescriptor(type, ByteOrder.LITTLE_ENDIAN, frames, H, W);
        Random r = new Random(phase);
        boolean f32 = type == DataType.FLOAT32;
        return TestArrays.ofBits(d, i -> {
            // integers for the writer's opening chunks, then phases of integers, fractions, integers, specials
            int p = Math.max(0, (int) (i / (H * W) / phase) - OPENING_CHUNKS);
            double v = r.nextInt(20) + (p % 4 == 1 ? 0.5 : 0);
            if (p % 4 == 3 && i % 5 == 0) {
                return f32 ? new long[] {0x7FC00123L, 0x80000000L, 0x7F800000L}[r.nextInt(3)]
                        : new long[] {0x7FF8000000000123L, 0x8000000000000000L, 0xFFF0000000000000L}[r.nextInt(3)];
            }
            return f32 ? Float.floatToRawIntBits((float) v) : Double.doubleToRawLongBits(v);
        });
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
    void floatsSwitchingBetweenIntegerAndFloatCodingStreamBitExactly(DataType type) throws IOException {
        byte[] data = modeChanges(type, 4 * (OPENING_CHUNKS + 8), 4);
        Path p = stream(type + ".stemz", type, ByteOrder.LITTLE_ENDIAN, data, 4, 3);
        byte[] archive = Files.readAllBytes(p);
        List<CodingMode> modes = new ArrayList<>();
        try (ArchiveReader r = ArchiveReader.open(p)) {
            assertArrayEquals(data, r.readAll(1).data());
            for (int c = 0; c < r.chunkCount(); c++) {
                if (r.index().modelChunk(c) == c) {
                    modes.add(carriedModel(archive, r, c).mode());
                }
            }
        }
        assertArrayEquals(data, RefDecoder.decode(archive).data());
        CodingMode floatMode = type == DataType.FLOAT32 ? CodingMode.FLOAT32 : CodingMode.FLOAT64;
        // integers (INT), fractions (float mode), integers again (INT): the mode changes at least twice
        int changes = 0;
        for (int i = 1; i < modes.size(); i++) {
            changes += modes.get(i) != modes.get(i - 1) ? 1 : 0;
        }
        assertTrue(modes.contains(CodingMode.INT) && modes.contains(floatMode) && changes >= 2, modes.toString());
    }

    private static Model carriedModel(byte[] archive, ArchiveReader r, int c) {
        int at = (int) r.index().offset(c);
        ChunkRecord.Layout l = ChunkRecord.parse(archive, at, (int) r.index().length(c), at);
        return ArchiveHeader.readModel(archive, l.modelOffset(), l.modelLength(), at, r.descriptor(),
                ArchiveHeader.VERSION);
    }

    private static final Set<ErrorCode> RECOVERY_ERRORS = EnumSet.of(ErrorCode.TRUNCATED, ErrorCode.BAD_MAGIC,
            ErrorCode.HEADER_CHECKSUM_MISMATCH, ErrorCode.LIMIT_EXCEEDED, ErrorCode.RESERVED_VALUE);

    /**
     * Cut at every byte, a finished stream and the temporary file of a writer still running: recovery gives a typed
     * error (only while the header is incomplete) or an archive of exactly the chunks complete before the cut.
     */
    @Test
    void everyTruncationRecoversExactlyTheCompleteChunks() throws IOException {
        byte[] data = counts(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 14, 7, 3);
        byte[] finished = Files.readAllBytes(stream("full.stemz", DataType.UINT16, ByteOrder.LITTLE_ENDIAN, data,
                3, 14));
        assertEquals(5, checkEveryCut(finished, data, 3), "the whole file recovers all 5 chunks");
        // a writer killed mid-stream: its file has the provisional header (no frames) and no index
        StreamingArchiveWriter w = StreamingArchiveWriter.open(dir.resolve("live.stemz"), DataType.UINT16,
                ByteOrder.LITTLE_ENDIAN, H, W, null, CodecOptions.defaults().withFramesPerChunk(3).withThreads(1));
        byte[] more = counts(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 3 * (OPENING_CHUNKS + 4) + 2, 7, 3);
        w.write(more, 0, 3 * (OPENING_CHUNKS + 4) + 2); // past the opening, which is learned before it is written
        byte[] live = Files.readAllBytes(w.temporaryFile());
        w.abort();
        assertTrue(checkEveryCut(live, more, 3) >= 1, "chunks on disk before the kill");
    }

    /** Random streams (dtype, chunking, drift), each cut at 40 random points: the same property. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomStreamsRecoverTheirCompleteChunks(int seed) throws IOException {
        Random r = new Random(seed);
        DataType type = DataType.values()[r.nextInt(DataType.values().length)];
        int frames = 1 + r.nextInt(20);
        int fpc = 1 + r.nextInt(5);
        byte[] data = type.isFloating() && r.nextBoolean() ? modeChanges(type, frames, 1 + r.nextInt(3))
                : counts(type, ByteOrder.LITTLE_ENDIAN, frames, r.nextInt(frames + 1), seed);
        byte[] archive = Files.readAllBytes(stream("r" + seed + ".stemz", type, ByteOrder.LITTLE_ENDIAN, data, fpc,
                1 + r.nextInt(6)));
        for (int i = 0; i < 40; i++) {
            checkCut(archive, data, fpc, r.nextInt(archive.length + 1));
        }
    }

    static IntStream seeds() {
        return IntStream.range(0, 12);
    }

    /** Returns the most chunks recovered from any cut. */
    private int checkEveryCut(byte[] archive, byte[] data, int fpc) throws IOException {
        int most = 0;
        for (int len = 0; len <= archive.length; len++) {
            most = Math.max(most, checkCut(archive, data, fpc, len));
        }
        return most;
    }

    private int cuts;

    /** Checks the recovery of the first {@code len} bytes; returns the chunks recovered (-1: a typed error). */
    private int checkCut(byte[] archive, byte[] data, int fpc, int len) throws IOException {
        ArchiveHeader header;
        try {
            header = ArchiveHeader.read(new org.stemz.codec.ByteSource(archive));
        } catch (StemzException e) {
            throw new AssertionError("the uncut archive must parse", e);
        }
        long frameBytes = (long) H * W * header.descriptor().type().size();
        // records complete before the cut, walked through their prefixes
        int complete = 0;
        long frames = 0;
        int at = header.headerBytes();
        while (at + ChunkRecord.PREFIX_BYTES <= archive.length && frames < data.length / frameBytes) {
            long end = at + ChunkRecord.PREFIX_BYTES + ChunkRecord.payloadLength(archive, at, 16);
            if (end > len) {
                break;
            }
            complete++;
            frames += Math.min(fpc, data.length / frameBytes - frames);
            at = (int) end;
        }
        Path damaged = dir.resolve("cut" + cuts);
        Path out = dir.resolve("recovered" + cuts++);
        Files.write(damaged, Arrays.copyOf(archive, len));
        ArchiveRecovery.RecoveryReport report;
        try {
            report = ArchiveRecovery.recover(damaged, out);
        } catch (StemzException e) {
            if (len >= header.headerBytes() || !RECOVERY_ERRORS.contains(e.code())) {
                fail("cut at " + len + " of " + archive.length + ": " + e.code() + " " + e.getMessage());
            }
            return -1;
        } finally {
            Files.delete(damaged);
        }
        assertTrue(len >= header.headerBytes(), "recovered without a whole header, cut at " + len);
        assertEquals(complete, report.chunks(), "cut at " + len + ": " + report);
        assertEquals(frames, report.frames(), "cut at " + len);
        try (ArchiveReader r = ArchiveReader.open(out)) {
            assertEquals(frames, r.frames());
            assertArrayEquals(Arrays.copyOf(data, (int) (frames * frameBytes)), r.readAll(1).data(), "cut at " + len);
        }
        Files.delete(out);
        return report.chunks();
    }
}
