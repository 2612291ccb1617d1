package io.tempguard.internal.sweep;

/**
 * How the journals one sweep looked at ended up, one counter per outcome (the journal counts of a
 * {@link io.tempguard.SweepResult}). Not thread-safe: one per sweep.
 */
final class JournalCounts {
    /** Journals of dead JVMs whose paths were swept (or, in a dry run, examined). */
    int swept;
    /** Journals whose owner is alive, or might be: left alone. */
    int live;
    /** Unreadable journals renamed {@code *.corrupt}. */
    int setAside;
    /** Journals of dead JVMs that another sweeper holds locked right now. */
    int busy;
}
