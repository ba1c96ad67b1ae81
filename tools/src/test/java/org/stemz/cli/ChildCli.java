package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI in a child JVM, as the launcher does, with a heap limit: for what only a separate process shows
 * (exit on OutOfMemoryError, signals, concurrent runs). SIGINT and SIGTERM are reset to their default handling
 * in the child ({@code env --default-signal}), since a JVM started from a background job inherits SIGINT ignored.
 */
final class ChildCli {
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }

        /** Asserts stderr has no Java stack trace or raw exception. */
        Result assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread") || err.contains("java.lang."),
                    "a stack trace or raw exception instead of a typed error:\n" + this);
            return this;
        }
    }

    private ChildCli() {
    }

    static ProcessBuilder builder(Path dir, String xmx, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + xmx,
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), StemzCli.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile());
    }

    /** Runs to completion within {@code seconds} (else kills the child and fails: a hang). */
    static Result run(Path dir, int seconds, String xmx, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process p = builder(dir, xmx, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                fail("stemz " + String.join(" ", args) + " did not end within " + seconds + " s:\n"
                        + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
