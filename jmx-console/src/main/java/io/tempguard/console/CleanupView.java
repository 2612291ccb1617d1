package io.tempguard.console;

import io.tempguard.CleanupReport;
import io.tempguard.CleanupResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a cleanup deleted (or would delete), printed the same way whether it came over JMX
 * ({@link CleanupReport}, from {@code cleanup}) or from a local sweep ({@link CleanupResult}, turned
 * into the same report, lists capped the same way, by {@link CleanupResult#toReport()}).
 */
final class CleanupView {
    private final CleanupReport report;

    private CleanupView(CleanupReport report) {
        this.report = report;
    }

    static CleanupView of(CleanupReport report) {
        return new CleanupView(report);
    }

    static CleanupView of(CleanupResult result) {
        return new CleanupView(result.toReport());
    }

    long failureCount() {
        return report.getFailureCount();
    }

    /**
     * The summary line, then the paths deleted, failed and skipped (lists are capped by the manager);
     * paths and reasons escaped for the terminal ({@link TerminalText}).
     */
    void print(PrintWriter out) {
        out.println(TerminalText.escape(report.getSummary()));
        printLists(out);
    }

    /** The paths deleted, failed and skipped, without the summary line. */
    void printLists(PrintWriter out) {
        List<String> deleted = report.getDeleted();
        if (!deleted.isEmpty()) {
            out.println(report.isDryRun() ? "would delete:" : "deleted:");
            for (String p : deleted) out.println("  " + TerminalText.escape(p));
            more(out, report.getDeletedCount() - deleted.size());
        }
        problems(out, "failed (still tracked, retried next time):", report.getFailures(), report.getFailureCount());
        problems(out, "skipped for safety:", report.getSkipped(), report.getSkippedCount());
    }

    private static void problems(PrintWriter out, String title, List<CleanupReport.ProblemRow> rows, long count) {
        if (rows.isEmpty()) return;
        out.println(title);
        for (CleanupReport.ProblemRow row : rows) out.println("  " + TerminalText.escape(row.getPath()) + ": " + TerminalText.escape(row.getReason()));
        more(out, count - rows.size());
    }

    private static void more(PrintWriter out, long more) {
        if (more > 0) out.println("  ... and " + more + " more");
    }

    /** The members of the cleanup JSON object (the caller opens and closes it). */
    void writeFields(Json json) {
        json.field("dryRun", report.isDryRun())
                .field("deletedCount", report.getDeletedCount())
                .field("alreadyGoneCount", report.getAlreadyGoneCount())
                .field("bytesFreed", report.getBytesFreed())
                .field("failureCount", report.getFailureCount())
                .field("skippedCount", report.getSkippedCount())
                .stringArray("deleted", report.getDeleted());
        problemArray(json, "failures", report.getFailures());
        problemArray(json, "skipped", report.getSkipped());
        json.field("summary", report.getSummary());
    }

    private static void problemArray(Json json, String name, List<CleanupReport.ProblemRow> rows) {
        json.name(name).beginArray();
        for (CleanupReport.ProblemRow row : rows) {
            json.beginObject().field("path", row.getPath()).field("reason", row.getReason()).endObject();
        }
        json.endArray();
    }
}
