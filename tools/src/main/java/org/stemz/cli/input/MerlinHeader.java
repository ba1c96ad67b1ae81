package org.stemz.cli.input;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.stemz.Limits;

/**
 * The fields of a Merlin frame header ("MQ1,sequence,header bytes,chips,width,height,pixel depth,layout,...")
 * that fix the frame layout. Every field is checked: the header is untrusted.
 */
record MerlinHeader(int headerBytes, int chips, int width, int height, String pixelDepth, String layout,
                    int counterDepth) {
    static final int MAX_HEADER_BYTES = 1 << 16;

    /** Parses the header at {@code offset} of {@code file} from {@code bytes} (at least its first 100 bytes). */
    static MerlinHeader parse(Path file, long offset, byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("MQ1,")) {
            throw InputErrors.corrupt(file, offset, "expected a Merlin frame header starting with \"MQ1,\"");
        }
        String[] f = text.split(",", -1);
        InputErrors.check(f.length > 7, file, offset, "Merlin frame header has too few fields");
        int headerBytes = number(file, offset, f[2], "header size", 16, MAX_HEADER_BYTES);
        int chips = number(file, offset, f[3], "chip count", 1, 64);
        int width = number(file, offset, f[4], "frame width", 1, 1 << 16);
        int height = number(file, offset, f[5], "frame height", 1, 1 << 16);
        if ((long) width * height > Limits.MAX_FRAME_PIXELS) {
            throw InputErrors.limit(file, offset, "Merlin frame " + width + "x" + height + " is too large");
        }
        String depth = f[6].trim();
        if (!depth.matches("U01|U08|U16|U32|R64")) {
            throw InputErrors.unsupported(file, "Merlin pixel depth '" + depth + "' at byte " + offset
                    + " is not one of U01, U08, U16, U32, R64");
        }
        int counterDepth = -1;
        for (int i = 0; i < f.length - 3; i++) {
            if (f[i].equals("MQ1A")) {
                counterDepth = parseOr(f[i + 3].trim(), -1);
            }
        }
        return new MerlinHeader(headerBytes, chips, width, height, depth, f[7].trim(), counterDepth);
    }

    private static int number(Path file, long offset, String field, String name, int min, int max) {
        int v = parseOr(field.trim(), Integer.MIN_VALUE);
        if (v < min || v > max) {
            throw InputErrors.corrupt(file, offset, "Merlin header " + name + " '" + field + "' is not a number in ["
                    + min + ", " + max + "]");
        }
        return v;
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    boolean isRaw() {
        return pixelDepth.equals("R64");
    }

    boolean isQuad() {
        return layout.endsWith("2x2") && chips == 4;
    }
}
