package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemz.CorruptInputException;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.UnsupportedFormatException;

class MerlinReaderTest {
    @TempDir
    Path dir;

    private static int[][] frames(int n, int pixels, int max, long seed) {
        Random r = new Random(seed);
        int[][] f = new int[n][pixels];
        for (int[] frame : f) {
            for (int i = 0; i < pixels; i++) {
                frame[i] = r.nextInt(max + 1);
            }
        }
        return f;
    }

    /** Reads the source as element values, whatever the type. */
    private static int[] values(ArraySource s) throws Exception {
        DataType t = s.descriptor().type();
        ByteBuffer b = ByteBuffer.wrap(SourceAssertions.readAll(s)).order(s.descriptor().order());
        int[] v = new int[b.capacity() / t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.size() == 1 ? b.get() & 0xff : t.size() == 2 ? b.getShort() & 0xffff : b.getInt();
        }
        return v;
    }

    private static int[] flat(int[][] frames) {
        return java.util.Arrays.stream(frames).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @ParameterizedTest
    @CsvSource({"U01,1,UINT8", "U08,6,UINT8", "U16,12,UINT16", "U32,24,UINT32"})
    void readsSingleChipUFormats(String depth, int counter, DataType type) throws Exception {
        int[][] f = frames(6, 16 * 8, (int) Math.min((1L << counter) - 1, Integer.MAX_VALUE), counter);
        byte[][] h = new byte[6][];
        byte[][] d = new byte[6][];
        for (int i = 0; i < 6; i++) {
            h[i] = MibFiles.header(i + 1, 384, 1, 8, 16, depth, "1x1", counter);
            d[i] = MibFiles.uFormat(new int[][] {f[i]}, depth);
        }
        Path mib = MibFiles.write(dir.resolve("a.mib"), h, d);
        MibFiles.hdr(mib, 6, 3, counter);
        ArraySource s = MerlinReader.open(mib, null);
        assertEquals(type, s.descriptor().type());
        assertArrayEquals(new long[] {2, 3, 16, 8}, s.descriptor().shape(), "scan from frames per trigger");
        assertTrue(s.metadataJson().contains("\"varying_fields\""), s.metadataJson());
        assertTrue(s.metadataJson().contains("Counter Depth"), s.metadataJson());
        assertArrayEquals(flat(f), values(s));
    }

    @ParameterizedTest
    @CsvSource({"1,UINT8", "6,UINT8", "12,UINT16", "24,UINT32"})
    void unscramblesSingleChipRaw(int counter, DataType type) throws Exception {
        int[][] f = frames(2, 256 * 256, (1 << counter) - 1, counter);
        byte[][] h = new byte[2][];
        byte[][] d = new byte[2][];
        for (int i = 0; i < 2; i++) {
            h[i] = MibFiles.header(i + 1, 384, 1, 256, 256, "R64", "1x1", counter);
            if (counter == 24) {
                int[] hi = java.util.Arrays.stream(f[i]).map(v -> v >>> 12).toArray();
                int[] lo = java.util.Arrays.stream(f[i]).map(v -> v & 0xfff).toArray();
                byte[] a = MibFiles.rawRun(hi, 16);
                byte[] b = MibFiles.rawRun(lo, 16);
                d[i] = ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
            } else {
                d[i] = MibFiles.rawRun(f[i], counter == 1 ? 1 : counter == 6 ? 8 : 16);
            }
        }
        Path mib = MibFiles.write(dir.resolve("r.mib"), h, d);
        ArraySource s = MerlinReader.open(mib, null);
        assertEquals(type, s.descriptor().type());
        assertArrayEquals(flat(f), values(s));
    }

    @ParameterizedTest
    @CsvSource({"1", "6", "12"})
    void assemblesRawQuad(int counter) throws Exception {
        int[][] f = frames(1, 512 * 512, (1 << counter) - 1, 7);
        byte[][] h = {MibFiles.header(1, 768, 4, 512, 512, "R64", "2x2", counter)};
        byte[][] d = {MibFiles.rawQuad(f[0], counter == 1 ? 1 : counter == 6 ? 8 : 16)};
        Path mib = MibFiles.write(dir.resolve("q.mib"), h, d);
        ArraySource s = MerlinReader.open(mib, new long[] {1, 1});
        assertArrayEquals(new long[] {1, 1, 512, 512}, s.descriptor().shape());
        assertArrayEquals(flat(f), values(s));
    }

    @Test
    void truncatedFileNamesTheFrameAndOffset() throws Exception {
        byte[][] h = {MibFiles.header(1, 384, 1, 8, 8, "U08", "1x1", 6), MibFiles.header(2, 384, 1, 8, 8, "U08", "1x1", 6)};
        byte[][] d = {new byte[64], new byte[30]};
        Path mib = MibFiles.write(dir.resolve("t.mib"), h, d);
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> MerlinReader.open(mib, null));
        assertEquals(ErrorCode.TRUNCATED, e.code());
        assertEquals(448, e.offset());
        assertTrue(e.getMessage().contains("t.mib") && e.getMessage().contains("frame 1"), e.getMessage());
    }

    @Test
    void missingFramesDeclaredByHdrAreReported() throws Exception {
        byte[][] h = {MibFiles.header(1, 384, 1, 8, 8, "U08", "1x1", 6)};
        Path mib = MibFiles.write(dir.resolve("m.mib"), h, new byte[][] {new byte[64]});
        MibFiles.hdr(mib, 4, 1, 6);
        assertEquals(ErrorCode.TRUNCATED,
                assertThrows(CorruptInputException.class, () -> MerlinReader.open(mib, null)).code());
        assertArrayEquals(new long[] {1, 8, 8}, MerlinReader.open(mib, new long[] {1}).descriptor().shape());
    }

    @Test
    void brokenFramingAndBadHeaderFieldsAreCorruptInput() throws Exception {
        byte[] bad = MibFiles.header(2, 384, 1, 8, 8, "U08", "1x1", 6);
        bad[0] = 'X';
        Path mib = MibFiles.write(dir.resolve("b.mib"), new byte[][] {MibFiles.header(1, 384, 1, 8, 8, "U08", "1x1", 6), bad},
                new byte[][] {new byte[64], new byte[64]});
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> MerlinReader.open(mib, null));
        assertEquals(448, e.offset());
        Path huge = dir.resolve("h.mib");
        Files.write(huge, MibFiles.header(1, 384, 1, 99999, 8, "U08", "1x1", 6));
        assertThrows(CorruptInputException.class, () -> MerlinReader.open(huge, null));
        Path depth = dir.resolve("d.mib");
        Files.write(depth, MibFiles.header(1, 384, 1, 8, 8, "U64", "1x1", 6));
        assertThrows(UnsupportedFormatException.class, () -> MerlinReader.open(depth, null));
        Path tiny = dir.resolve("tiny.mib");
        Files.write(tiny, "MQ1,1".getBytes());
        assertThrows(CorruptInputException.class, () -> MerlinReader.open(tiny, null));
    }
}
