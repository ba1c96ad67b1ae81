package org.stemz.cli;

/**
 * Escapes untrusted text (archive metadata, SPEC section 13) before it reaches a terminal: control characters
 * (C0, DEL, C1 such as the one-byte CSI U+009B) and invisible format characters (bidirectional overrides) become
 * visible escapes, so metadata cannot move the cursor, recolour, retitle or reorder the terminal's text.
 */
final class Display {
    private Display() {
    }

    /** True for characters that must not be written to a terminal as they are. */
    static boolean unsafe(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@code s} with every unsafe character written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
