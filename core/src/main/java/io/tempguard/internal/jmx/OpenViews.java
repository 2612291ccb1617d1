package io.tempguard.internal.jmx;

import io.tempguard.CleanupReport;
import io.tempguard.CleanupResult;
import io.tempguard.StatsReport;
import io.tempguard.SweepReport;
import io.tempguard.SweepResult;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TempFileStats;
import io.tempguard.TrackedPath;
import io.tempguard.TrackedPathRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one place where tempguard's in-process results become what crosses JMX: each view is an
 * immutable copy implementing the getter-only interface whose getters the MXBean framework maps to
 * the open type ({@code CompositeData} items named after the getters). Lists are cut to
 * {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}; counts stay exact.
 */
public final class OpenViews {

    public static CleanupReport cleanup(CleanupResult r) {
        List<String> deleted = new ArrayList<>();
        for (Path p : firstListed(r.deleted())) deleted.add(p.toString());
        return new Cleanup(r.isDryRun(), r.summary(), r.deletedCount(), r.alreadyGoneCount(), r.bytesFreed(),
                r.failureCount(), r.skippedCount(), deleted, rows(r.failures()), rows(r.skipped()));
    }

    public static SweepReport sweep(SweepResult r) {
        return new Sweep(r.summary(), r.journalsSwept(), r.journalsLive(), r.journalsSetAside(), r.journalsBusy(),
                new ArrayList<>(firstListed(r.problems())), cleanup(r.paths()));
    }

    public static TrackedPathRow tracked(TrackedPath t) {
        return new Tracked(t.path().toString(), t.kind().name(), t.sizeBytes(), t.age().getSeconds(),
                t.trackedSince().toEpochMilli());
    }

    public static StatsReport stats(TempFileStats s) {
        return new Stats(s);
    }

    private static List<CleanupReport.ProblemRow> rows(List<CleanupResult.Problem> problems) {
        List<CleanupReport.ProblemRow> rows = new ArrayList<>();
        for (CleanupResult.Problem p : firstListed(problems)) rows.add(new Problem(p.path().toString(), p.reason()));
        return rows;
    }

    private static <T> List<T> firstListed(List<T> list) {
        int max = TempFileManagerMXBean.MAX_LISTED_OVER_JMX;
        return list.size() > max ? list.subList(0, max) : list;
    }

    private static final class Cleanup implements CleanupReport {
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

        Cleanup(boolean dryRun, String summary, long deletedCount, long alreadyGoneCount, long bytesFreed,
                long failureCount, long skippedCount, List<String> deleted, List<ProblemRow> failures,
                List<ProblemRow> skipped) {
            this.dryRun = dryRun;
            this.summary = summary;
            this.deletedCount = deletedCount;
            this.alreadyGoneCount = alreadyGoneCount;
            this.bytesFreed = bytesFreed;
            this.failureCount = failureCount;
            this.skippedCount = skippedCount;
            this.deleted = Collections.unmodifiableList(deleted);
            this.failures = Collections.unmodifiableList(failures);
            this.skipped = Collections.unmodifiableList(skipped);
        }

        @Override public boolean isDryRun() { return dryRun; }
        @Override public String getSummary() { return summary; }
        @Override public long getDeletedCount() { return deletedCount; }
        @Override public long getAlreadyGoneCount() { return alreadyGoneCount; }
        @Override public long getBytesFreed() { return bytesFreed; }
        @Override public long getFailureCount() { return failureCount; }
        @Override public long getSkippedCount() { return skippedCount; }
        @Override public List<String> getDeleted() { return deleted; }
        @Override public List<ProblemRow> getFailures() { return failures; }
        @Override public List<ProblemRow> getSkipped() { return skipped; }
        @Override public String toString() { return summary; }
    }

    private static final class Problem implements CleanupReport.ProblemRow {
        private final String path;
        private final String reason;

        Problem(String path, String reason) {
            this.path = path;
            this.reason = reason;
        }

        @Override public String getPath() { return path; }
        @Override public String getReason() { return reason; }
        @Override public String toString() { return path + ": " + reason; }
    }

    private static final class Sweep implements SweepReport {
        private final String summary;
        private final int journalsSwept;
        private final int journalsLive;
        private final int journalsSetAside;
        private final int journalsBusy;
        private final List<String> problems;
        private final CleanupReport paths;

        Sweep(String summary, int journalsSwept, int journalsLive, int journalsSetAside, int journalsBusy,
              List<String> problems, CleanupReport paths) {
            this.summary = summary;
            this.journalsSwept = journalsSwept;
            this.journalsLive = journalsLive;
            this.journalsSetAside = journalsSetAside;
            this.journalsBusy = journalsBusy;
            this.problems = Collections.unmodifiableList(problems);
            this.paths = paths;
        }

        @Override public String getSummary() { return summary; }
        @Override public int getJournalsSwept() { return journalsSwept; }
        @Override public int getJournalsLive() { return journalsLive; }
        @Override public int getJournalsSetAside() { return journalsSetAside; }
        @Override public int getJournalsBusy() { return journalsBusy; }
        @Override public List<String> getProblems() { return problems; }
        @Override public CleanupReport getPaths() { return paths; }
        @Override public String toString() { return summary; }
    }

    private static final class Tracked implements TrackedPathRow {
        private final String path;
        private final String kind;
        private final long sizeBytes;
        private final long ageSeconds;
        private final long trackedSinceEpochMillis;

        Tracked(String path, String kind, long sizeBytes, long ageSeconds, long trackedSinceEpochMillis) {
            this.path = path;
            this.kind = kind;
            this.sizeBytes = sizeBytes;
            this.ageSeconds = ageSeconds;
            this.trackedSinceEpochMillis = trackedSinceEpochMillis;
        }

        @Override public String getPath() { return path; }
        @Override public String getKind() { return kind; }
        @Override public long getSizeBytes() { return sizeBytes; }
        @Override public long getAgeSeconds() { return ageSeconds; }
        @Override public long getTrackedSinceEpochMillis() { return trackedSinceEpochMillis; }
        @Override public String toString() { return kind + " " + path + " " + sizeBytes + " B " + ageSeconds + " s"; }
    }

    /** One snapshot: every getter reads the same {@link TempFileStats}. */
    private static final class Stats implements StatsReport {
        private final TempFileStats s;

        Stats(TempFileStats s) {
            this.s = s;
        }

        @Override public long getTrackedFileCount() { return s.trackedFiles(); }
        @Override public long getTrackedDirectoryCount() { return s.trackedDirectories(); }
        @Override public long getTrackedBytes() { return s.trackedBytes(); }
        @Override public long getCreatedTotal() { return s.createdTotal(); }
        @Override public long getDeletedTotal() { return s.deletedTotal(); }
        @Override public long getReleasedTotal() { return s.releasedTotal(); }
        @Override public long getCleanupFailureCount() { return s.cleanupFailureCount(); }
        @Override public long getSkippedCount() { return s.skippedCount(); }
        @Override public long getOldestTrackedAgeSeconds() { return s.oldestTrackedAge().getSeconds(); }
        @Override public long getUnmanagedCreatedTotal() { return s.unmanagedCreatedTotal(); }
        @Override public long getAgentErrorCount() { return s.agentErrorCount(); }
        @Override public String toString() { return s.toString(); }
    }

    private OpenViews() {
    }
}
