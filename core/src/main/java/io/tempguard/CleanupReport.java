package io.tempguard;

import java.util.List;

/**
 * A {@link CleanupResult} as it crosses JMX: the open type (a {@code CompositeData} named
 * {@code io.tempguard.CleanupReport}) that the MXBean's cleanup operations return, described by
 * these getters. JConsole shows it as a table; {@code JMX.newMXBeanProxy} hands it back as this
 * interface. Counts are exact; each list holds at most {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}
 * items. In-process code uses {@link CleanupResult}.
 */
public interface CleanupReport {
    // Getters only: JMX.newMXBeanProxy rebuilds an interface from CompositeData only if it has no
    // other methods (so the mapping from CleanupResult is CleanupResult#toReport, not a static here).

    boolean isDryRun();

    /** One line: what was (or would be) deleted, bytes freed, failures, skipped. */
    String getSummary();

    long getDeletedCount();

    long getAlreadyGoneCount();

    long getBytesFreed();

    long getFailureCount();

    long getSkippedCount();

    /** The deleted tracked paths, at most {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}. */
    List<String> getDeleted();

    /** Paths whose deletion failed (still tracked), at most {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}. */
    List<ProblemRow> getFailures();

    /** Paths not deleted for safety, at most {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}. */
    List<ProblemRow> getSkipped();

    /** A {@link CleanupResult.Problem} as it crosses JMX: a path and why it was not deleted. */
    interface ProblemRow {
        String getPath();

        String getReason();
    }
}
