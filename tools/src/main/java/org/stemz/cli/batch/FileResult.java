package org.stemz.cli.batch;

/** How one file of a batch ended: its exit code, what it printed on stdout (a line or JSON) and on stderr. */
record FileResult(String input, int exit, String out, String err, double seconds) {
    boolean ok() {
        return exit == 0;
    }

    /** The error message: the command's stderr without its prefix, or a fallback naming the exit code. */
    String error() {
        String e = err.strip();
        return e.isEmpty() ? "failed with exit code " + exit : e;
    }
}
