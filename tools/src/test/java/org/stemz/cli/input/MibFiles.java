package org.stemz.cli.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small Merlin .mib/.hdr files for tests: frame headers as the detector writes them, pixel data in the
 * U formats (big-endian) or scrambled as raw R64 readout (independently of the reader's unscrambling).
 */
final class MibFiles {
    private MibFiles() {
    }

    /** The header of frame {@code seq} (1-based), NUL-padded to {@code size}. */
    static byte[] header(int seq, int size, int chips, int w, int h, String depth, String layout, int counter) {
        String s = String.format("MQ1,%06d,%05d,%02d,%04d,%04d,%s,%6s,0F,2021-04-15 15:03:%02d.852759,0.001000,0,0,0,"
                        + "2.000000E+0,5.110000E+2,3RX,011,511,MQ1A,2021-04-15T14:03:32.852759401Z,1000000ns,%d,",
                seq, size, chips, w, h, depth, layout, seq % 60, counter);
        byte[] out = new byte[size];
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    /** Frames of values (natural order, row-major) in a U format. */
    static byte[] uFormat(int[][] frames, String depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int[] f : frames) {
            if (depth.equals("U01")) {
                byte[] packed = new byte[f.length / 8];
                for (int i = 0; i < f.length; i++) {
                    packed[i / 8] |= (byte) ((f[i] & 1) << (7 - i % 8));
                }
                out.writeBytes(packed);
                continue;
            }
            int size = depth.equals("U08") ? 1 : depth.equals("U16") ? 2 : 4;
            for (int v : f) {
                for (int b = size - 1; b >= 0; b--) {
                    out.write(v >>> (8 * b));
                }
            }
        }
        return out.toByteArray();
    }

    /** One chip's run of {@code n} pixels in raw readout order: 64-bit words with their pixels reversed. */
    static byte[] rawRun(int[] values, int bits) {
        int n = values.length;
        byte[] out = new byte[n * bits / 8];
        int perWord = 64 / bits;
        for (int word = 0; word < n / perWord; word++) {
            for (int j = 0; j < perWord; j++) {
                int v = values[word * perWord + j];
                if (bits == 1) {
                    // pixel j of the word is bit (j % 8) of byte 7 - j / 8
                    out[word * 8 + 7 - j / 8] |= (byte) (v << (j % 8));
                } else if (bits == 8) {
                    out[word * 8 + 7 - j] = (byte) v;
                } else {
                    int at = word * 8 + 2 * (3 - j);
                    out[at] = (byte) (v >>> 8);
                    out[at + 1] = (byte) v;
                }
            }
        }
        return out;
    }

    /** A quad frame (512x512 values) in raw readout: per chip row, chips 3,2 (top) and 1,0 (bottom, rotated). */
    static byte[] rawQuad(int[] frame, int bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < 256; r++) {
            int[][] chips = new int[4][256];
            for (int c = 0; c < 256; c++) {
                chips[3][c] = frame[r * 512 + c];
                chips[2][c] = frame[r * 512 + 256 + c];
                chips[1][c] = frame[(511 - r) * 512 + 255 - c];
                chips[0][c] = frame[(511 - r) * 512 + 511 - c];
            }
            for (int k = 0; k < 4; k++) {
                out.writeBytes(rawRun(chips[k], bits));
            }
        }
        return out.toByteArray();
    }

    static Path write(Path mib, byte[][] headers, byte[][] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < headers.length; i++) {
            out.writeBytes(headers[i]);
            out.writeBytes(data[i]);
        }
        return Files.write(mib, out.toByteArray());
    }

    static void hdr(Path mib, int frames, int perTrigger, int counterDepth) throws IOException {
        String name = mib.getFileName().toString().replace(".mib", ".hdr");
        String text = "HDR,\t\nChip ID:\tW559_G11, - , - , -\nCounter Depth (number):\t" + counterDepth
                + "\nFrames in Acquisition (Number):\t" + frames + "\nFrames per Trigger (Number):\t" + perTrigger
                + "\nEnd\t\n";
        Files.writeString(mib.resolveSibling(name), text);
    }
}
