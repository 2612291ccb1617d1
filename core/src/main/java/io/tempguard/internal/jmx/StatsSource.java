package io.tempguard.internal.jmx;

import io.tempguard.TempFileStats;

/** What the MXBean's attributes read: the manager's counters and its journal's health. */
public interface StatsSource {

    /** One consistent snapshot of the counters (O(1), no disk access): what {@code Stats} serves. */
    TempFileStats stats();

    /**
     * One counter alone, read without building a snapshot: what each single attribute serves
     * (a scraper reading one attribute pays for one value).
     */
    long counter(Counter which);

    /** The counters the MXBean serves one by one. */
    enum Counter {
        TRACKED_FILES, TRACKED_DIRECTORIES, TRACKED_BYTES, CREATED_TOTAL, DELETED_TOTAL, RELEASED_TOTAL,
        CLEANUP_FAILURES, SKIPPED, OLDEST_TRACKED_AGE_SECONDS, UNMANAGED_CREATED_TOTAL, AGENT_ERRORS,
        ADOPTED_DELETE_ON_EXIT_TOTAL,
        UNCAPTURED_CREATED_TOTAL
    }

    boolean journalHealthy();

    long journalErrorCount();

    String journalStatus();
}
