package io.tempguard;

import io.tempguard.internal.capture.CaptureRules;
import io.tempguard.internal.capture.UncapturedCreations;
import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.jmx.EarlyWarning;
import io.tempguard.internal.jmx.ManagerMXBeanAdapter;
import io.tempguard.internal.jmx.ManagerOperations;
import io.tempguard.internal.jmx.StatsSource;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.lifecycle.ManagerEngine;
import io.tempguard.internal.spi.HostObservations;
import io.tempguard.internal.threshold.FreeSpace;
import io.tempguard.internal.threshold.FreeSpaceLimit;
import io.tempguard.internal.threshold.Thresholds;

import javax.management.NotificationEmitter;

import java.time.Duration;
import java.util.List;

/**
 * Hands the MXBean adapter the two narrow views of a manager it needs (its counters, its
 * operations), so the adapter in {@code internal.jmx} never sees the facade.
 */
final class ManagerMXBeanBinding implements StatsSource, ManagerOperations, EarlyWarning {
    private final TempFileManager manager;
    private final Registry registry;
    private final Cleaner cleaner;
    private final HostObservations observations;
    private final ManagerEngine engine;
    private final Thresholds thresholds;

    private ManagerMXBeanBinding(TempFileManager manager, Registry registry, Cleaner cleaner,
                                 HostObservations observations, ManagerEngine engine) {
        this.manager = manager;
        this.registry = registry;
        this.cleaner = cleaner;
        this.observations = observations;
        this.engine = engine;
        this.thresholds = engine.thresholds();
    }

    /** The MXBean of {@code manager}, whose single counters it reads from these parts of it. */
    static TempFileManagerMXBean adapterFor(TempFileManager manager, Registry registry, Cleaner cleaner,
                                            HostObservations observations, ManagerEngine engine,
                                            NotificationEmitter notifications) {
        ManagerMXBeanBinding binding = new ManagerMXBeanBinding(manager, registry, cleaner, observations, engine);
        return new ManagerMXBeanAdapter(manager.config(), TempFileManager.version(), binding, binding, binding,
                notifications);
    }

    @Override public TempFileStats stats() { return manager.stats(); }
    @Override
    public long counter(Counter which) {
        switch (which) {
            case TRACKED_FILES: return registry.fileCount();
            case TRACKED_DIRECTORIES: return registry.counts().directories();
            case TRACKED_BYTES: return registry.bytes();
            case CREATED_TOTAL: return registry.createdTotal();
            case DELETED_TOTAL: return registry.counts().deleted();
            case RELEASED_TOTAL: return registry.counts().released();
            case CLEANUP_FAILURES: return cleaner.failureCount();
            case SKIPPED: return registry.counts().skipped();
            case OLDEST_TRACKED_AGE_SECONDS: {
                Entry oldest = registry.oldest();
                return oldest == null ? 0
                        : Math.max(0, manager.config().clock().millis() - oldest.trackedAtMillis()) / 1000;
            }
            case UNMANAGED_CREATED_TOTAL: return observations.unmanagedCreatedTotal();
            case AGENT_ERRORS: return observations.agentErrorCount();
            case ADOPTED_DELETE_ON_EXIT_TOTAL: return observations.adoptedDeleteOnExitTotal();
            case UNCAPTURED_CREATED_TOTAL: return observations.capture().uncaptured().total();
            default: throw new IllegalArgumentException(which.toString());
        }
    }

    @Override public boolean journalHealthy() { return manager.isJournalHealthy(); }
    @Override public long journalErrorCount() { return manager.journalErrorCount(); }
    @Override public String journalStatus() { return manager.journalStatus(); }

    @Override public CleanupResult cleanupAll() { return manager.cleanupAll(); }
    @Override public CleanupResult cleanupOlderThan(Duration age) { return manager.cleanupOlderThan(age); }
    @Override public CleanupResult previewCleanup(Duration olderThan) { return manager.previewCleanup(olderThan); }
    @Override public List<TrackedPath> listTracked(int limit) { return manager.listTracked(limit); }
    @Override public List<SiteUsage> topSites(int limit) { return manager.topSites(limit); }
    @Override public long measureTrackedBytes() { return manager.measureTrackedBytes(); }
    @Override public long reconcile() { return manager.reconcile(); }
    @Override public SweepResult sweepOrphans() { return manager.sweepOrphans(); }

    // A changed limit is evaluated on the maintenance thread at once, not on the JMX client's thread.
    @Override public long trackedBytesAgeSeconds() { return engine.sizeRefresher().ageSeconds(); }
    @Override public long warnTrackedFiles() { return thresholds.filesLimit(); }
    @Override
    public void setWarnTrackedFiles(long limit) {
        thresholds.setFilesLimit(limit);
        engine.checkThresholdsSoon();
    }
    @Override public long warnTrackedBytes() { return thresholds.bytesLimit(); }
    @Override
    public void setWarnTrackedBytes(long limit) {
        thresholds.setBytesLimit(limit);
        engine.checkThresholdsSoon();
    }
    @Override public String warnFreeSpace() { return thresholds.freeLimit().toString(); }
    @Override
    public void setWarnFreeSpace(String limit) {
        thresholds.setFreeLimit(FreeSpaceLimit.parse(limit));
        engine.checkThresholdsSoon();
    }
    @Override public List<String> exceededThresholds() { return thresholds.exceeded(); }
    @Override
    public long freeSpaceBytes() {
        FreeSpace f = FreeSpace.fullest(manager.config().roots());
        return f == null ? -1 : f.freeBytes();
    }
    @Override
    public double freeSpacePercent() {
        FreeSpace f = FreeSpace.fullest(manager.config().roots());
        return f == null ? -1 : f.percent();
    }
    @Override public String captureRules() { return observations.capture().rules().toString(); }
    @Override public void setCaptureRules(String joined) { observations.capture().setRules(CaptureRules.parse(joined)); }
    @Override
    public List<UncapturedCreations.Created> listUncaptured(int limit) {
        return observations.capture().uncaptured().newestFirst(limit);
    }
    @Override public long nowMillis() { return manager.config().clock().millis(); }
}
