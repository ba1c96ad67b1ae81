package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming writer and the random-access reader: equivalence, random access, atomic output, corruption. */
class ArchiveWriterReaderTest {
    private static final ArrayDescriptor D = TestArrays.shape(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 3, 7, 9, 11);
    private static final byte[] DATA = TestArrays.of(D, TestArrays.diffraction(D, 8, 5));
    private static final CodecOptions OPTIONS = CodecOptions.defaults().withFramesPerChunk(4).withMetadata("{\"x\":2}");
    private static final long FRAME_BYTES = 9 * 11 * 2;

    @TempDir
    Path dir;

    private Path write(FrameSource source) throws IOException {
        Path out = dir.resolve("a.stemz");
        ArchiveWriter.write(out, D, source, OPTIONS);
        return out;
    }

    @Test
    void writerFromAFileMatchesTheInMemoryCodecByteForByte() throws IOException {
        Path raw = dir.resolve("in.raw");
        Files.write(raw, concat(new byte[13], DATA)); // 13 bytes of file header before the data
        try (FrameSource source = FrameSource.ofFile(raw, 13, D)) {
            ArchiveSummary summary = ArchiveWriter.write(dir.resolve("a.stemz"), D, source, OPTIONS);
            byte[] file = Files.readAllBytes(dir.resolve("a.stemz"));
            assertArrayEquals(StemzCodec.compress(D, DATA, OPTIONS), file);
            assertEquals(file.length, summary.archiveBytes());
            assertEquals(6, summary.index().size());
        }
        for (int threads = 1; threads <= 3; threads++) {
            assertArrayEquals(StemzCodec.compress(D, DATA, OPTIONS),
                    StemzCodec.compress(D, DATA, OPTIONS.withThreads(threads)), "threads " + threads);
        }
    }

    @Test
    void readerDecodesAnyRangeOfFrames() throws IOException {
        Path archive = write(FrameSource.of(DATA, D));
        Random r = new Random(1);
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            assertEquals(21, reader.frames());
            assertEquals("{\"x\":2}", reader.header().metadata());
            for (int i = 0; i < 40; i++) {
                int first = r.nextInt(22);
                int count = r.nextInt(22 - first);
                byte[] expected = Arrays.copyOfRange(DATA, (int) (first * FRAME_BYTES),
                        (int) ((first + count) * FRAME_BYTES));
                assertArrayEquals(expected, reader.readFrames(first, count), first + "+" + count);
                ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                reader.readFrames(first, count, streamed, 2, ProgressListener.NONE);
                assertArrayEquals(expected, streamed.toByteArray(), "streamed " + first + "+" + count);
            }
            assertArrayEquals(DATA, reader.readAll(2).data());
            assertThrows(StemzException.class, () -> reader.readFrames(20, 2));
            assertThrows(StemzException.class, () -> reader.readFrames(-1, 1));
        }
    }

    /** Acceptance: one frame from the middle costs the header, the index (with the footer) and one chunk. */
    @Test
    void oneMiddleFrameReadsOnlyHeaderIndexAndOneChunk() throws IOException {
        Path archive = write(FrameSource.of(DATA, D));
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            long afterOpen = reader.bytesRead();
            long header = reader.header().headerBytes();
            long index = reader.chunkCount() * ChunkIndex.entryBytes(reader.header().version()) + ChunkIndex.FOOTER_BYTES;
            assertEquals(header + index, afterOpen);
            byte[] frame = reader.readFrames(10, 1);
            assertArrayEquals(Arrays.copyOfRange(DATA, (int) (10 * FRAME_BYTES), (int) (11 * FRAME_BYTES)), frame);
            assertEquals(header + index + reader.index().length(2), reader.bytesRead());
        }
    }

    @Test
    void failedWriteLeavesNoTemporaryFileAndKeepsTheOldTarget() throws IOException {
        Path target = dir.resolve("a.stemz");
        Files.writeString(target, "previous archive");
        FrameSource failing = (first, count, dst) -> {
            if (first >= 12) {
                throw new IOException("disk read error at frame " + first);
            }
            System.arraycopy(DATA, (int) (first * FRAME_BYTES), dst, 0, (int) (count * FRAME_BYTES));
        };
        IOException e = assertThrows(IOException.class, () -> ArchiveWriter.write(target, D, failing, OPTIONS));
        assertTrue(e.getMessage().contains("disk read error"), e.getMessage());
        assertEquals("previous archive", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void verifyNamesTheDamagedChunk() throws IOException {
        Path archive = write(FrameSource.of(DATA, D));
        long offset;
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            assertTrue(reader.verify(2).ok());
            offset = reader.index().offset(3) + 7;
        }
        byte[] bytes = Files.readAllBytes(archive);
        bytes[(int) offset] ^= 0x40;
        Files.write(archive, bytes);
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            VerifyReport report = reader.verify(2);
            assertFalse(report.ok());
            assertEquals(1, report.failures().size());
            ChunkCheck bad = report.failures().get(0);
            assertEquals(3, bad.chunk());
            assertEquals(12, bad.firstFrame());
            assertFalse(bad.codedChecksumOk());
            assertEquals(ErrorCode.CHUNK_CHECKSUM_MISMATCH, bad.error().code());
            assertArrayEquals(Arrays.copyOf(DATA, (int) (12 * FRAME_BYTES)), reader.readFrames(0, 12));
            StemzException e = assertThrows(StemzException.class, () -> reader.readFrames(12, 1));
            assertEquals(ErrorCode.CHUNK_CHECKSUM_MISMATCH, e.code());
        }
    }

    /** Acceptance: every single-bit flip is caught by verify (or by opening) and by decoding. */
    @Test
    void everyBitFlipIsDetectedByVerifyAndByDecoding() {
        ArrayDescriptor d = TestArrays.shape(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, 5, 4, 5);
        byte[] archive = StemzCodec.compress(d, TestArrays.of(d, TestArrays.diffraction(d, 2, 3)),
                CodecOptions.defaults().withFramesPerChunk(2).withMetadata("{}"));
        BitFlips.each(archive, (flipped, what) -> {
            try (ArchiveReader reader = ArchiveReader.of(flipped)) {
                assertFalse(reader.verify(1).ok(), what + ": verify passed");
            } catch (StemzException expected) {
                // detected while opening (header, footer or index)
            } catch (RuntimeException | Error e) {
                fail(what + ": untyped " + e);
            }
            assertThrows(StemzException.class, () -> StemzCodec.decompress(flipped, 1), what);
        });
    }

    /** Acceptance: every truncation is TRUNCATED, through the file reader as through the in-memory decoder. */
    @Test
    void everyTruncationIsReportedAsTruncated() throws IOException {
        byte[] archive = Files.readAllBytes(write(FrameSource.of(DATA, D)));
        Path cut = dir.resolve("cut.stemz");
        for (int len = 0; len < archive.length; len++) {
            byte[] prefix = Arrays.copyOf(archive, len);
            Files.write(cut, prefix);
            StemzException e = assertThrows(StemzException.class, () -> {
                try (ArchiveReader r = ArchiveReader.open(cut)) {
                    r.readAll(1);
                }
            }, "length " + len);
            assertEquals(ErrorCode.TRUNCATED, e.code(), "length " + len + ": " + e.getMessage());
            assertEquals(ErrorCode.TRUNCATED,
                    assertThrows(StemzException.class, () -> StemzCodec.decompress(prefix, 1)).code());
        }
    }

    @Test
    void trailingBytesAreReportedAsTrailingData() {
        byte[] archive = StemzCodec.compress(D, DATA, OPTIONS);
        for (int extra : new int[] {1, 23, 24, 25, 1000}) {
            byte[] longer = Arrays.copyOf(archive, archive.length + extra);
            longer[longer.length - 1] = 'x';
            assertEquals(ErrorCode.TRAILING_DATA,
                    assertThrows(StemzException.class, () -> ArchiveReader.of(longer)).code(), "+" + extra);
        }
    }

    @Test
    void encoderRefusesWhatDecodersWouldRefuse() {
        String huge = "x".repeat(Limits.MAX_METADATA_BYTES + 1);
        assertEquals(ErrorCode.LIMIT_EXCEEDED, assertThrows(StemzException.class,
                () -> StemzCodec.compress(D, DATA, OPTIONS.withMetadata(huge))).code());
        ArrayDescriptor big = TestArrays.shape(DataType.UINT8, ByteOrder.LITTLE_ENDIAN, 2, 1024, 1024);
        assertEquals(ErrorCode.LIMIT_EXCEEDED, assertThrows(StemzException.class, () -> StemzCodec.compress(big,
                new byte[2 << 20], CodecOptions.defaults().withFramesPerChunk(1025))).code());
    }

    @Test
    void progressIsReportedPerChunkAndPhase() throws IOException {
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ArchiveWriter.write(dir.resolve("p.stemz"), D, FrameSource.of(DATA, D), OPTIONS,
                (phase, done, total) -> seen.add(phase + " " + done + "/" + total));
        for (String phase : new String[] {"statistics", "histograms", "coding"}) {
            assertTrue(seen.contains(phase + " 6/6"), seen.toString());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
