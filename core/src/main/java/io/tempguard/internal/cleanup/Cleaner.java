package io.tempguard.internal.cleanup;

import io.tempguard.CleanupResult;
import io.tempguard.PathKind;
import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.forensics.ForensicEvents;
import io.tempguard.internal.RemovalBatch;
import io.tempguard.internal.fs.DeleteOutcome;
import io.tempguard.internal.fs.DeletionListener;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Deletes (or previews deleting) a set of tracked entries: files first, then directories deepest
 * first, so a tracked directory is emptied of its tracked children before it is removed. Never
 * throws: each path ends as deleted, already gone, skipped or failed, and a failed path stays
 * tracked for the next try.
 *
 * <p>A deletion runs as a {@link DeletionPlan}: tracked files grouped by parent directory (each
 * directory opened once per group of up to {@link DeletionPlan#FILES_PER_TASK}), tracked
 * directories one by one, the tasks of a band on up
 * to {@link Workers#PARALLELISM} threads. Every path still gets {@link SafeDeleter}'s checks; the
 * mount table is read once per run ({@link SafeDeleter.Job}).
 */
public final class Cleaner {
    private static final Logger LOG = Logs.get(Cleaner.class);

    /** Files before directories; among directories the deepest first; then registration order. */
    static final Comparator<Entry> ORDER = new Comparator<Entry>() {
        @Override
        public int compare(Entry a, Entry b) {
            int order = DeletionOrder.compare(a.kind(), a.path(), b.kind(), b.path());
            return order != 0 ? order : Long.compare(a.seq(), b.seq());
        }
    };

    /** The label of the cleanup at JVM exit; its deletions are the reaper's in the JFR events. */
    public static final String AT_EXIT = "shutdown cleanup";

    private final Registry registry;
    private final SafeDeleter deleter;
    private final AtomicLong failures = new AtomicLong();

    public Cleaner(Registry registry, SafeDeleter deleter) {
        this.registry = registry;
        this.deleter = deleter;
    }

    /** Delete attempts that failed, over the manager's life. */
    public long failureCount() {
        return failures.get();
    }

    public CleanupResult run(Iterable<Entry> candidates, boolean dryRun) {
        return run(candidates, dryRun, "cleanup");
    }

    /** As {@link #run(Iterable, boolean)}; {@code label} names the cleanup in its one summary line. */
    public CleanupResult run(Iterable<Entry> candidates, boolean dryRun, String label) {
        if (!dryRun) return runDeletion(candidates, label, Workers.PARALLELISM);
        List<Entry> ordered = new ArrayList<>();
        for (Entry e : candidates) ordered.add(e);
        ordered.sort(ORDER);
        CleanupResultBuilder result = new CleanupResultBuilder(dryRun);
        Set<Path> directories = new HashSet<>();
        if (dryRun) {
            for (Entry e : ordered) if (e.kind() == PathKind.DIRECTORY) directories.add(e.path());
        }
        SafeDeleter.Job job = new SafeDeleter.Job();
        OwnOperations.enter();
        try {
            for (Entry entry : ordered) preview(entry, result, DeletionOrder.hasAncestorIn(entry.path(), directories), job);
        } finally {
            OwnOperations.exit();
        }
        return result.build();
    }

    /** Deletes {@code candidates} band by band, the tasks of a band on up to {@code parallelism} threads. */
    CleanupResult runDeletion(Iterable<Entry> candidates, String label, int parallelism) {
        final long start = System.nanoTime();
        final String deletedBy = AT_EXIT.equals(label) ? ForensicEvents.BY_REAPER : ForensicEvents.BY_CLEANUP;
        final CleanupResultBuilder result = new CleanupResultBuilder(false);
        final SafeDeleter.Job job = new SafeDeleter.Job();
        Function<DeletionPlan.Task, CleanupResultBuilder> work = new Function<DeletionPlan.Task, CleanupResultBuilder>() {
            @Override
            public CleanupResultBuilder apply(DeletionPlan.Task task) {
                CleanupResultBuilder part = new CleanupResultBuilder(false).deletedBy(deletedBy);
                if (task.files) deleteFiles(task.entries, part, job);
                else deleteClaimed(task.entries.get(0), part, job);
                return part;
            }
        };
        Consumer<CleanupResultBuilder> merge = new Consumer<CleanupResultBuilder>() {
            @Override
            public void accept(CleanupResultBuilder part) {
                result.add(part);
            }
        };
        OwnOperations.enter();
        try {
            for (List<DeletionPlan.Task> band : DeletionPlan.bands(candidates)) {
                Workers.run(band, parallelism, work, merge);
            }
        } finally {
            OwnOperations.exit();
        }
        CleanupResult done = result.build();
        logSummary(label, done);
        ForensicEvents.cleanup(label, done, System.nanoTime() - start);
        return done;
    }

    /** Deletes one task's tracked files of one parent directory, each claimed and still tracked, as one group. */
    private void deleteFiles(List<Entry> group, CleanupResultBuilder result, SafeDeleter.Job job) {
        List<Entry> claimed = new ArrayList<>(group.size());
        List<Entry> live = new ArrayList<>(group.size());
        List<Path> paths = new ArrayList<>(group.size());
        List<FileIdentity> identities = new ArrayList<>(group.size());
        try {
            for (Entry entry : group) {
                if (!entry.tryClaim()) continue;
                claimed.add(entry);
                // Handled meanwhile (by the host, or released): the entry says so itself, no lookup by path.
                if (!entry.isTracked()) continue;
                live.add(entry);
                paths.add(entry.path()); // built once: each build is a new Path
                identities.add(entry.identity());
            }
            if (paths.isEmpty()) return;
            // The deleter reports the tracked files themselves too; only paths below them (one that
            // became a directory after all) can be other tracked entries.
            int memberDepth = paths.get(0).getNameCount();
            DeleteOutcome[] outcomes = deleter.deleteSiblings(paths, identities, false,
                    new InnerTrackedPaths(result, memberDepth), job);
            RemovalBatch batch = RemovalBatch.begin(); // the journal writes the task's removals in one go
            try {
                for (int i = 0; i < outcomes.length; i++) record(live.get(i), paths.get(i), outcomes[i], result);
            } finally {
                if (batch != null) batch.end();
            }
        } finally {
            for (Entry entry : claimed) entry.unclaim();
        }
    }

    private void deleteClaimed(Entry entry, CleanupResultBuilder result, SafeDeleter.Job job) {
        if (entry.tryClaim()) {
            try {
                delete(entry, result, job);
            } finally {
                entry.unclaim();
            }
        }
    }

    /** Takes a tracked path that went with a directory being deleted recursively out of the registry. */
    private final class InnerTrackedPaths implements DeletionListener {
        private final CleanupResultBuilder result;
        private final int deeperThan;

        InnerTrackedPaths(CleanupResultBuilder result, int deeperThan) {
            this.result = result;
            this.deeperThan = deeperThan;
        }

        @Override
        public void deleted(Path deletedPath) {
            if (deletedPath.getNameCount() <= deeperThan) return; // the tracked path itself: recorded by its outcome
            Entry inner = registry.get(deletedPath);
            if (inner != null && registry.remove(inner, Registry.Removal.DELETED)) result.deleted(deletedPath);
        }

        /**
         * Files of a directory holding no tracked path need not be named one by one. One tracked there
         * after this answer and deleted by the walk stays in the registry until the next cleanup or
         * reconcile finds it gone and releases it: counted a little longer, never deleted twice.
         */
        @Override
        public boolean wantsEntriesOf(Path directory) {
            return registry.mayHoldIn(directory);
        }
    }

    /** Deletes one entry now (a scoped handle closing); the outcome goes into {@code result}. */
    public void deleteOne(Entry entry, CleanupResultBuilder result) {
        result.deletedBy(ForensicEvents.BY_CLEANUP);
        OwnOperations.enter();
        try {
            deleteClaimed(entry, result, new SafeDeleter.Job());
        } finally {
            OwnOperations.exit();
        }
    }

    private void delete(Entry entry, CleanupResultBuilder result, SafeDeleter.Job job) {
        if (!entry.isTracked()) return; // handled meanwhile (inside a deleted directory, or by the host)
        Path tracked = entry.path();
        DeleteOutcome outcome = deleter.delete(tracked, entry.identity(), false,
                new InnerTrackedPaths(result, tracked.getNameCount()), job);
        record(entry, tracked, outcome, result);
    }

    /** What an outcome does to the registry and the result; {@code tracked} is the entry's path. */
    private void record(Entry entry, Path tracked, DeleteOutcome outcome, CleanupResultBuilder result) {
        switch (outcome.status()) {
            case DELETED:
                result.bytesFreed(outcome.bytes());
                if (registry.remove(entry, Registry.Removal.DELETED)) result.deleted(tracked);
                break;
            case ALREADY_GONE:
                if (registry.remove(entry, Registry.Removal.RELEASED)) result.alreadyGone();
                break;
            case SKIPPED:
                if (registry.remove(entry, Registry.Removal.SKIPPED)) {
                    result.skipped(tracked, outcome.reason());
                    // Per path only at DEBUG: the run's summary line is the one WARN (issue 9 item 7).
                    LOG.debug("tempguard: not deleting {}: {}; no longer tracked", tracked, outcome.reason());
                }
                break;
            case FAILED:
                result.bytesFreed(outcome.bytes());
                result.failed(tracked, outcome.reason());
                failures.incrementAndGet();
                LOG.debug("tempguard: could not delete {}: {}; it stays tracked for the next cleanup",
                        tracked, outcome.reason());
                break;
            default:
                throw new AssertionError(outcome.status());
        }
    }

    /**
     * Previews one entry. Bytes of a path inside another previewed directory are counted by that
     * directory's walk, so they are not added twice.
     */
    private void preview(Entry entry, CleanupResultBuilder result, boolean insidePreviewedDirectory,
                         SafeDeleter.Job job) {
        DeleteOutcome outcome = deleter.delete(entry.path(), entry.identity(), true, SafeDeleter.IGNORE, job);
        OutcomeTally.add(result, entry.path(), outcome, !insidePreviewedDirectory);
    }

    /** How many problems the summary line names; the rest are counted (and listed at DEBUG). */
    static final int PROBLEMS_NAMED = 3;

    /** One line per run, whatever the number of paths: a guest must not flood the host's log. */
    private static void logSummary(String label, CleanupResult done) {
        if (done.failureCount() + done.skippedCount() > 0) {
            LOG.warn("tempguard {}: {}; {}", label, done.summary(), firstProblems(done));
        } else if (done.deletedCount() + done.alreadyGoneCount() > 0) {
            LOG.info("tempguard {}: {}", label, done.summary());
        } else {
            LOG.debug("tempguard {}: nothing to do", label);
        }
    }

    private static String firstProblems(CleanupResult done) {
        StringBuilder line = new StringBuilder();
        int named = 0;
        for (CleanupResult.Problem p : done.failures()) {
            if (named == PROBLEMS_NAMED) break;
            line.append(named++ == 0 ? "" : "; ").append("could not delete ").append(p);
        }
        for (CleanupResult.Problem p : done.skipped()) {
            if (named == PROBLEMS_NAMED) break;
            line.append(named++ == 0 ? "" : "; ").append("not deleting ").append(p);
        }
        long more = done.failureCount() + done.skippedCount() - named;
        if (more > 0) line.append("; and ").append(more).append(" more (log=debug lists each)");
        return line.toString();
    }
}
