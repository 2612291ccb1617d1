package io.tempguard.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code watch <target>}: the stats, refreshed. On a terminal a screen redrawn in place (ANSI);
 * otherwise one line per refresh, or with --json one JSON object per line.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Show a JVM's tempguard statistics live until Ctrl-C (or --count refreshes).",
                "On a terminal the screen is redrawn in place; otherwise one line per refresh (with --json: one "
                        + "JSON object per line)."})
final class Watch extends TargetCommand {
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    @Mixin
    JsonOption json;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Time between refreshes (default: ${DEFAULT-VALUE}; at least 100ms).")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N refreshes (default: until Ctrl-C).")
    Integer count;

    @Option(names = "--plain", description = "One line per refresh even on a terminal.")
    boolean plain;

    @Override
    protected void validate() {
        if (interval.toMillis() < 100) {
            throw new ParameterException(spec.commandLine(), "--interval must be at least 100ms, not "
                    + io.tempguard.Durations.human(interval));
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be 1 or more, not " + count);
        }
    }

    @Override
    protected ExitCode execute(Connection connection) throws Exception {
        boolean screen = !json.enabled() && !plain && isTerminal();
        PrintWriter out = out();
        for (int i = 1; count == null || i <= count; i++) {
            StatsSnapshot stats = StatsSnapshot.read(connection);
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            if (json.enabled()) {
                Json doc = new Json().beginObject().field("time", now).field("target", target.toString());
                stats.writeFields(doc);
                JsonOption.print(out, doc.endObject());
            } else if (screen) {
                out.print(CLEAR_SCREEN);
                out.println("tempguard-console watch " + target + " every " + io.tempguard.Durations.human(interval)
                        + "  (" + now + ", Ctrl-C to stop)");
                out.println();
                stats.print(out, connection.subject());
                out.flush();
            } else {
                out.println(stats.line(now));
                out.flush();
            }
            if (count == null || i < count) Thread.sleep(interval.toMillis());
        }
        return ExitCode.OK;
    }

    /**
     * Whether stdout is a terminal. Up to JDK 21 System.console() is null when it is not; from JDK 22
     * it may exist anyway and Console.isTerminal() (not in Java 11's API) tells.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
