package io.tempguard.console;

import io.tempguard.CleanupReport;
import io.tempguard.Durations;
import io.tempguard.TempFileManagerMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code cleanup <target>}: cleanupAll, cleanupOlderThan, or with --dry-run previewCleanup. */
@Command(name = "cleanup", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"Delete the tracked paths of a JVM (files first, then directories deepest first), or only "
                + "those tracked for at least --older-than. A path that cannot be deleted stays tracked.",
                "Exit code 1 when any deletion failed."})
final class Cleanup extends TargetCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Only paths tracked for at least this long (e.g. 30s, 10m, 1h30m, 2d; whole seconds).")
    Duration olderThan;

    @Option(names = "--dry-run", description = "Report what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    protected ExitCode execute(Connection connection) {
        TempFileManagerMXBean manager = connection.manager();
        Long seconds = olderThan == null ? null : olderThan.getSeconds();
        CleanupReport report;
        if (dryRun) {
            report = manager.previewCleanup(seconds == null ? 0 : seconds);
        } else if (seconds == null) {
            report = manager.cleanupAll();
        } else {
            report = manager.cleanupOlderThan(seconds);
        }
        CleanupView view = CleanupView.of(report);
        if (json.enabled()) {
            Json doc = new Json().beginObject()
                    .field("target", target.toString())
                    .field("olderThanSeconds", seconds);
            view.writeFields(doc);
            JsonOption.print(out(), doc.endObject());
        } else {
            out().println(connection.subject() + (seconds == null ? "" : ", tracked for at least "
                    + Durations.human(Duration.ofSeconds(seconds))) + ":");
            view.print(out());
        }
        if (view.failureCount() > 0) {
            err().println("tempguard-console: " + view.failureCount() + " path" + (view.failureCount() == 1 ? "" : "s")
                    + " could not be deleted in " + connection.subject() + " (they stay tracked; see the list above)");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
