package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.stemz.hdf5.Hdf5File;
import org.stemz.hdf5.Hdf5Native;

/**
 * Every HDF5 write path of the tools (decompress -o OUT.h5, repack, compress -o OUT.h5) onto a file system that
 * fills up at several points of the write: a non-zero exit with a one-line error, nothing at the output path (no
 * temporary file either), no JVM crash. As root on a small tmpfs filled to each level; otherwise the write fails
 * through a file size limit (ulimit -f) instead.
 */
class Hdf5FullDiskTest {
    private static final long TMPFS_BYTES = 2L << 20;
    /** Free bytes left on the tmpfs, or the file size limit without root: all below every output's size. */
    private static final long[] LEVELS = {8 << 10, 64 << 10, 160 << 10};
    private static final int CRASH_EXIT = 134;

    @TempDir
    static Path dir;
    private static Path mount;
    private static Path stemz;
    private static Path h5;
    private static Path raw;

    @BeforeAll
    static void inputs() throws Exception {
        assumeTrue(Hdf5Native.isAvailable(), Hdf5Native::unavailableReason);
        // 1 MiB of uint16 Poisson-like counts: every compressed output is over 190 KB
        ArrayDescriptor d = new ArrayDescriptor(DataType.UINT16, ByteOrder.LITTLE_ENDIAN, 8, 16, 64, 64);
        byte[] data = new byte[(int) d.byteSize()];
        Random r = new Random(3);
        for (int i = 0; i < data.length; i += 2) {
            data[i] = (byte) (r.nextInt(4) + r.nextInt(4));
        }
        raw = Files.write(dir.resolve("in.raw"), data);
        h5 = dir.resolve("in.h5");
        try (Hdf5File f = Hdf5File.create(h5)) {
            f.write("/data", d, d.shape(), new long[] {1, 16, 64, 64}, false, data);
        }
        stemz = dir.resolve("in.stemz");
        CliRunner.Result c = CliRunner.run("compress", raw.toString(), "--shape", "8,16,64,64", "--dtype", "uint16",
                "-o", stemz.toString());
        assertEquals(0, c.exit(), c.toString());
        // JNA unpacks its native part into a temporary file at start-up, which a file size limit would stop
        Path jna = Files.createDirectories(dir.resolve("jna"));
        try (var in = com.sun.jna.Native.class.getResourceAsStream("/com/sun/jna/linux-x86-64/libjnidispatch.so")) {
            assumeTrue(in != null, "no JNA native part for linux-x86-64 on the class path");
            Files.copy(in, jna.resolve("libjnidispatch.so"));
        }
        // -Dstemz.test.fullDisk=ulimit tests the fallback as root too
        if (isRoot() && !"ulimit".equals(System.getProperty("stemz.test.fullDisk"))) {
            mount = Files.createDirectory(dir.resolve("tmpfs"));
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_BYTES, "tmpfs",
                    mount.toString()).inheritIO().start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                mount = null; // e.g. a container without CAP_SYS_ADMIN: the file size limit instead
            }
        }
        if (mount == null) {
            System.err.println("Hdf5FullDiskTest: not root or cannot mount a tmpfs; failing writes through ulimit -f");
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            return new String(p.getInputStream().readAllBytes()).trim().equals("0") && p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void decompressToHdf5() throws Exception {
        for (long level : LEVELS) {
            assertFailsCleanly(level, "out.h5", "decompress", stemz.toString(), "-o");
        }
    }

    @Test
    void repack() throws Exception {
        for (long level : LEVELS) {
            assertFailsCleanly(level, "out.h5", "repack", h5.toString());
        }
    }

    @Test
    void compressToHdf5() throws Exception {
        for (long level : LEVELS) {
            assertFailsCleanly(level, "out.h5", "compress", raw.toString(), "--shape", "8,16,64,64", "--dtype",
                    "uint16", "-o");
        }
    }

    /** A write that succeeds in the same place when there is room: the failures above are the disk's doing. */
    @Test
    void theSameWritesSucceedWithRoom() throws Exception {
        Path folder = mount != null ? mount : Files.createDirectories(dir.resolve("room"));
        clean(folder);
        Path out = folder.resolve("ok.h5");
        Result r = runStemz(Long.MAX_VALUE, List.of("repack", h5.toString(), out.toString()));
        assertEquals(0, r.exit, r.log);
        try (Hdf5File f = Hdf5File.open(out, false); Hdf5File g = Hdf5File.open(h5, false)) {
            assertTrue(java.util.Arrays.equals(g.read("/data"), f.read("/data")));
        }
        clean(folder);
    }

    private void assertFailsCleanly(long level, String name, String... args) throws Exception {
        Path folder;
        long limit = Long.MAX_VALUE;
        if (mount != null) {
            folder = mount;
            clean(folder);
            fill(folder, level);
        } else {
            folder = Files.createDirectories(dir.resolve("limited-" + level));
            clean(folder);
            limit = level;
        }
        Path out = folder.resolve(name);
        List<String> command = new ArrayList<>(List.of(args));
        command.add(out.toString());
        Result r = runStemz(limit, command);
        String what = String.join(" ", args) + " with " + level + " bytes left: " + r.log;
        assertNotEquals(0, r.exit, what);
        assertNotEquals(CRASH_EXIT, r.exit, what);
        assertFalse(r.log.contains("A fatal error has been detected"), what);
        assertTrue(r.log.contains("stemz " + args[0] + ": error:"), what);
        assertFalse(r.log.contains("\tat org.stemz"), "a stack trace instead of a message: " + what);
        assertFalse(Files.exists(out), "a file at the output path after " + what);
        try (Stream<Path> left = Files.list(folder)) {
            List<String> names = left.map(p -> p.getFileName().toString()).filter(n -> !n.equals("filler")).toList();
            assertEquals(List.of(), names, "files left beside the output after " + what);
        }
        try (Stream<Path> crashes = Files.list(dir)) {
            assertEquals(List.of(), crashes.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList(),
                    what);
        }
        clean(folder);
    }

    private static void clean(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    /** Fills the tmpfs until {@code free} bytes are left. */
    private static void fill(Path folder, long free) throws IOException {
        long room = Files.getFileStore(folder).getUsableSpace();
        if (room > free) {
            Files.write(folder.resolve("filler"), new byte[(int) (room - free)]);
        }
        long left = Files.getFileStore(folder).getUsableSpace();
        assertTrue(left <= free + 4096, "could not fill " + folder + ": " + left + " bytes free");
    }

    private record Result(int exit, String log) {
    }

    /** The CLI in its own JVM (a crash must not take the test JVM with it), under ulimit -f when limited. */
    private static Result runStemz(long fileSizeLimit, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Djna.boot.library.path=" + dir.resolve("jna"), "-cp", System.getProperty("java.class.path"),
                StemzCli.class.getName()));
        cmd.addAll(args);
        List<String> full = new ArrayList<>();
        if (fileSizeLimit != Long.MAX_VALUE) {
            // bash's ulimit -f counts KiB; the JVM ignores SIGXFSZ, so writes past the limit fail with EFBIG
            full.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimit / 1024 + " && exec \"$@\"", "bash"));
        }
        full.addAll(cmd);
        Path log = Files.createTempFile(dir, "log", ".txt");
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hung: " + String.join(" ", args));
        }
        Result r = new Result(p.exitValue(), Files.readString(log));
        Files.delete(log);
        return r;
    }
}
