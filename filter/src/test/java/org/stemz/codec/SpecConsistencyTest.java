package org.stemz.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stemz.ErrorCode;
import org.stemz.Limits;

/** format-spec/SPEC.md stays in step with the code: its tables are parsed and compared with the constants. */
class SpecConsistencyTest {
    private static String spec() throws IOException {
        return Files.readString(Path.of("").toAbsolutePath().resolveSibling("format-spec").resolve("SPEC.md"));
    }

    @Test
    void intLogTablesAreTheOnesListed() throws IOException {
        Matcher rows = Pattern.compile("FRAC\\[\\s*\\d+\\.\\.\\s*\\d+\\] = ([\\d,]+)").matcher(spec());
        List<Integer> frac = new ArrayList<>();
        while (rows.find()) {
            Arrays.stream(rows.group(1).split(",")).map(Integer::parseInt).forEach(frac::add);
        }
        assertArrayEquals(IntLog.FRAC, frac.stream().mapToInt(Integer::intValue).toArray());
        Matcher exp = Pattern.compile("`EXP_FRAC\\[k\\] = round\\(256 · 2\\^\\(k/8\\)\\)` = `([\\d, ]+)`").matcher(spec());
        assertTrue(exp.find());
        assertArrayEquals(IntLog.EXP_FRAC, Arrays.stream(exp.group(1).split(",\\s*")).mapToInt(Integer::parseInt)
                .toArray());
    }

    @Test
    void codingModeTableMatches() throws IOException {
        for (CodingMode m : CodingMode.values()) {
            String row = "| " + m.name() + " | " + m.code() + " | " + m.scaleBits + " | " + m.alphabet + " | "
                    + m.contexts + " |";
            assertTrue(spec().contains(row), "SPEC.md table 6.1 lacks " + row);
        }
    }

    @Test
    void errorTableListsExactlyTheErrorCodes() throws IOException {
        Matcher m = Pattern.compile("\\n\\| `([A-Z_]+)` \\|").matcher(spec());
        List<String> listed = new ArrayList<>();
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).toList(), listed);
    }

    @Test
    void limitsMatch() throws IOException {
        String spec = spec();
        assertEquals(1L << 24, Limits.MAX_FRAME_PIXELS);
        assertTrue(spec.contains("`H·W ≤ 2^24` pixels"));
        assertEquals(1L << 30, Limits.MAX_CHUNK_BYTES);
        assertTrue(spec.contains("`framesPerChunk · max(1, frameBytes) ≤ 2^30` bytes"));
        assertEquals((1L << 30) + (1L << 20), Limits.MAX_CODED_CHUNK_BYTES);
        assertTrue(spec.contains("≤ 2^30 + 2^20 bytes"));
        assertEquals(1L << 32, Limits.MAX_CHUNKS);
        assertTrue(spec.contains("N ≤ 2^32"));
        assertEquals(1 << 24, Limits.MAX_METADATA_BYTES);
        assertTrue(spec.contains("| metadata | ≤ 2^24 bytes |"));
        assertEquals(1 << 28, Limits.MAX_MODEL_BYTES);
        assertTrue(spec.contains("≤ 2^28 bytes each"));
        assertEquals(8, Limits.MAX_AXES);
        assertTrue(spec.contains("2 ≤ ndim ≤ 8"));
        assertEquals(320, ModelCodec.MAX_INT_LEVEL);
        assertTrue(spec.contains("`maxLevel` is 320 in INT mode"));
    }
}
