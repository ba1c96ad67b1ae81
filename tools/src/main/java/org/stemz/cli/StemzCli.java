package org.stemz.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.stemz.StemzException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code stemz} command: one subcommand class per task. */
@Command(name = "stemz", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Lossless compression for 4D-STEM data with per-detector-pixel statistics.",
        subcommands = {CompressCommand.class, DecompressCommand.class, InfoCommand.class, VerifyCommand.class,
            BenchCommand.class, RepackCommand.class, CleanCommand.class, CaptureCommand.class,
            RecoverCommand.class, SimulateCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage, 3 corrupt input,",
            "  4 checksum mismatch, 5 unsupported format, 6 I/O error, 7 resource limit,",
            "  8 verify --against found differences, 130/143 interrupted by SIGINT/SIGTERM",
            "  (see tools/README.md)."})
public final class StemzCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // jhdf logs through SLF4J; without a provider SLF4J prints three warning lines on every run
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        OutOfMemory.installForProcess();
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (OutOfMemoryError e) { // outside a command (parsing, help): still the typed error
            OutOfMemory.exit();
            return;
        }
        System.exit(exit);
    }

    /** The configured command line: typed errors become one line on stderr and their exit code. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StemzCli());
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                return OutOfMemory.report(cl.getErr(), commandName(parseResult));
            }
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (TempFiles.exiting()) {
                return ExitCodes.INTERNAL; // a signal is ending the JVM (exit 130/143): errors it caused are noise
            }
            if (OutOfMemory.isCause(e)) {
                return OutOfMemory.report(commandLine.getErr(), commandLine.getCommandName());
            }
            commandLine.getErr().println("stemz " + commandLine.getCommandName() + ": error: " + describe(e));
            int code = ExitCodes.of(e);
            if (code == ExitCodes.INTERNAL) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return code;
        });
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        return cl;
    }

    private static String commandName(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult p = parseResult;
        while (p.subcommand() != null) {
            p = p.subcommand();
        }
        return p.commandSpec().name();
    }

    /** A one-line description naming the file where the exception has one. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": " + (n.getReason() != null ? n.getReason() : "no such file");
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "already exists");
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof StemzException || e.getMessage() != null && e instanceof java.io.IOException) {
            return e.getMessage();
        }
        return e.toString();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
