package io.tempguard;

import java.util.List;

/**
 * The management view of a {@link TempFileManager}, registered as
 * {@code io.tempguard:type=TempFileManager}. Only open types cross the wire, so JConsole,
 * VisualVM and {@code JMX.newMXBeanProxy} need nothing but this interface.
 *
 * <p>Every getter is a point-in-time measurement read from counters kept up to date
 * incrementally; none walks the disk. The statistics counters are declared in {@link StatsReport}
 * and are also read together, at one point in time, as the {@link #getStats() Stats} attribute;
 * each single attribute is its own point in time.
 */
public interface TempFileManagerMXBean extends StatsReport {

    /** At most this many items in each list of a {@link CleanupReport} or {@link SweepReport} over JMX (counts stay exact). */
    int MAX_LISTED_OVER_JMX = 1_000;

    /** {@link #listTracked(int)} returns at most this many rows. */
    int MAX_TRACKED_ROWS = 10_000;

    /** {@link #listUncaptured(int)} returns at most this many rows (the most recent ones are kept). */
    int MAX_UNCAPTURED_ROWS = 100;

    /**
     * All statistics counters at one point in time, in one read (one JMX round trip): a
     * {@code CompositeData} whose items are the statistics attributes' names with a lower-case
     * first letter ({@code trackedFileCount}, {@code createdTotal}, ...), all {@code long}. Unlike
     * reading the single attributes one after another, its totals always satisfy
     * {@code createdTotal == trackedFileCount + trackedDirectoryCount + deletedTotal + releasedTotal
     * + skippedCount}. Older tempguard versions lack it: read the single attributes there.
     */
    StatsReport getStats();

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

    /** Up to {@code limit} tracked paths, oldest first ({@code limit <= 0}: all, capped at {@link #MAX_TRACKED_ROWS}). */
    List<TrackedPathRow> listTracked(int limit);

    /** Walks the tracked paths to measure their true size (directories included); returns the new total. */
    long measureTrackedBytes();

    /** Deletes what JVMs killed without cleanup left behind, as recorded in their journals; live JVMs are not touched. */
    SweepReport sweepOrphans();

    /** Drops tracked paths that no longer exist or now name another file; returns how many were dropped. */
    long reconcile();

    /**
     * The capture rules, globs joined by ':' ("" when none), matched against a created path relative to its
     * root. Writable: a bad glob is refused with IllegalArgumentException and the rules stay as they were.
     */
    @Description("Capture rules: globs relative to a root, joined by ':', for paths created by mkdirs, FileOutputStream, Files.write, ... (\"\" = none)")
    String getCaptureRules();

    void setCaptureRules(String rules);

    /**
     * The most recent paths created under a root with the other creation APIs that no capture rule
     * matched, newest first ({@code limit <= 0}: all kept, at most {@link #MAX_UNCAPTURED_ROWS}). Never deleted.
     */
    @Description("Most recent paths created under a root that no capture rule matched, newest first (rows: path, kind, age in s)")
    List<UncapturedPathRow> listUncaptured(
            @Description(name = "limit", value = "At most this many rows; <= 0 for all kept (at most 100)") int limit);
}
