package org.stemz.cli.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.stemz.cli.UsageException;

/**
 * The files of a batch: inputs as given, each directory replaced by its regular files (not recursive, sorted by
 * name). Compress skips archives, hidden files (temporary outputs) and the second file of a two-file format;
 * verify takes the {@code .stemz} archives.
 */
final class BatchInputs {
    private BatchInputs() {
    }

    static List<String> expand(List<String> inputs, boolean archives) throws IOException {
        List<String> files = new ArrayList<>();
        for (String input : inputs) {
            Path p = Paths.get(input);
            if (!Files.isDirectory(p)) {
                files.add(input);
                continue;
            }
            List<Path> found;
            try (Stream<Path> s = Files.list(p)) {
                found = s.filter(Files::isRegularFile).filter(f -> wanted(f, archives)).sorted().toList();
            }
            if (found.isEmpty()) {
                throw new UsageException(input + ": no " + (archives ? ".stemz archives" : "input files") + " in this directory");
            }
            found.forEach(f -> files.add(f.toString()));
        }
        return files;
    }

    private static boolean wanted(Path f, boolean archives) {
        String name = f.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) {
            return false;
        }
        if (archives) {
            return lower.endsWith(".stemz");
        }
        if (lower.endsWith(".stemz")) {
            return false;
        }
        String stem = name.substring(0, name.lastIndexOf('.') < 0 ? name.length() : name.lastIndexOf('.'));
        // Merlin .mib + .hdr and EMPAD .xml + .raw: one input each, named by the file compress reads first
        if (lower.endsWith(".hdr")) {
            return !sibling(f, stem, ".mib");
        }
        return !(lower.endsWith(".raw") && sibling(f, stem, ".xml"));
    }

    private static boolean sibling(Path f, String stem, String ext) {
        return Files.exists(f.resolveSibling(stem + ext)) || Files.exists(f.resolveSibling(stem + ext.toUpperCase(Locale.ROOT)));
    }
}
