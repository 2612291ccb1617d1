package io.tempguard;

import java.time.Duration;

/**
 * A point-in-time view of a {@link TempFileManager}'s counters. Every value is maintained
 * incrementally, so taking a snapshot never touches the disk.
 *
 * <p>The totals obey {@code createdTotal == trackedFiles + trackedDirectories + deletedTotal
 * + releasedTotal + skippedCount} in every snapshot {@link TempFileManager#stats()} takes, even
 * while other threads create and delete: every path that started being tracked is either still
 * tracked or left tracking for exactly one reason, and these counters are read at one point in
 * time. ({@code trackedBytes}, {@code cleanupFailureCount} and the other counters are read beside
 * them, each current but not part of that point.) Over JMX it is the MXBean's {@code Stats}
 * attribute ({@link StatsReport}).
 */
public final class TempFileStats {
    private final long trackedFiles;
    private final long trackedDirectories;
    private final long trackedBytes;
    private final long createdTotal;
    private final long deletedTotal;
    private final long releasedTotal;
    private final long cleanupFailureCount;
    private final long skippedCount;
    private final long unmanagedCreatedTotal;
    private final long agentErrorCount;
    private final Duration oldestTrackedAge;
    private final long adoptedDeleteOnExitTotal;
    private final long uncapturedCreatedTotal;

    public TempFileStats(long trackedFiles, long trackedDirectories, long trackedBytes, long createdTotal,
                         long deletedTotal, long releasedTotal, long cleanupFailureCount, long skippedCount,
                         long unmanagedCreatedTotal, long agentErrorCount, Duration oldestTrackedAge) {
        this(trackedFiles, trackedDirectories, trackedBytes, createdTotal, deletedTotal, releasedTotal,
                cleanupFailureCount, skippedCount, unmanagedCreatedTotal, agentErrorCount, oldestTrackedAge, 0);
    }

    /** As above, with the count of paths taken over from {@code File.deleteOnExit}. */
    public TempFileStats(long trackedFiles, long trackedDirectories, long trackedBytes, long createdTotal,
                         long deletedTotal, long releasedTotal, long cleanupFailureCount, long skippedCount,
                         long unmanagedCreatedTotal, long agentErrorCount, Duration oldestTrackedAge,
                         long adoptedDeleteOnExitTotal) {
        this(trackedFiles, trackedDirectories, trackedBytes, createdTotal, deletedTotal, releasedTotal,
                cleanupFailureCount, skippedCount, unmanagedCreatedTotal, agentErrorCount, oldestTrackedAge,
                adoptedDeleteOnExitTotal, 0);
    }

    /** As above, with the count of paths created under a root that no capture rule matched. */
    public TempFileStats(long trackedFiles, long trackedDirectories, long trackedBytes, long createdTotal,
                         long deletedTotal, long releasedTotal, long cleanupFailureCount, long skippedCount,
                         long unmanagedCreatedTotal, long agentErrorCount, Duration oldestTrackedAge,
                         long adoptedDeleteOnExitTotal, long uncapturedCreatedTotal) {
        this.adoptedDeleteOnExitTotal = adoptedDeleteOnExitTotal;
        this.uncapturedCreatedTotal = uncapturedCreatedTotal;
        this.trackedFiles = trackedFiles;
        this.trackedDirectories = trackedDirectories;
        this.trackedBytes = trackedBytes;
        this.createdTotal = createdTotal;
        this.deletedTotal = deletedTotal;
        this.releasedTotal = releasedTotal;
        this.cleanupFailureCount = cleanupFailureCount;
        this.skippedCount = skippedCount;
        this.unmanagedCreatedTotal = unmanagedCreatedTotal;
        this.agentErrorCount = agentErrorCount;
        this.oldestTrackedAge = oldestTrackedAge;
    }

    /** Tracked paths that are files. */
    public long trackedFiles() { return trackedFiles; }

    /** Tracked paths that are directories. */
    public long trackedDirectories() { return trackedDirectories; }

    /**
     * Bytes the tracked paths hold, directory trees included, as last measured: refreshed from disk
     * every {@link TempFileManagerConfig#bytesRefreshInterval()}, and at reconcile, listing or an
     * explicit measure.
     */
    public long trackedBytes() { return trackedBytes; }

    /** Paths that ever started being tracked (created through the manager or registered). */
    public long createdTotal() { return createdTotal; }

    /** Tracked paths that tempguard deleted. */
    public long deletedTotal() { return deletedTotal; }

    /** Tracked paths let go without tempguard deleting them: unregistered, or deleted or moved by the host. */
    public long releasedTotal() { return releasedTotal; }

    /** Delete attempts that failed; the path stayed tracked each time. */
    public long cleanupFailureCount() { return cleanupFailureCount; }

    /** Tracked paths that cleanup refused to delete for safety (identity changed, left the roots). */
    public long skippedCount() { return skippedCount; }

    /** Temp paths the host created outside every root: counted, never tracked, never deleted. */
    public long unmanagedCreatedTotal() { return unmanagedCreatedTotal; }

    /**
     * Paths the host created under a root with the other creation APIs (mkdirs, FileOutputStream,
     * Files.write, ...) that no capture rule matched: counted and listed, never deleted.
     */
    public long uncapturedCreatedTotal() { return uncapturedCreatedTotal; }

    /** Faults inside the agent's interception that were swallowed so the host never saw them. */
    public long agentErrorCount() { return agentErrorCount; }

    /**
     * Paths the host handed to {@code File.deleteOnExit} that tempguard took over: tracked,
     * journaled and deleted at exit (each counted once per time it became tracked).
     */
    public long adoptedDeleteOnExitTotal() { return adoptedDeleteOnExitTotal; }

    /** How long the oldest tracked path has been tracked; {@link Duration#ZERO} when none is. */
    public Duration oldestTrackedAge() { return oldestTrackedAge; }

    /** Tracked paths of both kinds. */
    public long trackedCount() { return trackedFiles + trackedDirectories; }

    @Override
    public String toString() {
        return "TempFileStats{files=" + trackedFiles + ", directories=" + trackedDirectories
                + ", bytes=" + trackedBytes + ", created=" + createdTotal + ", deleted=" + deletedTotal
                + ", released=" + releasedTotal + ", failures=" + cleanupFailureCount
                + ", skipped=" + skippedCount + ", unmanaged=" + unmanagedCreatedTotal
                + ", agentErrors=" + agentErrorCount + ", oldestAge=" + oldestTrackedAge
                + ", adoptedDeleteOnExit=" + adoptedDeleteOnExitTotal + ", uncaptured=" + uncapturedCreatedTotal + '}';
    }
}
