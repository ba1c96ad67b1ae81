package org.stemz.cli.input;

import java.nio.file.Path;

/** Public door to the Merlin test files for tests outside this package. */
public final class MibTestFiles {
    private MibTestFiles() {
    }

    /** t.mib: two 8x8 U08 frames, the second cut short. */
    public static Path truncated(Path dir) throws java.io.IOException {
        byte[][] h = {MibFiles.header(1, 384, 1, 8, 8, "U08", "1x1", 6), MibFiles.header(2, 384, 1, 8, 8, "U08", "1x1", 6)};
        return MibFiles.write(dir.resolve("t.mib"), h, new byte[][] {new byte[64], new byte[30]});
    }
}
