package org.stemz.cli;

import java.io.PrintWriter;

/** Prints a command's result: JSON with --json, the human text otherwise, nothing with --quiet. */
final class Report {
    private Report() {
    }

    static void print(PrintWriter out, CommonOptions common, Json json, String human) {
        if (common.json) {
            out.println(json);
        } else if (!common.quiet) {
            out.println(human);
        }
        out.flush();
    }
}
