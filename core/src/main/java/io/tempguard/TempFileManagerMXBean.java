package io.tempguard;

import java.util.List;

/**
 * The management view of a {@link TempFileManager}, registered as
 * {@code io.tempguard:type=TempFileManager}. Only open types cross the wire, so JConsole,
 * VisualVM and {@code JMX.newMXBeanProxy} need nothing but this interface.
 *
 * <p>Every getter is a point-in-time measurement read from counters kept up to date
 * incrementally; none walks the disk.
 */
public interface TempFileManagerMXBean {

    /** Tracked paths that are files. */
    long getTrackedFileCount();

    /** Tracked paths that are directories. */
    long getTrackedDirectoryCount();

    /** Bytes of tracked paths as last measured; directories count once {@link #measureTrackedBytes()} ran. */
    long getTrackedBytes();

    /** Paths that ever started being tracked. */
    long getCreatedTotal();

    /** Tracked paths tempguard deleted. */
    long getDeletedTotal();

    /** Tracked paths let go without tempguard deleting them (unregistered, deleted or moved by the host). */
    long getReleasedTotal();

    /** Delete attempts that failed; each such path stayed tracked. */
    long getCleanupFailureCount();

    /** Tracked paths not deleted for safety: the name belongs to another file now, or left the roots. */
    long getSkippedCount();

    /** Seconds the oldest tracked path has been tracked; 0 when nothing is. */
    long getOldestTrackedAgeSeconds();

    /** Temp paths the host created outside every root: counted, never deleted. */
    long getUnmanagedCreatedTotal();

    /** Faults inside the agent's interception, swallowed so the host never saw them. */
    long getAgentErrorCount();

    /** The directories under which temp paths are managed. */
    List<String> getRoots();

    /** Whether tracked paths are deleted when the JVM exits normally. */
    boolean isShutdownCleanupEnabled();

    /** tempguard's version. */
    String getVersion();

    /** Whether the crash journal is being written; false when it is off, refused or failing. */
    boolean isJournalHealthy();

    /** Times the journal could not be written (disk full, permission lost) or was refused. */
    long getJournalErrorCount();

    /** The journal file and size, or why the journal is off. */
    String getJournalStatus();

    /** Deletes every tracked path: files first, then directories deepest first. */
    CleanupReport cleanupAll();

    /** Deletes the tracked paths tracked for at least {@code seconds}. */
    CleanupReport cleanupOlderThan(long seconds);

    /** Reports what {@code cleanupOlderThan(olderThanSeconds)} would delete, deleting nothing (0: everything). */
    CleanupReport previewCleanup(long olderThanSeconds);

    /** Up to {@code limit} tracked paths, oldest first ({@code limit <= 0}: all, capped at 10,000). */
    List<TrackedPathRow> listTracked(int limit);

    /** Walks the tracked paths to measure their true size (directories included); returns the new total. */
    long measureTrackedBytes();

    /** Deletes what JVMs killed without cleanup left behind, as recorded in their journals; live JVMs are not touched. */
    SweepReport sweepOrphans();

    /** Drops tracked paths that no longer exist or now name another file; returns how many were dropped. */
    long reconcile();
}
