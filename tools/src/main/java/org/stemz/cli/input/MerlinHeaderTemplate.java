package org.stemz.cli.input;

/**
 * Tells without parsing that a frame header has the first frame's layout. It must equal the first header byte for
 * byte, except where both hold digits outside the fields {@link MerlinHeader#parse} reads: the sequence number,
 * time stamps and exposure change from frame to frame. Equal in every byte that is not a digit, a header splits
 * into the same fields; equal in the fields read (0 and 2-7, every "MQ1A"-like field and the counter depth three
 * fields after it), it parses to the first frame's {@link MerlinHeader}. A header that does not match goes to the
 * full parse, which names what differs. Parsing every frame's header cost a stream of 5000 frames about a CPU second,
 * most of it the JIT compiling the parser's string handling.
 */
final class MerlinHeaderTemplate {
    private final byte[] first;
    /** Bytes that must be equal even when both are digits. */
    private final boolean[] exact;

    MerlinHeaderTemplate(byte[] firstHeader) {
        first = firstHeader.clone();
        exact = new boolean[first.length];
        java.util.List<int[]> fields = new java.util.ArrayList<>(); // [start, end) of each comma-separated field
        for (int start = 0, i = 0; i <= first.length; i++) {
            if (i == first.length || first[i] == ',') {
                fields.add(new int[] {start, i});
                start = i + 1;
            }
        }
        for (int f = 0; f < fields.size(); f++) {
            if (f == 0 || (f >= 2 && f <= 7)) {
                markExact(fields.get(f));
            }
            if (isCounterMarker(fields.get(f))) {
                markExact(fields.get(f));
                if (f + 3 < fields.size()) {
                    markExact(fields.get(f + 3));
                }
            }
        }
    }

    /** Whether {@code header} parses to the first frame's header (false: parse it to find out). */
    boolean matches(byte[] header) {
        if (header.length != first.length) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            byte a = first[i];
            byte b = header[i];
            if (a != b && (exact[i] || !isDigit(a) || !isDigit(b))) {
                return false;
            }
        }
        return true;
    }

    private void markExact(int[] field) {
        java.util.Arrays.fill(exact, field[0], field[1], true);
    }

    /** "MQ" digit "A": the fields a header whose digits differ could turn into the "MQ1A" that parse looks for. */
    private boolean isCounterMarker(int[] field) {
        return field[1] - field[0] == 4 && first[field[0]] == 'M' && first[field[0] + 1] == 'Q'
                && isDigit(first[field[0] + 2]) && first[field[0] + 3] == 'A';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
