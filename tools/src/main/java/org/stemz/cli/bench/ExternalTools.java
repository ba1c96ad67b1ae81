package org.stemz.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs command-line tools for comparisons (zstd, python3 with hdf5plugin). */
final class ExternalTools {
    private static final long TIMEOUT_MINUTES = 30;

    private ExternalTools() {
    }

    /** The first executable called {@code name} on PATH, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs a command; returns its standard output, or throws with its error output if it fails. */
    static String run(List<String> command) throws IOException, InterruptedException {
        // stderr goes to a file so that neither pipe can fill up and stall the child
        Path errors = Files.createTempFile("stemz-bench", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: "
                        + Files.readString(errors, StandardCharsets.UTF_8).trim());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
