package org.stemz.cli;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.stemz.cli.input.FrameStream;
import org.stemz.cli.input.GrowingFileInput;
import org.stemz.cli.input.InputSpec;
import org.stemz.cli.input.StreamInputs;

/** {@code stemz compress -} and {@code stemz compress --follow FILE}: one pass over frames as they arrive. */
final class StreamCompress {
    private StreamCompress() {
    }

    static int run(CompressCommand c) throws Exception {
        StreamOptions so = c.stream;
        InputSpec in = c.inputOptions.spec(c.input);
        boolean stdin = "-".equals(c.input) && !so.follow;
        Path out = c.output;
        if (out == null && stdin) {
            throw new UsageException("compress - (standard input) needs -o OUT.stemz");
        }
        if (so.idle <= 0) {
            throw new UsageException("--idle must be positive");
        }
        Path file = stdin ? null : Paths.get(c.input);
        if (out == null) {
            out = Paths.get(c.input + ".stemz");
        }
        if (file != null && !Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        AtomicOutput.checkTarget(out, c.force, file == null ? List.of() : in.files());
        InputStream input = stdin ? new FileInputStream(FileDescriptor.in) : new GrowingFileInput(file, so.idle);
        // standard input is never closed from the signal handler (that would not unblock a read anyway)
        Closeable resource = stdin ? null : input;
        String name = stdin ? "stdin" : file.toString();
        boolean mib = file != null && file.getFileName().toString().toLowerCase().endsWith(".mib");
        FrameStream stream;
        try {
            stream = StreamInputs.open(input, resource, name, in.raw(), mib ? file : null, so.live.frames(), in.scan());
        } catch (Exception e) {
            if (resource != null) {
                resource.close();
            }
            throw e;
        }
        return LiveRun.run(c.spec, c.common, so.live, stream, name, out, c.force, c.framesPerChunk);
    }
}
