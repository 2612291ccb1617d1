package io.tempguard.internal.sweep;

import io.tempguard.internal.journal.ProcessIdentity;
import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong sweeping one journal, logged as one line (a guest says at most one line per
 * event). Problems that stay in the journal for the next sweep (paths that could not be deleted,
 * refused roots) are logged at WARN the first time only: while they stay the same, later sweeps,
 * in every JVM that starts, log them at DEBUG (see {@link ReportedProblems}).
 */
final class ProblemSummary {
    private static final Logger LOG = Logs.get(OrphanSweeper.class);

    private final Path journal;
    private final ProcessIdentity owner;
    private final List<String> refusedRoots = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    ProblemSummary(Path journal, ProcessIdentity owner) {
        this.journal = journal;
        this.owner = owner;
    }

    void refusedRoot(String why) {
        refusedRoots.add(why);
    }

    /** A path that could not be deleted; the journal keeps it for the next sweep. */
    void failed(Path path, String reason) {
        failed.add(path + ": " + reason);
    }

    /** A path left alone for good (identity changed, outside the roots); dropped from the journal. */
    void skipped(Path path, String reason) {
        skipped.add(path + ": " + reason);
    }

    void log(boolean dryRun) {
        if (refusedRoots.isEmpty() && failed.isEmpty() && skipped.isEmpty()) return;
        StringBuilder line = new StringBuilder("tempguard: sweep of journal ").append(journal).append(" (")
                .append(owner).append("): ");
        for (String root : refusedRoots) line.append(root).append(", nothing under it deleted; ");
        if (!failed.isEmpty()) {
            line.append(failed.size()).append(failed.size() == 1 ? " path" : " paths")
                    .append(" could not be deleted, kept for the next sweep (first: ").append(failed.get(0))
                    .append("); ");
        }
        if (!skipped.isEmpty()) {
            line.append(skipped.size()).append(skipped.size() == 1 ? " path" : " paths")
                    .append(" left alone (first: ").append(skipped.get(0)).append("); ");
        }
        String text = line.substring(0, line.length() - 2);
        List<String> kept = new ArrayList<>(refusedRoots);
        kept.addAll(failed);
        String fingerprint = ReportedProblems.fingerprint(kept);
        if (skipped.isEmpty() && !dryRun && ReportedProblems.alreadyReported(journal, fingerprint)) {
            LOG.debug("{} (reported before, unchanged)", text);
            return;
        }
        LOG.warn(text);
        if (!dryRun && !kept.isEmpty()) ReportedProblems.remember(journal, fingerprint);
    }
}
