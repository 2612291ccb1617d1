package io.tempguard.console;

import io.tempguard.Durations;
import io.tempguard.Sizes;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TrackedPathRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code ls <target>}: the tracked paths with kind, size and age; with {@code --uncaptured}, what no capture rule matched. */
@Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = {"List the paths tempguard tracks in a JVM, with kind, size (as last measured) and age.",
                "With --uncaptured: the most recent paths the JVM created under a root with mkdirs, FileOutputStream, "
                        + "Files.write and the like that no capture rule matched (never deleted; tells which rule to write)."})
final class Ls extends TargetCommand {
    /** Sort orders; {@code age} is the MXBean's own order, oldest first. */
    enum SortKey { age, size, path }

    @Mixin
    JsonOption json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Show at most N paths (default: ${DEFAULT-VALUE}; 0: all, up to the MXBean's cap of 10,000).")
    int limit;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "age",
            description = "age (oldest first), size (largest first) or path (default: ${DEFAULT-VALUE}).")
    SortKey sort;

    @Option(names = "--measure", description = "Walk the tracked paths to measure their current size first.")
    boolean measure;

    @Option(names = "--uncaptured", description = "List the most recent uncaptured creations instead (newest first; "
            + "the JVM keeps the last 100).")
    boolean uncaptured;

    @Override
    protected void validate() {
        if (limit < 0) throw new ParameterException(spec.commandLine(), "--limit must be 0 (all) or more, not " + limit);
        if (uncaptured && (measure || sort != SortKey.age)) {
            throw new ParameterException(spec.commandLine(), "--uncaptured lists newest first and cannot be combined "
                    + "with --measure or --sort");
        }
    }

    @Override
    protected ExitCode execute(Connection connection) {
        TempFileManagerMXBean manager = connection.manager();
        if (uncaptured) return UncapturedListing.print(manager, limit, json.enabled(), target.toString(), subject(), out());
        if (measure) manager.measureTrackedBytes();
        long total = manager.getTrackedFileCount() + manager.getTrackedDirectoryCount();
        // The MXBean lists oldest first; another order needs every row before cutting to the limit.
        List<TrackedPathRow> rows = new ArrayList<>(manager.listTracked(sort == SortKey.age ? limit : 0));
        if (sort == SortKey.size) {
            rows.sort(Comparator.comparingLong(TrackedPathRow::getSizeBytes).reversed()
                    .thenComparing(TrackedPathRow::getPath));
        } else if (sort == SortKey.path) {
            rows.sort(Comparator.comparing(TrackedPathRow::getPath));
        }
        if (limit > 0 && rows.size() > limit) rows = rows.subList(0, limit);
        total = Math.max(total, rows.size());
        if (json.enabled()) {
            Json doc = new Json().beginObject()
                    .field("target", target.toString())
                    .field("trackedCount", total)
                    .field("sort", sort.name())
                    .name("paths").beginArray();
            for (TrackedPathRow r : rows) {
                doc.beginObject()
                        .field("path", r.getPath())
                        .field("kind", r.getKind())
                        .field("sizeBytes", r.getSizeBytes())
                        .field("ageSeconds", r.getAgeSeconds())
                        .field("trackedSince", Instant.ofEpochMilli(r.getTrackedSinceEpochMillis()).toString())
                        .field("site", siteOf(r))
                        .endObject();
            }
            JsonOption.print(out(), doc.endArray().endObject());
        } else {
            print(out(), rows, total);
        }
        return ExitCode.OK;
    }

    /** The row's creation site; empty from an agent older than creation sites (its rows lack the item). */
    static String siteOf(TrackedPathRow r) {
        try {
            return r.getSite();
        } catch (RuntimeException olderAgent) {
            return "";
        }
    }

    /**
     * The site without its package, {@code Spill.write(Spill.java:42)}: the column stays narrow and
     * the file and line still find the code ({@code sites} prints the full name). "-" when none.
     */
    static String shortSite(String site) {
        if (site.isEmpty()) return "-";
        int paren = site.indexOf('(');
        String qualified = paren < 0 ? site : site.substring(0, paren);
        int method = qualified.lastIndexOf('.');
        int cls = method <= 0 ? -1 : qualified.lastIndexOf('.', method - 1);
        return cls < 0 ? site : site.substring(cls + 1);
    }

    private void print(PrintWriter out, List<TrackedPathRow> rows, long total) {
        if (rows.isEmpty()) {
            out.println("no tracked paths in " + subject());
            return;
        }
        out.printf(Locale.ROOT, "%-4s %10s %8s  %-32s %s%n", "KIND", "SIZE", "AGE", "SITE", "PATH");
        for (TrackedPathRow r : rows) {
            out.printf(Locale.ROOT, "%-4s %10s %8s  %-32s %s%n", "DIRECTORY".equals(r.getKind()) ? "dir" : "file",
                    Sizes.human(r.getSizeBytes()), Durations.human(Duration.ofSeconds(r.getAgeSeconds())),
                    TerminalText.escape(shortSite(siteOf(r))), TerminalText.escape(r.getPath()));
        }
        String order = sort == SortKey.age ? "oldest first" : sort == SortKey.size ? "largest first" : "by path";
        out.println(rows.size() + " of " + total + " tracked path" + (total == 1 ? "" : "s") + ", " + order
                + (rows.size() < total ? " (--limit 0 for all)" : ""));
    }
}
