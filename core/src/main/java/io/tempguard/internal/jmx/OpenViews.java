package io.tempguard.internal.jmx;

import io.tempguard.CleanupReport;
import io.tempguard.CleanupResult;
import io.tempguard.SiteRow;
import io.tempguard.SiteUsage;
import io.tempguard.StatsReport;
import io.tempguard.SweepReport;
import io.tempguard.SweepResult;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TempFileStats;
import io.tempguard.TrackedPath;
import io.tempguard.TrackedPathRow;
import io.tempguard.UncapturedPathRow;
import io.tempguard.internal.capture.UncapturedCreations;

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
        return new Cleanup(r);
    }

    public static SweepReport sweep(SweepResult r) {
        return new Sweep(r);
    }

    public static TrackedPathRow tracked(TrackedPath t) {
        return new Tracked(t);
    }

    public static SiteRow site(SiteUsage s) {
        return new Site(s);
    }

    public static StatsReport stats(TempFileStats s) {
        return new Stats(s);
    }

    public static UncapturedPathRow uncaptured(UncapturedCreations.Created c, long nowMillis) {
        return new Uncaptured(c.path().toString(), c.kind().name(),
                Math.max(0, nowMillis - c.createdAtMillis()) / 1000, c.createdAtMillis(), c.site());
    }

    private static final class Uncaptured implements UncapturedPathRow {
        private final String path;
        private final String kind;
        private final long ageSeconds;
        private final long createdAtEpochMillis;
        private final String site;

        Uncaptured(String path, String kind, long ageSeconds, long createdAtEpochMillis, String site) {
            this.site = site;
            this.path = path;
            this.kind = kind;
            this.ageSeconds = ageSeconds;
            this.createdAtEpochMillis = createdAtEpochMillis;
        }

        @Override public String getPath() { return path; }
        @Override public String getKind() { return kind; }
        @Override public long getAgeSeconds() { return ageSeconds; }
        @Override public long getCreatedAtEpochMillis() { return createdAtEpochMillis; }
        @Override public String getSite() { return site; }
        @Override public String toString() { return kind + " " + path + " " + ageSeconds + " s"; }
    }

    private static List<CleanupReport.ProblemRow> rows(List<CleanupResult.Problem> problems) {
        List<CleanupReport.ProblemRow> rows = new ArrayList<>();
        for (CleanupResult.Problem p : firstListed(problems)) rows.add(new Problem(p.path().toString(), p.reason()));
        return Collections.unmodifiableList(rows);
    }

    private static <T> List<T> firstListed(List<T> list) {
        int max = TempFileManagerMXBean.MAX_LISTED_OVER_JMX;
        return list.size() > max ? list.subList(0, max) : list;
    }

    // The views read their (immutable) source; only the lists, cut and turned into strings, are copied.

    private static final class Cleanup implements CleanupReport {
        private final CleanupResult r;
        private final List<String> deleted;
        private final List<ProblemRow> failures;
        private final List<ProblemRow> skipped;

        Cleanup(CleanupResult r) {
            this.r = r;
            List<String> names = new ArrayList<>();
            for (Path p : firstListed(r.deleted())) names.add(p.toString());
            this.deleted = Collections.unmodifiableList(names);
            this.failures = rows(r.failures());
            this.skipped = rows(r.skipped());
        }

        @Override public boolean isDryRun() { return r.isDryRun(); }
        @Override public String getSummary() { return r.summary(); }
        @Override public long getDeletedCount() { return r.deletedCount(); }
        @Override public long getAlreadyGoneCount() { return r.alreadyGoneCount(); }
        @Override public long getBytesFreed() { return r.bytesFreed(); }
        @Override public long getFailureCount() { return r.failureCount(); }
        @Override public long getSkippedCount() { return r.skippedCount(); }
        @Override public List<String> getDeleted() { return deleted; }
        @Override public List<ProblemRow> getFailures() { return failures; }
        @Override public List<ProblemRow> getSkipped() { return skipped; }
        @Override public String toString() { return r.summary(); }
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
        private final SweepResult r;
        private final List<String> problems;
        private final CleanupReport paths;

        Sweep(SweepResult r) {
            this.r = r;
            this.problems = Collections.unmodifiableList(new ArrayList<>(firstListed(r.problems())));
            this.paths = cleanup(r.paths());
        }

        @Override public String getSummary() { return r.summary(); }
        @Override public int getJournalsSwept() { return r.journalsSwept(); }
        @Override public int getJournalsLive() { return r.journalsLive(); }
        @Override public int getJournalsSetAside() { return r.journalsSetAside(); }
        @Override public int getJournalsBusy() { return r.journalsBusy(); }
        @Override public List<String> getProblems() { return problems; }
        @Override public CleanupReport getPaths() { return paths; }
        @Override public String toString() { return r.summary(); }
    }

    private static final class Tracked implements TrackedPathRow {
        private final TrackedPath t;

        Tracked(TrackedPath t) {
            this.t = t;
        }

        @Override public String getPath() { return t.path().toString(); }
        @Override public String getKind() { return t.kind().name(); }
        @Override public long getSizeBytes() { return t.sizeBytes(); }
        @Override public long getAgeSeconds() { return t.age().getSeconds(); }
        @Override public long getTrackedSinceEpochMillis() { return t.trackedSince().toEpochMilli(); }
        @Override public String getSite() { return t.site(); }
        @Override public String toString() { return getKind() + " " + getPath() + " " + getSizeBytes() + " B " + getAgeSeconds() + " s"; }
    }

    private static final class Site implements SiteRow {
        private final SiteUsage s;

        Site(SiteUsage s) {
            this.s = s;
        }

        @Override public String getSite() { return s.site(); }
        @Override public String getThread() { return s.thread(); }
        @Override public long getLiveCount() { return s.liveCount(); }
        @Override public long getLiveBytes() { return s.liveBytes(); }
        @Override public long getCreatedTotal() { return s.createdTotal(); }
        @Override public long getOldestAgeSeconds() { return s.oldestAge().getSeconds(); }
        @Override public boolean isEstimated() { return s.estimated(); }
        @Override public String toString() { return s.toString(); }
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
        @Override public long getAdoptedDeleteOnExitTotal() { return s.adoptedDeleteOnExitTotal(); }
        @Override public long getUncapturedCreatedTotal() { return s.uncapturedCreatedTotal(); }
        @Override public String toString() { return s.toString(); }
    }

    private OpenViews() {
    }
}
