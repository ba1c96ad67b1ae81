package org.stemz.cli.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.stemz.cli.StemzCli;
import org.stemz.cli.UsageException;
import org.stemz.cli.input.InputSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code stemz compress|verify} over several inputs or directories: every file runs through the single-file
 * command (so each output is written and checked exactly as alone, through a temporary file), at most
 * {@code --jobs} at once; one line per file as it ends, then one summary (or one JSON object with --json).
 * The exit code is 0 when every file succeeded, else the exit code of the first failed file in input order.
 */
public final class BatchRun {
    private final CommandSpec spec;
    private final ParseResult parsed;
    private final int jobs;
    private final boolean json;
    private final boolean quiet;
    private final PrintWriter out;
    private final PrintWriter err;

    private BatchRun(CommandSpec spec, BatchOptions options) {
        this.spec = spec;
        this.parsed = spec.commandLine().getParseResult();
        this.jobs = options.jobs();
        this.json = parsed.hasMatchedOption("--json");
        this.quiet = parsed.hasMatchedOption("--quiet");
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
    }

    /** Runs the batch for the command of {@code spec}; inputs are files and directories as given. */
    public static int run(CommandSpec spec, BatchOptions options, List<String> inputs) throws IOException {
        return new BatchRun(spec, options).run(inputs);
    }

    private int run(List<String> inputs) throws IOException {
        boolean verify = spec.name().equals("verify");
        if (verify && parsed.hasMatchedOption("--against")) {
            throw new UsageException("--against compares one archive with its source; give a single IN.stemz");
        }
        List<String> files = BatchInputs.expand(inputs, verify);
        List<String> outputs = verify ? null : outputs(files);
        int cores = Runtime.getRuntime().availableProcessors();
        // jobs share the cores unless -T says otherwise
        int threads = parsed.matchedOptionValue("--threads", Math.max(1, cores / jobs));
        FileArgs args = new FileArgs(parsed);

        long start = System.nanoTime();
        FileResult[] results = new FileResult[files.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, files.size()), daemonThreads());
        try {
            ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < files.size(); i++) {
                int index = i;
                String output = outputs == null ? null : outputs.get(i);
                done.submit(() -> {
                    results[index] = runOne(args.forFile(files.get(index), output, threads, json), files.get(index));
                    return index;
                });
            }
            for (int finished = 1; finished <= files.size(); finished++) {
                report(finished, files.size(), results[take(done)]);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return summarise(results, seconds, threads);
    }

    /** Where each input's archive goes: beside it, or into the --output directory. Two inputs, two outputs. */
    private List<String> outputs(List<String> files) {
        Path dir = parsed.matchedOptionValue("--output", null);
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException("with several inputs, --output must be an existing directory, not " + dir);
        }
        List<String> outputs = new ArrayList<>();
        Map<Path, String> seen = new HashMap<>();
        for (String f : files) {
            Path file = new InputSpec(f, null, null, null).file();
            Path target = dir == null ? Path.of(file + ".stemz") : dir.resolve(file.getFileName() + ".stemz");
            String previous = seen.put(target.toAbsolutePath().normalize(), f);
            if (previous != null) {
                throw new UsageException(previous + " and " + f + " would both be compressed to " + target);
            }
            outputs.add(dir == null ? null : target.toString());
        }
        return outputs;
    }

    private static FileResult runOne(String[] args, String input) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = StemzCli.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        long start = System.nanoTime();
        int exit = cl.execute(args);
        return new FileResult(input, exit, o.toString().strip(), e.toString(), (System.nanoTime() - start) / 1e9);
    }

    private static int take(ExecutorCompletionService<Integer> done) {
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while files were being processed", e);
        } catch (ExecutionException e) {
            // runOne catches everything the command throws; this is a defect of the batch itself
            throw new IllegalStateException("batch worker failed", e.getCause());
        }
    }

    /** One line per finished file: its own result line on stdout, or its error on stderr. */
    private void report(int finished, int total, FileResult r) {
        String counter = "[" + finished + "/" + total + "] ";
        if (r.ok()) {
            if (!json && !quiet) {
                out.println(counter + r.out());
                out.flush();
            }
        } else {
            err.println(counter + "FAILED " + r.input() + " (exit " + r.exit() + "):");
            r.error().lines().forEach(line -> err.println("  " + line));
            err.flush();
        }
    }

    private int summarise(FileResult[] results, double seconds, int threads) {
        List<String> failed = new ArrayList<>();
        List<Object> entries = new ArrayList<>();
        int exit = 0;
        for (FileResult r : results) {
            if (!r.ok()) {
                failed.add(r.input());
                exit = exit == 0 ? r.exit() : exit;
            }
            entries.add(BatchJson.entry(r, json));
        }
        int ok = results.length - failed.size();
        if (json) {
            out.println(BatchJson.summary(spec.name(), results.length, ok, failed, jobs, threads, seconds, entries));
        } else {
            String line = String.format("stemz %s: %d of %d files OK in %.2f s (%d jobs x %d threads)%s",
                    spec.name(), ok, results.length, seconds, jobs, threads,
                    failed.isEmpty() ? "" : "; FAILED: " + String.join(", ", failed));
            if (!quiet && failed.isEmpty()) {
                out.println(line);
            } else if (!failed.isEmpty()) {
                err.println(line);
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "stemz-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
