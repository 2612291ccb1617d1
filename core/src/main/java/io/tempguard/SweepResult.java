package io.tempguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an orphan sweep found and did: the journals of dead JVMs it processed, those it left
 * alone, and (as a {@link CleanupResult}) what happened to the paths they listed.
 */
public final class SweepResult {
    private final boolean dryRun;
    private final int journalsSwept;
    private final int journalsLive;
    private final int journalsSetAside;
    private final int journalsBusy;
    private final List<String> problems;
    private final CleanupResult paths;

    public SweepResult(boolean dryRun, int journalsSwept, int journalsLive, int journalsSetAside,
                       List<String> problems, CleanupResult paths) {
        this(dryRun, journalsSwept, journalsLive, journalsSetAside, 0, problems, paths);
    }

    public SweepResult(boolean dryRun, int journalsSwept, int journalsLive, int journalsSetAside, int journalsBusy,
                       List<String> problems, CleanupResult paths) {
        this.dryRun = dryRun;
        this.journalsBusy = journalsBusy;
        this.journalsSwept = journalsSwept;
        this.journalsLive = journalsLive;
        this.journalsSetAside = journalsSetAside;
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
        this.paths = paths;
    }

    public boolean isDryRun() { return dryRun; }

    /** Journals of dead JVMs whose paths were swept (or, in a dry run, examined). */
    public int journalsSwept() { return journalsSwept; }

    /** Journals left alone because their owner is alive (holds the lock) or might be. */
    public int journalsLive() { return journalsLive; }

    /**
     * Journals of dead JVMs that another sweep (another JVM, or the console) holds locked and is
     * sweeping right now: not this sweep's to touch, and not live either.
     */
    public int journalsBusy() { return journalsBusy; }

    /** Journals that could not be read at all and were renamed {@code *.corrupt} for inspection. */
    public int journalsSetAside() { return journalsSetAside; }

    /** One line per journal-level problem (corrupt, torn tail, refused), naming the file. */
    public List<String> problems() { return problems; }

    /** The listed paths: deleted, already gone, failed (kept in the journal for the next sweep) or skipped. */
    public CleanupResult paths() { return paths; }

    /** True when no path failed and no journal had to be set aside or refused. */
    public boolean isClean() {
        return paths.failureCount() == 0 && problems.isEmpty();
    }

    public String summary() {
        return (dryRun ? "dry run: " : "") + journalsSwept + " orphaned journal" + (journalsSwept == 1 ? "" : "s")
                + " swept, " + journalsLive + " live left alone"
                + (journalsBusy > 0 ? ", " + journalsBusy + " busy (being swept by another process)" : "")
                + (journalsSetAside > 0 ? ", " + journalsSetAside + " unreadable set aside" : "")
                + "; " + paths.summary();
    }

    @Override
    public String toString() { return summary(); }
}
