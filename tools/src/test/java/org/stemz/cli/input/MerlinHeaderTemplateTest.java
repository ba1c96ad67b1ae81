package org.stemz.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MerlinHeaderTemplate} matches the headers of later frames of the same acquisition (other sequence numbers
 * and time stamps), never one that the full parse reads differently (other size, depth, layout or counter depth),
 * and, on thousands of random mutations of a header, matches only headers that parse to the first one's fields.
 */
class MerlinHeaderTemplateTest {
    private static final byte[] FIRST = MibFiles.header(1, 384, 1, 256, 256, "U16", "1x1", 12);

    @Test
    void matchesLaterFramesOfTheSameAcquisition() {
        MerlinHeaderTemplate t = new MerlinHeaderTemplate(FIRST);
        for (int seq = 2; seq < 200; seq += 37) {
            assertTrue(t.matches(MibFiles.header(seq, 384, 1, 256, 256, "U16", "1x1", 12)), "frame " + seq);
        }
    }

    @Test
    void neverMatchesAHeaderWithAnotherLayout() {
        MerlinHeaderTemplate t = new MerlinHeaderTemplate(FIRST);
        assertFalse(t.matches(MibFiles.header(2, 384, 1, 256, 128, "U16", "1x1", 12)), "height");
        assertFalse(t.matches(MibFiles.header(2, 384, 4, 256, 256, "U16", "2x2", 12)), "chips and layout");
        assertFalse(t.matches(MibFiles.header(2, 384, 1, 256, 256, "U08", "1x1", 12)), "pixel depth");
        assertFalse(t.matches(MibFiles.header(2, 384, 1, 256, 256, "U16", "1x1", 24)), "counter depth");
        assertFalse(t.matches(MibFiles.header(2, 512, 1, 256, 256, "U16", "1x1", 12)), "header size");
    }

    @Test
    void matchesOnlyHeadersThatParseToTheFirstOne() {
        MerlinHeader expected = parse(FIRST);
        MerlinHeaderTemplate t = new MerlinHeaderTemplate(FIRST);
        Random r = new Random(11);
        byte[] alphabet = "0123456789,MQA1 x".getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] h = FIRST.clone();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                int at = r.nextInt(200);
                h[at] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) ('0' + r.nextInt(10));
            }
            if (t.matches(h)) {
                matched++;
                assertEquals(expected, parse(h), new String(h, StandardCharsets.US_ASCII).trim());
            }
        }
        assertTrue(matched > 1000, matched + " of 20000 mutated headers matched: the test reached too few");
    }

    private static MerlinHeader parse(byte[] h) {
        return MerlinHeader.parse(Path.of("test"), 0, h, h.length);
    }
}
