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
 * each single attribute is its own point in time. ({@code FreeSpaceBytes} and
 * {@code FreeSpacePercent} cost one {@code statfs} per root.)
 *
 * <p>The registered MBean is also a notification broadcaster (cast a proxy to
 * {@code javax.management.NotificationEmitter}, or {@code addNotificationListener} on the
 * connection): {@code io.tempguard.threshold.exceeded} when a threshold ({@code WarnTrackedFiles},
 * {@code WarnTrackedBytes}, {@code WarnFreeSpace}) is crossed, once per crossing, and
 * {@code io.tempguard.threshold.recovered} when the value falls back (below 90% of a count or byte
 * limit, above 110% of a free-space limit). User data: a {@code CompositeData} with
 * {@code threshold} (String), {@code value} (long), {@code limit} (long), {@code topSites}
 * (String[]).
 */
public interface TempFileManagerMXBean extends StatsReport {

    /** At most this many items in each list of a {@link CleanupReport} or {@link SweepReport} over JMX (counts stay exact). */
    int MAX_LISTED_OVER_JMX = 1_000;

    /** {@link #listTracked(int)} returns at most this many rows. */
    int MAX_TRACKED_ROWS = 10_000;

    /** {@link #topSites(int)} returns at most this many rows. */
    int MAX_SITE_ROWS = 1_000;
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
    @Description("All statistics counters read together at one point in time, in one JMX round trip (CompositeData of longs)")
    StatsReport getStats();

    /** The directories under which temp paths are managed. */
    @Description("The directories under which temp paths are tracked and may be deleted (absolute paths)")
    List<String> getRoots();

    /** Whether tracked paths are deleted when the JVM exits normally. */
    @Description("Whether the tracked paths are deleted when the JVM exits normally")
    boolean isShutdownCleanupEnabled();

    /** tempguard's version. */
    @Description("The tempguard version serving this MBean")
    String getVersion();

    /** Whether the crash journal is being written; false when it is off, refused or failing. */
    @Description("Whether the crash journal is being written; false when it is off, refused or failing")
    boolean isJournalHealthy();

    /** Times the journal could not be written (disk full, permission lost) or was refused. */
    @Description("Times the crash journal could not be written (disk full, permission lost) or was refused (errors, counter)")
    long getJournalErrorCount();

    /** The journal file and size, or why the journal is off. */
    @Description("The crash journal file and its size, or why the journal is off")
    String getJournalStatus();

    // ---- Early warning (thresholds; notifications in getNotificationInfo(): io.tempguard.threshold.exceeded/recovered)

    /** Seconds since the last complete refresh of {@code TrackedBytes} from disk started (how old the figure is). */
    @Description("Age of TrackedBytes: seconds since its last complete refresh from disk started")
    long getTrackedBytesAgeSeconds();

    /** Warn when more files than this are tracked; 0 is off. */
    @Description("Warn (notification io.tempguard.threshold.exceeded) when more files than this are tracked; 0 = off")
    long getWarnTrackedFiles();

    /** Sets {@link #getWarnTrackedFiles()}; a negative value is refused. */
    void setWarnTrackedFiles(long limit);

    /** Warn when tracked paths hold more bytes than this; 0 is off. */
    @Description("Warn when tracked paths hold more than this many bytes; 0 = off")
    long getWarnTrackedBytes();

    /** Sets {@link #getWarnTrackedBytes()}; a negative value is refused. */
    void setWarnTrackedBytes(long limit);

    /** Warn when a root's file system has less free space than this: {@code 10%}, a size such as {@code 2g}, or {@code 0} (off). */
    @Description("Warn when a root's file system has less free space than this: PERCENT% or a size (2g, 512m); 0 = off")
    String getWarnFreeSpace();

    /** Sets {@link #getWarnFreeSpace()}; a value that is not {@code PERCENT%}, a size or 0 is refused. */
    void setWarnFreeSpace(String limit);

    /** The thresholds exceeded now by option name ({@code warnTrackedFiles}, ...); empty when all are clear. */
    @Description("Thresholds exceeded now (warnTrackedFiles, warnTrackedBytes, warnFreeSpace); empty when all clear")
    String[] getExceededThresholds();

    /** How many thresholds are exceeded now: {@code ExceededThresholds} as a number, for scrapers that read numbers only. */
    @Description("How many warn* thresholds are exceeded now; 0 when all clear (for scrapers that read numbers only)")
    int getExceededThresholdCount();

    /** Free bytes on the file system of the fullest root (smallest share free); -1 when no root can be read. */
    @Description("Free bytes (usable by this JVM) on the file system of the fullest root; -1 if unreadable")
    long getFreeSpaceBytes();

    /** Free share in percent of the fullest root's file system; -1 when no root can be read. */
    @Description("Free space in percent of the fullest root's file system; -1 if unreadable")
    double getFreeSpacePercent();

    /** Deletes every tracked path: files first, then directories deepest first. */
    @Description("Deletes every tracked path now (files first, then directories deepest first) and reports what it did")
    CleanupReport cleanupAll();

    /** Deletes the tracked paths tracked for at least {@code seconds}. */
    @Description("Deletes the tracked paths tracked for at least the given number of seconds and reports what it did")
    CleanupReport cleanupOlderThan(@Description(name = "seconds", value = "Minimum time tracked, in seconds (>= 0)") long seconds);

    /** Reports what {@code cleanupOlderThan(olderThanSeconds)} would delete, deleting nothing (0: everything). */
    @Description("Reports what cleanupOlderThan would delete, deleting nothing")
    CleanupReport previewCleanup(@Description(name = "olderThanSeconds", value = "Minimum time tracked, in seconds (>= 0; 0: everything)") long olderThanSeconds);

    /** Up to {@code limit} tracked paths, oldest first ({@code limit <= 0}: all, capped at {@link #MAX_TRACKED_ROWS}). */
    @Description("The tracked paths, oldest first: path, kind, size in bytes, age in seconds")
    List<TrackedPathRow> listTracked(@Description(name = "limit", value = "At most this many rows (<= 0: all, capped at 10,000)") int limit);

    /**
     * Which code made the tracked paths: up to {@code limit} creation sites, the largest live count
     * first ({@code limit <= 0}: all, capped at {@link #MAX_SITE_ROWS}). In sampled mode
     * ({@code estimated} true) the figures are the sampled ones times the sample rate.
     */
    @Description("Creation sites of the tracked paths (site, thread, liveCount, liveBytes in bytes, createdTotal, "
            + "oldestAgeSeconds in seconds, estimated), largest live count first")
    List<SiteRow> topSites(@Description(name = "limit", value = "Most rows to return (0 or less: all, at most 1000)")
                           int limit);

    /** Walks the tracked paths to measure their true size (directories included); returns the new total. */
    @Description("Walks the tracked paths to measure their true size, directories included; returns the new total (bytes)")
    long measureTrackedBytes();

    /** Deletes what JVMs killed without cleanup left behind, as recorded in their journals; live JVMs are not touched. */
    @Description("Deletes what JVMs killed without cleanup left behind, as their crash journals record; live JVMs are not touched")
    SweepReport sweepOrphans();

    /** Drops tracked paths that no longer exist or now name another file; returns how many were dropped. */
    @Description("Drops tracked paths that no longer exist or now name another file; returns how many were dropped (paths)")
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
