package io.tempguard.console;

import io.tempguard.Durations;
import io.tempguard.SiteRow;
import io.tempguard.Sizes;
import io.tempguard.TempFileManagerMXBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code sites <target>}: which code made the tracked paths, the largest live count first. */
@Command(name = "sites", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Show which code created the tracked paths: per creation site the live count, live bytes, "
                + "paths created and the oldest age. In sampled mode (the agent's default) the figures are estimates, "
                + "marked ~.")
final class Sites extends TargetCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Show at most N sites (default: ${DEFAULT-VALUE}; 0: all, up to the MXBean's cap of 1,000).")
    int limit;

    @Override
    protected void validate() {
        if (limit < 0) throw new ParameterException(spec.commandLine(), "--limit must be 0 (all) or more, not " + limit);
    }

    @Override
    protected ExitCode execute(Connection connection) {
        TempFileManagerMXBean manager = connection.manager();
        List<SiteRow> rows = manager.topSites(limit);
        if (json.enabled()) {
            Json doc = new Json().beginObject().field("target", target.toString()).name("sites").beginArray();
            for (SiteRow r : rows) {
                doc.beginObject()
                        .field("site", r.getSite())
                        .field("thread", r.getThread())
                        .field("liveCount", r.getLiveCount())
                        .field("liveBytes", r.getLiveBytes())
                        .field("createdTotal", r.getCreatedTotal())
                        .field("oldestAgeSeconds", r.getOldestAgeSeconds())
                        .field("estimated", r.isEstimated())
                        .endObject();
            }
            JsonOption.print(out(), doc.endArray().endObject());
        } else {
            print(out(), rows);
        }
        return ExitCode.OK;
    }

    private void print(PrintWriter out, List<SiteRow> rows) {
        if (rows.isEmpty()) {
            out.println("no creation sites recorded in " + subject() + " (nothing tracked yet, or the agent runs with sites=off)");
            return;
        }
        out.printf(Locale.ROOT, "%9s %10s %9s %8s  %-16s %s%n", "LIVE", "BYTES", "CREATED", "OLDEST", "THREAD", "SITE");
        boolean estimated = false;
        for (SiteRow r : rows) {
            String mark = r.isEstimated() ? "~" : "";
            estimated |= r.isEstimated();
            out.printf(Locale.ROOT, "%9s %10s %9s %8s  %-16s %s%n", mark + r.getLiveCount(),
                    mark + Sizes.human(r.getLiveBytes()), mark + r.getCreatedTotal(),
                    Durations.human(Duration.ofSeconds(r.getOldestAgeSeconds())),
                    TerminalText.escape(r.getThread()), TerminalText.escape(r.getSite()));
        }
        out.println(rows.size() + " site" + (rows.size() == 1 ? "" : "s") + ", largest live count first"
                + (estimated ? "; ~ marks estimates (sampled count x sample rate; sites=all counts exactly)" : ""));
    }
}
