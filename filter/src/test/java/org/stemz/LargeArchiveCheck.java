package org.stemz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Streams a synthetic uint16 dataset of a given size (frames of 256 x 256) through the writer and the reader in
 * this JVM, which the caller starts with a small heap: {@code LargeArchiveCheck <bytes> <work dir> <threads>
 * <frames per chunk, 0 = default>}. Prints one line of key=value results (sizes, container overhead, peak heap
 * and peak live heap after collections per phase, bytes read for one middle frame, speed) and exits 0 only if
 * the decoded SHA-256 equals the input's.
 */
public final class LargeArchiveCheck {
    private static final int SIDE = 256;
    private static final long FRAME_BYTES = 2L * SIDE * SIDE;

    private LargeArchiveCheck() {
    }

    public static void main(String[] args) throws Exception {
        long frames = Long.parseLong(args[0]) / FRAME_BYTES;
        Path dir = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, frames, SIDE, SIDE);
        CodecOptions options = CodecOptions.defaults().withThreads(threads)
                .withFramesPerChunk(Integer.parseInt(args[3]));
        Path raw = dir.resolve("input.raw");
        Path archive = dir.resolve("input.stemz");
        String inputHash = generate(raw, frames);

        resetPeaks();
        long t0 = System.nanoTime();
        ArchiveSummary summary;
        try (FrameSource source = FrameSource.ofFile(raw, 0, d)) {
            summary = ArchiveWriter.write(archive, d, source, options);
        }
        double encode = (System.nanoTime() - t0) / 1e9;
        long peakEncode = heapPeak();
        long liveEncode = LIVE_PEAK.get();
        Files.delete(raw);

        resetPeaks();
        t0 = System.nanoTime();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long middleRead;
        long middleExpected;
        try (ArchiveReader reader = ArchiveReader.open(archive);
             OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            reader.readFrames(0, frames, out, threads, ProgressListener.NONE);
        }
        double decode = (System.nanoTime() - t0) / 1e9;
        long peakDecode = heapPeak();
        long liveDecode = LIVE_PEAK.get();
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            long middle = frames / 2;
            reader.readFrames(middle, 1);
            middleRead = reader.bytesRead();
            int entry = ChunkIndex.entryBytes(reader.header().version());
            middleExpected = reader.header().headerBytes() + reader.chunkCount() * entry + ChunkIndex.FOOTER_BYTES
                    + reader.index().length((int) (middle / reader.header().framesPerChunk()));
        }
        String outputHash = HexFormat.of().formatHex(sha.digest());
        long container = summary.archiveBytes() - summary.codedBytes() - summary.header().modelBytes();
        System.out.printf("input_bytes=%d archive_bytes=%d coded_bytes=%d model_bytes=%d container_bytes=%d "
                        + "overhead=%.6f chunks=%d max_heap_mb=%d peak_heap_encode_mb=%d peak_heap_decode_mb=%d "
                        + "live_heap_encode_mb=%d live_heap_decode_mb=%d "
                        + "encode_s=%.1f decode_s=%.1f middle_frame_bytes_read=%d middle_frame_expected=%d "
                        + "lossless=%b%n",
                frames * FRAME_BYTES, summary.archiveBytes(), summary.codedBytes(), summary.header().modelBytes(),
                container, summary.overheadRatio(), summary.index().size(),
                Runtime.getRuntime().maxMemory() >> 20, peakEncode >> 20, peakDecode >> 20, liveEncode >> 20,
                liveDecode >> 20, encode, decode,
                middleRead, middleExpected, inputHash.equals(outputHash));
        Files.delete(archive);
        System.exit(inputHash.equals(outputHash) && middleRead == middleExpected ? 0 : 1);
    }

    /** Low-dose frames with a bright disk, written frame by frame; returns the file's SHA-256. */
    private static String generate(Path raw, long frames) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer frame = ByteBuffer.allocate((int) FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long state = 0x9E3779B97F4A7C15L;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(raw), 1 << 20),
                sha)) {
            for (long f = 0; f < frames; f++) {
                frame.clear();
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        state ^= state << 13;
                        state ^= state >>> 7;
                        state ^= state << 17;
                        int dy = y - SIDE / 2;
                        int dx = x - SIDE / 2;
                        boolean disk = dy * dy + dx * dx < 40 * 40;
                        int v = disk ? 180 + (int) (state & 63) : (state & 31) == 0 ? (int) ((state >>> 5) & 3) : 0;
                        frame.putShort((short) v);
                    }
                }
                out.write(frame.array());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Largest heap occupancy right after a collection: the live data, free of garbage not yet collected. */
    private static final AtomicLong LIVE_PEAK = new AtomicLong();

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                            .getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    LIVE_PEAK.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
    }

    private static void resetPeaks() {
        System.gc();
        LIVE_PEAK.set(0);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the heap's peak). */
    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Runs this check in a child JVM with {@code -Xmx<heapMb>m}; returns its output line (fails on exit != 0). */
    static String runChild(long bytes, Path dir, int heapMb, int threads, int framesPerChunk) throws IOException,
            InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"), LargeArchiveCheck.class.getName(),
                Long.toString(bytes), dir.toString(), Integer.toString(threads), Integer.toString(framesPerChunk))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new AssertionError("check failed with -Xmx" + heapMb + "m: " + output);
        }
        return output;
    }

    static double value(String output, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(key + "=([0-9.]+)").matcher(output);
        if (!m.find()) {
            throw new AssertionError(key + " missing from " + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
