package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemz.DataType;
import org.stemz.ErrorCode;
import org.stemz.cli.live.MerlinSimulator;
import org.stemz.cli.live.MerlinSimulator.Fault;

@Timeout(60)
class MerlinStreamTest {
    @TempDir
    Path dir;

    /** A .mib (+ .hdr) of {@code n} frames in the given format, values random up to the counter depth. */
    private Path mib(String name, int n, int w, int h, String depth, int counter, boolean quad) throws Exception {
        Random r = new Random(n * 31L + counter);
        byte[][] headers = new byte[n][];
        byte[][] data = new byte[n][];
        for (int i = 0; i < n; i++) {
            int[] f = new int[w * h];
            for (int k = 0; k < f.length; k++) {
                f[k] = r.nextInt((int) Math.min((1L << counter) - 1, 1 << 30) + 1);
            }
            headers[i] = MibFiles.header(i + 1, quad ? 768 : 384, quad ? 4 : 1, w, h, depth, quad ? "2x2" : "1x1", counter);
            if (!depth.equals("R64")) {
                data[i] = MibFiles.uFormat(new int[][] {f}, depth);
            } else if (quad) {
                data[i] = MibFiles.rawQuad(f, counter == 1 ? 1 : counter == 6 ? 8 : 16);
            } else if (counter == 24) {
                byte[] a = MibFiles.rawRun(java.util.Arrays.stream(f).map(v -> v >>> 12).toArray(), 16);
                byte[] b = MibFiles.rawRun(java.util.Arrays.stream(f).map(v -> v & 0xfff).toArray(), 16);
                data[i] = ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
            } else {
                data[i] = MibFiles.rawRun(f, counter == 1 ? 1 : counter == 6 ? 8 : 16);
            }
        }
        Path p = MibFiles.write(dir.resolve(name), headers, data);
        MibFiles.hdr(p, n, 1, counter);
        return p;
    }

    private static Socket connect(MerlinSimulator sim, int timeoutMillis) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), sim.port());
        s.setSoTimeout(timeoutMillis);
        return s;
    }

    private static byte[] readAll(FrameStream s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = new byte[s.layout().frameBytes()];
        while (s.next(frame, 0)) {
            out.write(frame);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"U01,1,16,8,false", "U08,6,16,8,false", "U16,12,16,8,false", "U32,24,16,8,false",
        "R64,1,256,256,false", "R64,6,256,256,false", "R64,12,256,256,false", "R64,24,256,256,false",
        "R64,12,512,512,true"})
    void tcpStreamDeliversWhatTheFileReaderReads(String depth, int counter, int w, int h, boolean quad) throws Exception {
        Path file = mib("s.mib", 5, w, h, depth, counter, quad);
        byte[] expected;
        DataType type;
        try (ArraySource s = MerlinReader.open(file, new long[] {5})) {
            expected = SourceAssertions.readAll(s);
            type = s.descriptor().type();
        }
        try (MibFrames frames = MibFrames.ofMib(file);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(5))) {
            Socket socket = connect(sim, 5000);
            try (MerlinStream s = MerlinStream.open(socket.getInputStream(), socket, "sim", Map.of(), -1, null)) {
                assertEquals(type, s.layout().type());
                assertEquals(h, s.layout().height());
                assertEquals(w, s.layout().width());
                assertEquals(5, s.layout().expectedFrames(), "from the acquisition header");
                assertArrayEquals(expected, readAll(s));
                assertTrue(s.endReason().contains("all 5"), s.endReason());
                assertEquals(15 + Files.size(file.resolveSibling("s.hdr")) + 5 * (15 + Files.size(file) / 5), s.bytesRead());
            }
            assertEquals(5, sim.await(5000).sent());
        }
    }

    @Test
    void bareMibContentNeedsNoPrefixAndCountsSequenceGaps() throws Exception {
        Path file = mib("b.mib", 4, 16, 8, "U16", 12, false);
        byte[] bytes = Files.readAllBytes(file);
        int frame = bytes.length / 4;
        // frame 2 says sequence 9: 6 frames missing
        byte[] nine = "000009".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nine, 0, bytes, 2 * frame + 4, 6);
        byte[] expected;
        try (ArraySource s = MerlinReader.open(file, new long[] {4})) {
            expected = SourceAssertions.readAll(s);
        }
        FrameStream s = StreamInputs.open(new ByteArrayInputStream(bytes), null, "pipe", null, null, -1, null);
        assertEquals(-1, s.layout().expectedFrames());
        assertArrayEquals(expected, readAll(s));
        assertEquals(6, s.sequenceGaps());
        assertTrue(s.endReason().contains("ended after 4"), s.endReason());
    }

    @Test
    void aStreamEndingBeforeTheAnnouncedFramesIsTruncated() throws Exception {
        byte[] bytes = Files.readAllBytes(mib("e.mib", 3, 16, 8, "U08", 6, false));
        MerlinStream s = MerlinStream.open(new ByteArrayInputStream(bytes), null, "pipe",
                Map.of("Frames in Acquisition (Number)", "10"), -1, null);
        byte[] frame = new byte[s.layout().frameBytes()];
        for (int i = 0; i < 3; i++) {
            assertTrue(s.next(frame, 0));
        }
        FrameStreamException e = assertThrows(FrameStreamException.class, () -> s.next(frame, 0));
        assertEquals(ErrorCode.TRUNCATED, e.code());
        assertEquals(3, e.frame());
        assertEquals(bytes.length, e.offset());
    }

    @Test
    void frameHeaderNotMatchingTheAcquisitionHeaderIsRejected() throws Exception {
        Path file = mib("a.mib", 2, 16, 8, "U16", 12, false);
        MibFiles.hdr(file, 2, 1, 6); // the acquisition header says 6-bit, the frames 12-bit
        try (MibFrames frames = MibFrames.ofMib(file);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(2))) {
            Socket socket = connect(sim, 5000);
            FrameStreamException e = assertThrows(FrameStreamException.class,
                    () -> MerlinStream.open(socket.getInputStream(), socket, "sim", Map.of(), -1, null));
            socket.close();
            assertEquals(0, e.frame());
            assertEquals(15 + Files.size(file.resolveSibling("a.hdr")) + 15, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("counter depth"), e.getMessage());
        }
    }

    /** Fault at frame 3 of 6 frames of 64x64 U16 (8192 pixel bytes): the error, its frame and its offset. */
    @ParameterizedTest
    @CsvSource({"GARBAGE,RESERVED_VALUE,0,MPX prefix", "WRONG_LENGTH,RESERVED_VALUE,0,announces",
        "MISMATCHED_HEADER,RESERVED_VALUE,15,does not match", "DROP_MID_FRAME,TRUNCATED,-1,ended inside",
        "STALL_MID_FRAME,TRUNCATED,-1,stalled"})
    void badStreamsNameTheFrameAndOffset(Fault fault, ErrorCode code, int within, String words) throws Exception {
        Path file = mib("f.mib", 6, 64, 64, "U16", 12, false);
        long hdr = 15 + Files.size(file.resolveSibling("f.hdr"));
        long message = 15 + 384 + 8192;
        try (MibFrames frames = MibFrames.ofMib(file);
             MerlinSimulator sim = MerlinSimulator.start(frames, 0, MerlinSimulator.Settings.of(6).withFault(fault, 3))) {
            Socket socket = connect(sim, 1500);
            try (MerlinStream s = MerlinStream.open(socket.getInputStream(), socket, "sim", Map.of(), -1, null)) {
                byte[] frame = new byte[s.layout().frameBytes()];
                for (int i = 0; i < 3; i++) {
                    assertTrue(s.next(frame, 0));
                }
                FrameStreamException e = assertThrows(FrameStreamException.class, () -> s.next(frame, 0));
                assertEquals(code, e.code(), e.getMessage());
                assertEquals(3, e.frame());
                long at = hdr + 3 * message + (within >= 0 ? within : message / 2);
                assertEquals(at, e.offset(), e.getMessage());
                assertTrue(e.getMessage().contains("frame 3") && e.getMessage().contains(words), e.getMessage());
            }
        }
    }

    @Test
    void garbageInsteadOfAStreamIsRejectedAtOnce() throws Exception {
        byte[] junk = "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        FrameStreamException e = assertThrows(FrameStreamException.class,
                () -> MerlinStream.open(new ByteArrayInputStream(junk), null, "x", Map.of(), -1, null));
        assertEquals(0, e.frame());
        assertEquals(0, e.offset());
        byte[] badDigits = "MPX,00000x0010,HDR,".getBytes(StandardCharsets.US_ASCII);
        assertThrows(FrameStreamException.class,
                () -> MerlinStream.open(new ByteArrayInputStream(badDigits), null, "x", Map.of(), -1, null));
    }

    @Test
    void anIdleStreamOfUnknownLengthEndsAtAFrameBoundary() throws Exception {
        byte[] bytes = Files.readAllBytes(mib("i.mib", 3, 16, 8, "U08", 6, false));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = server.accept()) {
                    OutputStream out = c.getOutputStream();
                    out.write(bytes); // bare frames, no frame count, then silence
                    out.flush();
                    Thread.sleep(20_000);
                } catch (Exception ignored) {
                    // the client has gone
                }
            });
            t.setDaemon(true);
            t.start();
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            socket.setSoTimeout(200);
            try (MerlinStream s = MerlinStream.open(socket.getInputStream(), socket, "idle", Map.of(), -1, null)) {
                assertEquals(bytes.length / 3 - 384, readAll(s).length / 3);
                assertTrue(s.endReason().contains("no data"), s.endReason());
                assertFalse(s.next(new byte[128], 0));
            }
        }
    }
}
