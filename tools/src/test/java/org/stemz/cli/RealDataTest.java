package org.stemz.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemz.ArrayDescriptor;
import org.stemz.cli.input.ArraySource;
import org.stemz.cli.input.NpyReader;

/**
 * Acceptance of issue 5 on the real files in ../shared/data/real: each native original compresses and
 * decompresses bit-exactly against data.npy, and verify --against the original confirms it.
 */
class RealDataTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "merlin_4x2_6bit, orig/001_4x2_6bit.mib, 2;4",
        "merlin_quad_9f_12bit, orig/Quad_9_Frame_CounterDepth_12_Rows_256.mib, ",
        "fpd_medipix_2x2, orig/fpd_file_test.hdf5:/fpd_expt/fpd_data/data, ",
        "fpd_medipix_2x2, orig/fpd_file_test.hdf5, ",
        "tia_ccd_preview_5f, orig/128x128x5-diffraction_preview_1.ser, ",
        "tia_ccd_preview_5f, data.npy, "})
    void nativeOriginalRoundTripsBitExactly(String dataset, String original, String scan) throws Exception {
        Path real = TestData.realData();
        assumeTrue(real != null, "../shared/data/real is not present");
        Path base = real.resolve(dataset);
        String source = base.resolve(original).toString();
        Path archive = dir.resolve("a.stemz");
        List<String> args = new ArrayList<>(List.of("compress", source, "-o", archive.toString(), "-q"));
        if (scan != null) {
            args.addAll(List.of("--scan", scan.replace(';', ',')));
        }
        CliRunner.Result c = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, c.exit(), c.toString());

        Path back = dir.resolve("back.npy");
        CliRunner.Result d = CliRunner.run("decompress", archive.toString(), "-o", back.toString(), "-q");
        assertEquals(0, d.exit(), d.toString());
        assertSameValues(base.resolve("data.npy"), back);

        CliRunner.Result v = CliRunner.run("verify", archive.toString(), "--against", source);
        assertEquals(0, v.exit(), v.toString());
        CliRunner.Result vn = CliRunner.run("verify", archive.toString(), "--against", base.resolve("data.npy").toString());
        assertEquals(0, vn.exit(), vn.toString());
    }

    /** Same element type, frame count, frame size and values (byte order and scan shape may differ). */
    private static void assertSameValues(Path expected, Path actual) throws Exception {
        try (ArraySource e = NpyReader.open(expected); ArraySource a = NpyReader.open(actual)) {
            ArrayDescriptor de = e.descriptor();
            ArrayDescriptor da = a.descriptor();
            assertEquals(de.type(), da.type());
            assertEquals(de.frames(), da.frames());
            assertEquals(de.framePixels(), da.framePixels());
            assertArrayEquals(values(de, Archives.readAll(e)),
                    values(da, Archives.readAll(a)));
        }
    }

    private static long[] values(ArrayDescriptor d, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(d.order());
        long[] v = new long[(int) d.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (d.type().size()) {
                case 1 -> b.get();
                case 2 -> b.getShort();
                case 4 -> b.getInt();
                default -> b.getLong();
            };
        }
        return v;
    }
}
