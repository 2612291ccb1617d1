package io.tempguard.internal.jmx;

import io.tempguard.internal.jmx.StatsSource.Counter;

import io.tempguard.CleanupReport;
import io.tempguard.SiteRow;
import io.tempguard.SiteUsage;
import io.tempguard.StatsReport;
import io.tempguard.SweepReport;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TrackedPath;
import io.tempguard.TrackedPathRow;
import io.tempguard.UncapturedPathRow;
import io.tempguard.internal.capture.UncapturedCreations;

import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The MXBean: a thin read of a {@link StatsSource} and a translation of {@link ManagerOperations}'
 * results to open types ({@link OpenViews}). It knows neither the facade nor the registry.
 */
public final class ManagerMXBeanAdapter implements TempFileManagerMXBean, NotificationEmitter {
    private final List<String> roots;
    private final boolean shutdownCleanup;
    private final String version;
    private final StatsSource source;
    private final ManagerOperations operations;
    private final EarlyWarning warning;
    /** The manager's one emitter: an MXBean that is a NotificationEmitter is a notification broadcaster. */
    private final NotificationEmitter emitter;

    public ManagerMXBeanAdapter(TempFileManagerConfig config, String version, StatsSource source,
                                ManagerOperations operations, EarlyWarning warning, NotificationEmitter emitter) {
        List<String> names = new ArrayList<>();
        for (Path p : config.roots()) names.add(p.toString());
        this.roots = names;
        this.shutdownCleanup = config.shutdownCleanup();
        this.version = version;
        this.source = source;
        this.operations = operations;
        this.warning = warning;
        this.emitter = emitter;
    }

    // ---- TempFileManagerMXBean attributes

    /** {@inheritDoc} */
    @Override
    public StatsReport getStats() { return OpenViews.stats(source.stats()); }

    // The single counters each read one value, no snapshot; a reader that wants several of them at
    // one point in time reads Stats.

    /** {@inheritDoc} */
    @Override
    public long getTrackedFileCount() { return source.counter(Counter.TRACKED_FILES); }

    /** {@inheritDoc} */
    @Override
    public long getTrackedDirectoryCount() { return source.counter(Counter.TRACKED_DIRECTORIES); }

    /** {@inheritDoc} */
    @Override
    public long getTrackedBytes() { return source.counter(Counter.TRACKED_BYTES); }

    /** {@inheritDoc} */
    @Override
    public long getCreatedTotal() { return source.counter(Counter.CREATED_TOTAL); }

    /** {@inheritDoc} */
    @Override
    public long getDeletedTotal() { return source.counter(Counter.DELETED_TOTAL); }

    /** {@inheritDoc} */
    @Override
    public long getReleasedTotal() { return source.counter(Counter.RELEASED_TOTAL); }

    /** {@inheritDoc} */
    @Override
    public long getCleanupFailureCount() { return source.counter(Counter.CLEANUP_FAILURES); }

    /** {@inheritDoc} */
    @Override
    public long getSkippedCount() { return source.counter(Counter.SKIPPED); }

    /** {@inheritDoc} */
    @Override
    public long getOldestTrackedAgeSeconds() { return source.counter(Counter.OLDEST_TRACKED_AGE_SECONDS); }

    /** {@inheritDoc} */
    @Override
    public long getUnmanagedCreatedTotal() { return source.counter(Counter.UNMANAGED_CREATED_TOTAL); }

    /** {@inheritDoc} */
    @Override
    public long getAgentErrorCount() { return source.counter(Counter.AGENT_ERRORS); }

    /** {@inheritDoc} */
    @Override
    public long getAdoptedDeleteOnExitTotal() { return source.counter(Counter.ADOPTED_DELETE_ON_EXIT_TOTAL); }
    public long getUncapturedCreatedTotal() { return source.counter(Counter.UNCAPTURED_CREATED_TOTAL); }

    /** {@inheritDoc} */
    @Override
    public List<String> getRoots() { return new ArrayList<>(roots); }

    /** {@inheritDoc} */
    @Override
    public String getCaptureRules() { return operations.captureRules(); }

    /** {@inheritDoc} */
    @Override
    public void setCaptureRules(String rules) { operations.setCaptureRules(rules); }

    /** {@inheritDoc} */
    @Override
    public List<UncapturedPathRow> listUncaptured(int limit) {
        int n = limit <= 0 || limit > MAX_UNCAPTURED_ROWS ? MAX_UNCAPTURED_ROWS : limit;
        long now = operations.nowMillis();
        List<UncapturedPathRow> rows = new ArrayList<>();
        for (UncapturedCreations.Created c : operations.listUncaptured(n)) rows.add(OpenViews.uncaptured(c, now));
        return rows;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isShutdownCleanupEnabled() { return shutdownCleanup; }

    /** {@inheritDoc} */
    @Override
    public String getVersion() { return version; }

    /** {@inheritDoc} */
    @Override
    public boolean isJournalHealthy() { return source.journalHealthy(); }

    /** {@inheritDoc} */
    @Override
    public long getJournalErrorCount() { return source.journalErrorCount(); }

    /** {@inheritDoc} */
    @Override
    public String getJournalStatus() { return source.journalStatus(); }

    /** {@inheritDoc} */
    @Override
    public long getTrackedBytesAgeSeconds() { return warning.trackedBytesAgeSeconds(); }

    /** {@inheritDoc} */
    @Override
    public long getWarnTrackedFiles() { return warning.warnTrackedFiles(); }

    /** {@inheritDoc} */
    @Override
    public void setWarnTrackedFiles(long limit) { warning.setWarnTrackedFiles(limit); }

    /** {@inheritDoc} */
    @Override
    public long getWarnTrackedBytes() { return warning.warnTrackedBytes(); }

    /** {@inheritDoc} */
    @Override
    public void setWarnTrackedBytes(long limit) { warning.setWarnTrackedBytes(limit); }

    /** {@inheritDoc} */
    @Override
    public String getWarnFreeSpace() { return warning.warnFreeSpace(); }

    /** {@inheritDoc} */
    @Override
    public void setWarnFreeSpace(String limit) { warning.setWarnFreeSpace(limit); }

    /** {@inheritDoc} */
    @Override
    public String[] getExceededThresholds() { return warning.exceededThresholds().toArray(new String[0]); }

    @Override
    public int getExceededThresholdCount() { return warning.exceededThresholds().size(); }

    /** {@inheritDoc} */
    @Override
    public long getFreeSpaceBytes() { return warning.freeSpaceBytes(); }

    /** {@inheritDoc} */
    @Override
    public double getFreeSpacePercent() { return warning.freeSpacePercent(); }

    // ---- NotificationEmitter: the threshold notifications (ThresholdNotifier)

    /** The emitter the notifications come from (for a wrapper such as StandardEmitterMBean). */
    public NotificationEmitter emitter() { return emitter; }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        emitter.addNotificationListener(listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        emitter.removeNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        emitter.removeNotificationListener(listener, filter, handback);
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() { return emitter.getNotificationInfo(); }

    // ---- TempFileManagerMXBean operations

    /** {@inheritDoc} */
    @Override
    public CleanupReport cleanupAll() { return OpenViews.cleanup(operations.cleanupAll()); }

    /** {@inheritDoc} */
    @Override
    public CleanupReport cleanupOlderThan(long seconds) {
        return OpenViews.cleanup(operations.cleanupOlderThan(Duration.ofSeconds(requireNonNegative(seconds))));
    }

    /** {@inheritDoc} */
    @Override
    public CleanupReport previewCleanup(long olderThanSeconds) {
        return OpenViews.cleanup(operations.previewCleanup(Duration.ofSeconds(requireNonNegative(olderThanSeconds))));
    }

    /** {@inheritDoc} */
    @Override
    public List<TrackedPathRow> listTracked(int limit) {
        int n = limit <= 0 || limit > MAX_TRACKED_ROWS ? MAX_TRACKED_ROWS : limit;
        List<TrackedPathRow> rows = new ArrayList<>();
        for (TrackedPath t : operations.listTracked(n)) rows.add(OpenViews.tracked(t));
        return rows;
    }

    /** {@inheritDoc} */
    @Override
    public List<SiteRow> topSites(int limit) {
        int n = limit <= 0 || limit > MAX_SITE_ROWS ? MAX_SITE_ROWS : limit;
        List<SiteRow> rows = new ArrayList<>();
        for (SiteUsage s : operations.topSites(n)) rows.add(OpenViews.site(s));
        return rows;
    }

    /** {@inheritDoc} */
    @Override
    public long measureTrackedBytes() { return operations.measureTrackedBytes(); }

    /** {@inheritDoc} */
    @Override
    public long reconcile() { return operations.reconcile(); }

    /** {@inheritDoc} */
    @Override
    public SweepReport sweepOrphans() { return OpenViews.sweep(operations.sweepOrphans()); }

    private static long requireNonNegative(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("seconds must be >= 0, was " + seconds);
        return seconds;
    }
}
