package io.tempguard;

/**
 * The counters of a {@link TempFileStats} snapshot as they cross JMX: the MXBean's individual
 * statistics attributes, and the items of its {@link TempFileManagerMXBean#getStats() Stats}
 * attribute (a {@code CompositeData} named {@code io.tempguard.StatsReport}, item names the
 * attribute names with a lower-case first letter: {@code trackedFileCount}, ...). In-process code
 * uses {@link TempFileManager#stats()}.
 */
public interface StatsReport {

    /** Tracked paths that are files. */
    long getTrackedFileCount();

    /** Tracked paths that are directories. */
    long getTrackedDirectoryCount();

    /** Bytes of tracked paths as last measured; directories count once {@link TempFileManagerMXBean#measureTrackedBytes()} ran. */
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

    /** Paths the host created under a root with mkdirs, FileOutputStream, Files.write and the like that no capture rule matched: counted, never deleted. */
    @Description("Paths created under a root by other creation APIs (mkdirs, FileOutputStream, ...) that no capture rule matched; never deleted (count)")
    long getUncapturedCreatedTotal();
}
