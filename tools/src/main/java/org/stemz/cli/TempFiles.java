package org.stemz.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of this process: named {@code .NAME.stemz-tmp-PID.part} beside the output NAME, so that
 * {@code stemz clean} can tell a stale one (its process is dead) from one being written, and deleted by a shutdown
 * hook when the JVM ends on SIGINT or SIGTERM (which then exits 130 or 143). Writers that add their own temporary
 * file next to ours (ArchiveWriter's {@code .<our name><random>.tmp}) are covered by deleting that prefix too.
 */
public final class TempFiles {
    /** The suffix that marks a stemz temporary file; the PID is the digits after it. */
    static final String MARK = ".stemz-tmp-";
    /** {@code .NAME.stemz-tmp-PID[-N].part}, optionally with a writer's own suffix after it. */
    static final Pattern NAME = Pattern.compile("^\\..*" + Pattern.quote(MARK) + "(\\d+)(-\\d+)?\\.part(\\d*\\.tmp)?$");

    private static final Object LOCK = new Object();
    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;
    private static volatile boolean exiting;

    private TempFiles() {
    }

    /**
     * Creates an empty temporary file for {@code target} (an absolute path) with the mode {@code open(2)} gives a new
     * file under the current umask, registered for deletion when the JVM exits on a signal.
     */
    static Path create(Path target) throws IOException {
        Path dir = target.getParent();
        stale(dir, "." + target.getFileName() + MARK, true); // what a killed earlier run left
        String base = "." + target.getFileName() + MARK + ProcessHandle.current().pid();
        for (int n = 1; ; n++) {
            Path temp = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".part");
            synchronized (LOCK) {
                if (exiting) {
                    throw new IOException("stemz is exiting on a signal; " + target + " not written");
                }
                try {
                    Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                } catch (FileAlreadyExistsException e) {
                    continue; // a second output of this process to the same name, or a stale file of an old PID
                }
                installHook();
                LIVE.add(temp);
                return temp;
            }
        }
    }

    /**
     * Runs {@code step} (the commit's rename) unless the JVM is exiting: the shutdown hook waits for it to finish, so
     * an output is either complete at its final name or not there at all.
     */
    static void commit(Path temp, IoStep step) throws IOException {
        synchronized (LOCK) {
            if (exiting) {
                throw new IOException("stemz is exiting on a signal; output not committed");
            }
            step.run();
            LIVE.remove(temp);
        }
    }

    /** Deletes {@code temp} and any writer's temporary file named after it; unregisters it. */
    static void delete(Path temp) throws IOException {
        synchronized (LOCK) {
            LIVE.remove(temp);
        }
        deleteWithCompanions(temp);
    }

    /** True once a signal (or System.exit) has started the JVM's shutdown: errors after that are not reported. */
    static boolean exiting() {
        return exiting;
    }

    /**
     * Deletes the files in {@code dir} named as stemz temporary files (starting with {@code prefix}, if not null)
     * whose process is no longer running: what a SIGKILL left. Returns them with their sizes; with {@code delete}
     * false only lists them.
     */
    static java.util.Map<Path, Long> stale(Path dir, String prefix, boolean delete) throws IOException {
        java.util.Map<Path, Long> removed = new java.util.LinkedHashMap<>();
        try (var files = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return (prefix == null || name.startsWith(prefix) || name.startsWith("." + prefix)) && pidOf(name) >= 0;
        })) {
            for (Path f : files) {
                long pid = pidOf(f.getFileName().toString());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !Files.isRegularFile(f)) {
                    continue; // a run in progress (or a live process that reused the PID): leave it
                }
                long size = Files.size(f);
                if (!delete || Files.deleteIfExists(f)) {
                    removed.put(f, size);
                }
            }
        }
        return removed;
    }

    /** The PID in a stemz temporary file name, or -1 if {@code fileName} is not one. */
    static long pidOf(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    @FunctionalInterface
    interface IoStep {
        void run() throws IOException;
    }

    private static void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "stemz-temp-cleanup"));
        }
    }

    private static void deleteAll() {
        synchronized (LOCK) {
            exiting = true;
            for (Path p : LIVE) {
                try {
                    deleteWithCompanions(p);
                } catch (IOException | RuntimeException e) {
                    // nothing to report to at exit; `stemz clean` removes what is left
                }
            }
            LIVE.clear();
        }
    }

    private static void deleteWithCompanions(Path temp) throws IOException {
        String prefix = "." + temp.getFileName();
        try (var siblings = Files.newDirectoryStream(temp.getParent(), p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : siblings) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // the folder is gone: so are the files
        }
        Files.deleteIfExists(temp);
    }
}
