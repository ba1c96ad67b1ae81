package org.stemz.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * An output file written under a temporary name in the same directory ({@link TempFiles}: removed on SIGINT and
 * SIGTERM, recognisable after SIGKILL) and published under the final name only when complete, so a crash or kill
 * never leaves a partial file at the output path. Publishing never replaces a file that appeared at the output
 * path while this one was written (another run to the same output) unless {@code force}: the temporary file is
 * hard-linked to the final name, which fails if that name exists.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final boolean force;
    private final Set<PosixFilePermission> mode;
    private OutputStream stream;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, boolean force) throws IOException {
        this.target = target;
        this.temp = temp;
        this.force = force;
        // what open(2) gave the new file under the umask; a writer that replaces the file may not keep it
        this.mode = Files.getFileAttributeView(temp, PosixFileAttributeView.class) == null ? null
                : Files.getPosixFilePermissions(temp);
    }

    /**
     * Opens {@code target} for writing after the safety checks: it is none of {@code inputs}, and it does not
     * exist unless {@code force}.
     */
    public static AtomicOutput open(Path target, boolean force, List<Path> inputs) throws IOException {
        Path abs = checkTarget(target, force, inputs);
        Path temp = TempFiles.create(abs);
        try {
            return new AtomicOutput(abs, temp, force);
        } catch (IOException | RuntimeException e) {
            TempFiles.delete(temp);
            throw e;
        }
    }

    /** The checks of {@link #open} without opening anything; returns the absolute target. */
    public static Path checkTarget(Path target, boolean force, List<Path> inputs) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (sameFile(abs, in)) {
                throw new UsageException("refusing to overwrite the input " + in + " with the output");
            }
        }
        if (Files.exists(abs) && !force) {
            throw new UsageException(target + ": output exists; use --force to replace it");
        }
        if (Files.isDirectory(abs)) {
            throw new UsageException("output " + target + " is a directory");
        }
        if (!Files.isDirectory(abs.getParent())) {
            throw new NoSuchFileException(abs.getParent().toString(), null, "output folder does not exist");
        }
        return abs;
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        Path bb = b.toAbsolutePath().normalize();
        if (a.equals(bb)) {
            return true;
        }
        return Files.exists(a) && Files.exists(bb) && Files.isSameFile(a, bb);
    }

    /** A stream over the temporary file (opened on first use; writers that need the path use {@link #temporaryPath}). */
    public OutputStream stream() throws IOException {
        if (stream == null) {
            stream = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 20);
        }
        return stream;
    }

    public Path temporaryPath() {
        return temp;
    }

    /** Flushes, syncs and publishes the temporary file under the target name. */
    public void commit() throws IOException {
        if (stream != null) {
            stream.close();
        }
        try (var ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        if (mode != null) {
            Files.setPosixFilePermissions(temp, mode);
        }
        TempFiles.commit(temp, this::publish);
        committed = true;
        syncDirectory();
    }

    private void publish() throws IOException {
        if (force) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            Files.createLink(target, temp); // atomic: fails if the name exists
        } catch (FileAlreadyExistsException e) {
            throw appeared();
        } catch (UnsupportedOperationException | FileSystemException e) {
            lockedMove(); // no hard links here (FAT, some network file systems)
            return;
        }
        Files.delete(temp);
    }

    /** Existence check and rename under a lock that every stemz writing this output takes. */
    private void lockedMove() throws IOException {
        Path lock = target.resolveSibling("." + target.getFileName() + ".stemz-lock");
        while (true) {
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = ch.lock()) {
                if (!Files.exists(lock)) {
                    continue; // its holder deleted it before we got it: lock the new one
                }
                try {
                    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        throw appeared();
                    }
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(lock);
                }
                return;
            }
        }
    }

    private UsageException appeared() {
        return new UsageException(target + ": output appeared while stemz was writing it (another run?); "
                + "left unchanged and this result discarded; use --force to replace it");
    }

    private void syncDirectory() {
        try (var dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true); // makes the new name durable
        } catch (IOException | RuntimeException e) {
            // not every platform opens directories; the data themselves are synced
        }
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                if (stream != null) {
                    stream.close();
                }
            } finally {
                TempFiles.delete(temp);
            }
        }
    }
}
