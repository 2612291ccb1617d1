package io.tempguard;

import javax.management.ConstructorParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An orphan sweep's result as it crosses JMX ({@link TempFileManagerMXBean#sweepOrphans()}). */
public final class SweepReport {
    private final String summary;
    private final int journalsSwept;
    private final int journalsLive;
    private final int journalsSetAside;
    private final int journalsBusy;
    private final List<String> problems;
    private final CleanupReport paths;

    @ConstructorParameters({"summary", "journalsSwept", "journalsLive", "journalsSetAside", "journalsBusy", "problems",
            "paths"})
    public SweepReport(String summary, int journalsSwept, int journalsLive, int journalsSetAside, int journalsBusy,
                       List<String> problems, CleanupReport paths) {
        this.summary = summary;
        this.journalsSwept = journalsSwept;
        this.journalsLive = journalsLive;
        this.journalsSetAside = journalsSetAside;
        this.journalsBusy = journalsBusy;
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
        this.paths = paths;
    }

    public static SweepReport of(SweepResult r) {
        List<String> problems = r.problems().size() > CleanupReport.MAX_LISTED
                ? r.problems().subList(0, CleanupReport.MAX_LISTED) : r.problems();
        return new SweepReport(r.summary(), r.journalsSwept(), r.journalsLive(), r.journalsSetAside(), r.journalsBusy(), problems,
                CleanupReport.of(r.paths()));
    }

    public String getSummary() { return summary; }

    public int getJournalsSwept() { return journalsSwept; }

    public int getJournalsLive() { return journalsLive; }

    public int getJournalsSetAside() { return journalsSetAside; }

    /** Journals of dead JVMs that another process was sweeping at the same moment (left to it). */
    public int getJournalsBusy() { return journalsBusy; }

    public List<String> getProblems() { return problems; }

    /** What happened to the paths the swept journals listed. */
    public CleanupReport getPaths() { return paths; }

    @Override
    public String toString() { return summary; }
}
