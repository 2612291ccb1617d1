package io.tempguard.internal.jmx;

import io.tempguard.TempFileStats;

/** What the MXBean's attributes read: the manager's counters and its journal's health. */
public interface StatsSource {

    /** One consistent snapshot of the counters (O(1), no disk access). */
    TempFileStats stats();

    boolean journalHealthy();

    long journalErrorCount();

    String journalStatus();
}
