package io.tempguard;

import java.util.List;

/**
 * A {@link SweepResult} as it crosses JMX ({@link TempFileManagerMXBean#sweepOrphans()}): the open
 * type named {@code io.tempguard.SweepReport}, described by these getters. In-process code uses
 * {@link SweepResult}.
 */
public interface SweepReport {

    String getSummary();

    int getJournalsSwept();

    int getJournalsLive();

    int getJournalsSetAside();

    /** Journals of dead JVMs that another process was sweeping at the same moment (left to it). */
    int getJournalsBusy();

    /** One line per journal-level problem, at most {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}. */
    List<String> getProblems();

    /** What happened to the paths the swept journals listed. */
    CleanupReport getPaths();
}
