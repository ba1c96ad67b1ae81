package org.stemz.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * An output file written under a temporary name in the same directory and renamed over the final name only
 * when complete, so a crash or kill never leaves a partial file at the output path.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private OutputStream stream;
    private boolean committed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Opens {@code target} for writing after the safety checks: it is none of {@code inputs}, and it does not
     * exist unless {@code force}.
     */
    public static AtomicOutput open(Path target, boolean force, List<Path> inputs) throws IOException {
        Path abs = checkTarget(target, force, inputs);
        Path dir = abs.getParent();
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
        return new AtomicOutput(abs, temp);
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

    /** Flushes, syncs and renames the temporary file to the target. */
    public void commit() throws IOException {
        if (stream != null) {
            stream.close();
        }
        try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
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
                Files.deleteIfExists(temp);
            }
        }
    }
}
