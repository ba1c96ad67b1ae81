package org.stemz.cli.input;

import java.io.IOException;
import org.stemz.cli.Archives;


/** Reads whole sources in tests. */
final class SourceAssertions {
    private SourceAssertions() {
    }

    static byte[] readAll(ArraySource s) throws IOException {
        try (s) {
            return Archives.readAll(s);
        }
    }
}
