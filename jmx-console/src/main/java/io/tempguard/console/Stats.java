package io.tempguard.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stats <target>}: every attribute of the MXBean, human readable or as JSON. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Show every tempguard statistic of a JVM: tracked files/directories/bytes, oldest age, "
                + "totals, failures, journal health.")
final class Stats extends TargetCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--measure", description = "Walk the tracked paths to measure their current size first "
            + "(otherwise sizes are as last measured: at creation, reconcile or an earlier --measure).")
    boolean measure;

    @Override
    protected ExitCode execute(Connection connection) throws Exception {
        if (measure) connection.manager().measureTrackedBytes();
        StatsSnapshot stats = StatsSnapshot.read(connection);
        if (json.enabled()) {
            Json doc = new Json().beginObject().field("target", target.toString());
            stats.writeFields(doc);
            JsonOption.print(out(), doc.endObject());
        } else {
            stats.print(out(), connection.subject());
        }
        return ExitCode.OK;
    }
}
