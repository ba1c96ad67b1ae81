package org.stemz.cli;

/** Parses half-open ranges written "A:B" (like Python slices, without steps or negatives). */
final class Ranges {
    private Ranges() {
    }

    static long[] parse(String text, String option) {
        String[] p = text.trim().split(":", -1);
        try {
            if (p.length == 2) {
                long a = Long.parseLong(p[0].trim());
                long b = Long.parseLong(p[1].trim());
                if (a >= 0 && b >= a) {
                    return new long[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be A:B with 0 <= A <= B, not " + text);
    }
}
