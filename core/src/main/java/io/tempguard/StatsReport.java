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
    @Description("Tracked temp paths that are files, now (files)")
    long getTrackedFileCount();

    /** Tracked paths that are directories. */
    @Description("Tracked temp paths that are directories, now (directories)")
    long getTrackedDirectoryCount();

    /** Bytes tracked paths hold (directory trees included), as last refreshed from disk: see {@code TrackedBytesAgeSeconds}. */
    @Description("Bytes the tracked paths hold now, directory trees included, as last refreshed from disk (bytes; see TrackedBytesAgeSeconds)")
    long getTrackedBytes();

    /** Paths that ever started being tracked. */
    @Description("Temp paths that ever started being tracked since start (paths, counter)")
    long getCreatedTotal();

    /** Tracked paths tempguard deleted. */
    @Description("Tracked paths tempguard deleted since start (paths, counter)")
    long getDeletedTotal();

    /** Tracked paths let go without tempguard deleting them (unregistered, deleted or moved by the host). */
    @Description("Tracked paths let go without tempguard deleting them: unregistered, or deleted or moved by the host (paths, counter)")
    long getReleasedTotal();

    /** Delete attempts that failed; each such path stayed tracked. */
    @Description("Delete attempts that failed since start; each such path stayed tracked (attempts, counter)")
    long getCleanupFailureCount();

    /** Tracked paths not deleted for safety: the name belongs to another file now, or left the roots. */
    @Description("Tracked paths not deleted for safety: the name belongs to another file now, or left the roots (paths, counter)")
    long getSkippedCount();

    /** Seconds the oldest tracked path has been tracked; 0 when nothing is. */
    @Description("How long the oldest tracked path has been tracked; 0 when nothing is (seconds)")
    long getOldestTrackedAgeSeconds();

    /** Temp paths the host created outside every root: counted, never deleted. */
    @Description("Temp paths the host created outside every root: counted, never deleted (paths, counter)")
    long getUnmanagedCreatedTotal();

    /** Faults inside the agent's interception, swallowed so the host never saw them. */
    @Description("Faults inside the agent's interception, swallowed so the host never saw them (faults, counter)")
    long getAgentErrorCount();

    /** Paths the host handed to File.deleteOnExit that tempguard took over: tracked, journaled and deleted at exit. */
    @Description("Paths the host handed to File.deleteOnExit that tempguard tracks, journals and deletes at exit (count since start)")
    long getAdoptedDeleteOnExitTotal();
    /** Paths the host created under a root with mkdirs, FileOutputStream, Files.write and the like that no capture rule matched: counted, never deleted. */
    @Description("Paths created under a root by other creation APIs (mkdirs, FileOutputStream, ...) that no capture rule matched; never deleted (count)")
    long getUncapturedCreatedTotal();
}
