package io.tempguard;

import javax.management.ConstructorParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A cleanup's result as it crosses JMX: an open-type bean that JConsole shows as a table and
 * {@code JMX.newMXBeanProxy} rebuilds. Path lists are capped at {@link #MAX_LISTED}; counts are exact.
 */
public final class CleanupReport {
    public static final int MAX_LISTED = 1_000;

    private final boolean dryRun;
    private final String summary;
    private final long deletedCount;
    private final long alreadyGoneCount;
    private final long bytesFreed;
    private final long failureCount;
    private final long skippedCount;
    private final List<String> deleted;
    private final List<ProblemRow> failures;
    private final List<ProblemRow> skipped;

    @ConstructorParameters({"dryRun", "summary", "deletedCount", "alreadyGoneCount", "bytesFreed", "failureCount",
            "skippedCount", "deleted", "failures", "skipped"})
    public CleanupReport(boolean dryRun, String summary, long deletedCount, long alreadyGoneCount, long bytesFreed,
                         long failureCount, long skippedCount, List<String> deleted, List<ProblemRow> failures,
                         List<ProblemRow> skipped) {
        this.dryRun = dryRun;
        this.summary = summary;
        this.deletedCount = deletedCount;
        this.alreadyGoneCount = alreadyGoneCount;
        this.bytesFreed = bytesFreed;
        this.failureCount = failureCount;
        this.skippedCount = skippedCount;
        this.deleted = Collections.unmodifiableList(new ArrayList<>(deleted));
        this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
        this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
    }

    /** The report of a {@link CleanupResult}. */
    public static CleanupReport of(CleanupResult r) {
        List<String> deleted = new ArrayList<>();
        for (Path p : r.deleted()) {
            if (deleted.size() == MAX_LISTED) break;
            deleted.add(p.toString());
        }
        return new CleanupReport(r.isDryRun(), r.summary(), r.deletedCount(), r.alreadyGoneCount(), r.bytesFreed(),
                r.failureCount(), r.skippedCount(), deleted, rows(r.failures()), rows(r.skipped()));
    }

    private static List<ProblemRow> rows(List<CleanupResult.Problem> problems) {
        List<ProblemRow> rows = new ArrayList<>();
        for (CleanupResult.Problem p : problems) {
            if (rows.size() == MAX_LISTED) break;
            rows.add(new ProblemRow(p.path().toString(), p.reason()));
        }
        return rows;
    }

    public boolean isDryRun() { return dryRun; }

    /** One line: what was (or would be) deleted, bytes freed, failures, skipped. */
    public String getSummary() { return summary; }

    public long getDeletedCount() { return deletedCount; }

    public long getAlreadyGoneCount() { return alreadyGoneCount; }

    public long getBytesFreed() { return bytesFreed; }

    public long getFailureCount() { return failureCount; }

    public long getSkippedCount() { return skippedCount; }

    public List<String> getDeleted() { return deleted; }

    public List<ProblemRow> getFailures() { return failures; }

    public List<ProblemRow> getSkipped() { return skipped; }

    @Override
    public String toString() { return summary; }

    /** A path and why it was not deleted. */
    public static final class ProblemRow {
        private final String path;
        private final String reason;

        @ConstructorParameters({"path", "reason"})
        public ProblemRow(String path, String reason) {
            this.path = path;
            this.reason = reason;
        }

        public String getPath() { return path; }

        public String getReason() { return reason; }

        @Override
        public String toString() { return path + ": " + reason; }
    }
}
