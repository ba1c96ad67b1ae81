package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemz.ArrayDescriptor;
import org.stemz.StemzException;
import org.stemz.cli.TestData;

/**
 * Untrusted headers: every truncation and every flipped header byte of small .npy, .mib and .ser files gives
 * either a typed StemzException or a readable array, never another exception, a hang or an OOM.
 */
class DamagedInputTest {
    @TempDir
    Path dir;

    interface Opener {
        ArraySource open(Path p) throws Exception;
    }

    private void torture(byte[] good, String name, int headerBytes, Opener opener) throws Exception {
        Path f = dir.resolve(name);
        for (int len = 0; len < good.length; len += len < headerBytes + 16 ? 1 : 97) {
            attempt(f, Arrays.copyOf(good, len), opener, "truncated to " + len);
        }
        for (int i = 0; i < Math.min(headerBytes, good.length); i++) {
            for (int bit : new int[] {0x01, 0x10, 0x80}) {
                byte[] b = good.clone();
                b[i] ^= (byte) bit;
                attempt(f, b, opener, "bit " + bit + " of byte " + i + " flipped");
            }
        }
    }

    private static void attempt(Path f, byte[] content, Opener opener, String what) throws Exception {
        Files.write(f, content);
        try (ArraySource s = opener.open(f)) {
            SourceAssertions.readAll(s);
        } catch (StemzException expected) {
            // typed error: fine
        } catch (Exception | Error e) {
            fail(what + ": " + e, e);
        }
    }

    @Test
    void npy() throws Exception {
        ArrayDescriptor d = TestData.uint16(3, 4, 5);
        Path p = TestData.npy(dir.resolve("good.npy"), d, TestData.random(d, 1));
        torture(Files.readAllBytes(p), "bad.npy", 128, NpyReader::open);
    }

    @Test
    void merlin() throws Exception {
        byte[][] h = {MibFiles.header(1, 384, 1, 8, 8, "U16", "1x1", 12), MibFiles.header(2, 384, 1, 8, 8, "U16", "1x1", 12)};
        Path p = MibFiles.write(dir.resolve("good.mib"), h, new byte[][] {new byte[128], new byte[128]});
        torture(Files.readAllBytes(p), "bad.mib", 160, f -> MerlinReader.open(f, null));
    }
}
