package io.tempguard.console;

import io.tempguard.CleanupReport;
import io.tempguard.CleanupResult;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cleanup deleted (or would delete), printed the same way whether it came over JMX
 * ({@link CleanupReport}, from {@code cleanup}) or from a local sweep ({@link CleanupResult}).
 */
final class CleanupView {
    final boolean dryRun;
    final String summary;
    final long deletedCount;
    final long alreadyGoneCount;
    final long bytesFreed;
    final long failureCount;
    final long skippedCount;
    final List<String> deleted;
    final List<String[]> failures;
    final List<String[]> skipped;

    private CleanupView(boolean dryRun, String summary, long deletedCount, long alreadyGoneCount, long bytesFreed,
                        long failureCount, long skippedCount, List<String> deleted, List<String[]> failures,
                        List<String[]> skipped) {
        this.dryRun = dryRun;
        this.summary = summary;
        this.deletedCount = deletedCount;
        this.alreadyGoneCount = alreadyGoneCount;
        this.bytesFreed = bytesFreed;
        this.failureCount = failureCount;
        this.skippedCount = skippedCount;
        this.deleted = deleted;
        this.failures = failures;
        this.skipped = skipped;
    }

    static CleanupView of(CleanupReport r) {
        return new CleanupView(r.isDryRun(), r.getSummary(), r.getDeletedCount(), r.getAlreadyGoneCount(),
                r.getBytesFreed(), r.getFailureCount(), r.getSkippedCount(), new ArrayList<>(r.getDeleted()),
                rows(r.getFailures()), rows(r.getSkipped()));
    }

    static CleanupView of(CleanupResult r) {
        List<String> deleted = new ArrayList<>();
        for (Path p : r.deleted()) deleted.add(p.toString());
        return new CleanupView(r.isDryRun(), r.summary(), r.deletedCount(), r.alreadyGoneCount(), r.bytesFreed(),
                r.failureCount(), r.skippedCount(), deleted, problems(r.failures()), problems(r.skipped()));
    }

    private static List<String[]> rows(List<CleanupReport.ProblemRow> rows) {
        List<String[]> list = new ArrayList<>();
        for (CleanupReport.ProblemRow row : rows) list.add(new String[] {row.getPath(), row.getReason()});
        return list;
    }

    private static List<String[]> problems(List<CleanupResult.Problem> problems) {
        List<String[]> list = new ArrayList<>();
        for (CleanupResult.Problem p : problems) list.add(new String[] {p.path().toString(), p.reason()});
        return list;
    }

    /** The summary line, then the paths deleted, failed and skipped (lists are capped by the manager). */
    void print(PrintWriter out) {
        out.println(summary);
        printLists(out);
    }

    /** The paths deleted, failed and skipped, without the summary line. */
    void printLists(PrintWriter out) {
        if (!deleted.isEmpty()) {
            out.println(dryRun ? "would delete:" : "deleted:");
            for (String p : deleted) out.println("  " + p);
            more(out, deletedCount - deleted.size());
        }
        problems(out, "failed (still tracked, retried next time):", failures, failureCount);
        problems(out, "skipped for safety:", skipped, skippedCount);
    }

    private static void problems(PrintWriter out, String title, List<String[]> rows, long count) {
        if (rows.isEmpty()) return;
        out.println(title);
        for (String[] row : rows) out.println("  " + row[0] + ": " + row[1]);
        more(out, count - rows.size());
    }

    private static void more(PrintWriter out, long more) {
        if (more > 0) out.println("  ... and " + more + " more");
    }

    /** The members of the cleanup JSON object (the caller opens and closes it). */
    void writeFields(Json json) {
        json.field("dryRun", dryRun)
                .field("deletedCount", deletedCount)
                .field("alreadyGoneCount", alreadyGoneCount)
                .field("bytesFreed", bytesFreed)
                .field("failureCount", failureCount)
                .field("skippedCount", skippedCount)
                .stringArray("deleted", deleted);
        problemArray(json, "failures", failures);
        problemArray(json, "skipped", skipped);
        json.field("summary", summary);
    }

    private static void problemArray(Json json, String name, List<String[]> rows) {
        json.name(name).beginArray();
        for (String[] row : rows) json.beginObject().field("path", row[0]).field("reason", row[1]).endObject();
        json.endArray();
    }
}
