package io.tempguard;

import io.tempguard.internal.jmx.ManagerMXBeanAdapter;
import io.tempguard.internal.jmx.ManagerOperations;
import io.tempguard.internal.jmx.StatsSource;

import java.time.Duration;
import java.util.List;

/**
 * Hands the MXBean adapter the two narrow views of a manager it needs (its counters, its
 * operations), so the adapter in {@code internal.jmx} never sees the facade.
 */
final class ManagerMXBeanBinding implements StatsSource, ManagerOperations {
    private final TempFileManager manager;

    private ManagerMXBeanBinding(TempFileManager manager) {
        this.manager = manager;
    }

    /** The MXBean of {@code manager}. */
    static TempFileManagerMXBean adapterFor(TempFileManager manager) {
        ManagerMXBeanBinding binding = new ManagerMXBeanBinding(manager);
        return new ManagerMXBeanAdapter(manager.config(), TempFileManager.version(), binding, binding);
    }

    @Override public TempFileStats stats() { return manager.stats(); }
    @Override public boolean journalHealthy() { return manager.isJournalHealthy(); }
    @Override public long journalErrorCount() { return manager.journalErrorCount(); }
    @Override public String journalStatus() { return manager.journalStatus(); }

    @Override public CleanupResult cleanupAll() { return manager.cleanupAll(); }
    @Override public CleanupResult cleanupOlderThan(Duration age) { return manager.cleanupOlderThan(age); }
    @Override public CleanupResult previewCleanup(Duration olderThan) { return manager.previewCleanup(olderThan); }
    @Override public List<TrackedPath> listTracked(int limit) { return manager.listTracked(limit); }
    @Override public long measureTrackedBytes() { return manager.measureTrackedBytes(); }
    @Override public long reconcile() { return manager.reconcile(); }
    @Override public SweepResult sweepOrphans() { return manager.sweepOrphans(); }
}
