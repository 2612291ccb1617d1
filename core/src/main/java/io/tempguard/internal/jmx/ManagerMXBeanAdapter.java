package io.tempguard.internal.jmx;

import io.tempguard.CleanupReport;
import io.tempguard.SweepReport;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TrackedPath;
import io.tempguard.TrackedPathRow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The MXBean: a thin read of the manager's counters and a translation of its results to open types. */
public final class ManagerMXBeanAdapter implements TempFileManagerMXBean {
    /** listTracked never returns more rows than this over JMX. */
    static final int MAX_ROWS = 10_000;

    private final TempFileManager manager;

    public ManagerMXBeanAdapter(TempFileManager manager) {
        this.manager = manager;
    }

    // ---- TempFileManagerMXBean attributes

    /** {@inheritDoc} */
    @Override
    public long getTrackedFileCount() { return manager.stats().trackedFiles(); }

    /** {@inheritDoc} */
    @Override
    public long getTrackedDirectoryCount() { return manager.stats().trackedDirectories(); }

    /** {@inheritDoc} */
    @Override
    public long getTrackedBytes() { return manager.stats().trackedBytes(); }

    /** {@inheritDoc} */
    @Override
    public long getCreatedTotal() { return manager.stats().createdTotal(); }

    /** {@inheritDoc} */
    @Override
    public long getDeletedTotal() { return manager.stats().deletedTotal(); }

    /** {@inheritDoc} */
    @Override
    public long getReleasedTotal() { return manager.stats().releasedTotal(); }

    /** {@inheritDoc} */
    @Override
    public long getCleanupFailureCount() { return manager.stats().cleanupFailureCount(); }

    /** {@inheritDoc} */
    @Override
    public long getSkippedCount() { return manager.stats().skippedCount(); }

    /** {@inheritDoc} */
    @Override
    public long getOldestTrackedAgeSeconds() { return manager.stats().oldestTrackedAge().getSeconds(); }

    /** {@inheritDoc} */
    @Override
    public long getUnmanagedCreatedTotal() { return manager.stats().unmanagedCreatedTotal(); }

    /** {@inheritDoc} */
    @Override
    public long getAgentErrorCount() { return manager.stats().agentErrorCount(); }

    /** {@inheritDoc} */
    @Override
    public List<String> getRoots() {
        List<String> roots = new ArrayList<>();
        for (Path p : manager.config().roots()) roots.add(p.toString());
        return roots;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isShutdownCleanupEnabled() { return manager.config().shutdownCleanup(); }

    /** {@inheritDoc} */
    @Override
    public String getVersion() { return TempFileManager.version(); }

    /** {@inheritDoc} */
    @Override
    public boolean isJournalHealthy() { return manager.isJournalHealthy(); }

    /** {@inheritDoc} */
    @Override
    public long getJournalErrorCount() { return manager.journalErrorCount(); }

    /** {@inheritDoc} */
    @Override
    public String getJournalStatus() { return manager.journalStatus(); }

    // ---- TempFileManagerMXBean operations

    /** {@inheritDoc} */
    @Override
    public CleanupReport cleanupAll() { return CleanupReport.of(manager.cleanupAll()); }

    /** {@inheritDoc} */
    @Override
    public CleanupReport cleanupOlderThan(long seconds) {
        return CleanupReport.of(manager.cleanupOlderThan(Duration.ofSeconds(requireNonNegative(seconds))));
    }

    /** {@inheritDoc} */
    @Override
    public CleanupReport previewCleanup(long olderThanSeconds) {
        return CleanupReport.of(manager.previewCleanup(Duration.ofSeconds(requireNonNegative(olderThanSeconds))));
    }

    /** {@inheritDoc} */
    @Override
    public List<TrackedPathRow> listTracked(int limit) {
        int n = limit <= 0 || limit > MAX_ROWS ? MAX_ROWS : limit;
        List<TrackedPathRow> rows = new ArrayList<>();
        for (TrackedPath t : manager.listTracked(n)) rows.add(TrackedPathRow.of(t));
        return rows;
    }

    /** {@inheritDoc} */
    @Override
    public long measureTrackedBytes() { return manager.measureTrackedBytes(); }

    /** {@inheritDoc} */
    @Override
    public long reconcile() { return manager.reconcile(); }

    /** {@inheritDoc} */
    @Override
    public SweepReport sweepOrphans() { return SweepReport.of(manager.sweepOrphans()); }

    private static long requireNonNegative(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("seconds must be >= 0, was " + seconds);
        return seconds;
    }
}
