package io.tempguard.console;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code tempguard-console}: find JVMs, attach the agent, read stats, list tracked paths, clean up
 * and sweep orphans, over local attach or remote JMX. {@link #run} is the whole program; {@link #main}
 * only exits with its result.
 */
@Command(name = "tempguard-console", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Operates tempguard in running JVMs (local pid or remote JMX) and sweeps what killed JVMs left.",
        subcommands = {Jvms.class, Attach.class, Stats.class, Ls.class, Sites.class, Cleanup.class, Sweep.class, Watch.class, Events.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:ran but failed (cleanup or sweep failures, the agent did not start)",
            "2:usage error (unknown option, bad value, malformed target)",
            "3:target unreachable, or tempguard not loaded there",
            "4:authentication or permission failure"})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error too.")
    boolean verbose;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; everything is printed through {@code out} and {@code err}. Returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Commands explain their own failures; this is only reached by a bug in one of them.
                    cmd.getErr().println("tempguard-console: unexpected error: " + e);
                    e.printStackTrace(cmd.getErr());
                    return ExitCode.FAILED.code();
                });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** No command given. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** picocli's message, suggestions for a mistyped name, and where to find help; exit 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("tempguard-console: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
