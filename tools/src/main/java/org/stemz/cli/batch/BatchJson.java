package org.stemz.cli.batch;

import java.util.List;
import org.stemz.cli.Json;

/** The --json form of a batch: counts, the failed inputs by name, and each file's own JSON result or error. */
final class BatchJson {
    private BatchJson() {
    }

    static Json entry(FileResult r, boolean childPrintedJson) {
        boolean hasJson = childPrintedJson && r.out().startsWith("{");
        return Json.object().put("input", r.input()).put("ok", r.ok()).put("exit", r.exit())
                .put("seconds", r.seconds())
                .put("result", hasJson ? new Json.Raw(r.out()) : null)
                .put("error", r.ok() ? null : r.error().strip());
    }

    static Json summary(String command, int files, int ok, List<String> failed, int jobs, int threads,
            double seconds, List<Object> entries) {
        return Json.object().put("command", command).put("files", files).put("ok", ok)
                .put("failed", failed.size()).put("failures", failed).put("jobs", jobs)
                .put("threads_per_job", threads).put("seconds", seconds).put("results", entries);
    }
}
