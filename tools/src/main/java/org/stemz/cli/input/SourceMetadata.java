package org.stemz.cli.input;

import java.nio.file.Path;
import org.stemz.cli.Json;

/** The common part of every archive metadata block: where the data came from. */
final class SourceMetadata {
    private SourceMetadata() {
    }

    /** {"source": {"format": ..., "file": ...}} plus whatever the reader adds to the returned object. */
    static Json of(String format, Path file) {
        return Json.object().put("source_format", format).put("source_file", file.getFileName().toString());
    }
}
