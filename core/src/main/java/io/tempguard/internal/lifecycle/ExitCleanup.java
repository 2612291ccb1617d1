package io.tempguard.internal.lifecycle;

import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;

import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a manager's {@link ShutdownCleanup} runs at exit ({@link #run}) and how it describes what is
 * left when that is cut short ({@link #get}). One named class rather than two lambdas: it is built
 * during the host's start, where linking the JVM's first lambda costs tens of milliseconds.
 *
 * <p>Paths the host handed to {@code File.deleteOnExit} ({@link Entry#deleteAtExit()}) are deleted
 * even when shutdown cleanup is off: the host asked for it.
 */
public final class ExitCleanup implements Runnable, Supplier<String> {
    private static final Logger LOG = Logs.get(ExitCleanup.class);
    private final Registry registry;
    private final Cleaner cleaner;
    private final JournalWriter journal;
    private final boolean deleteTracked;
    private volatile boolean started;
    /** Runs first (adopting the File.deleteOnExit paths written since the last check); null: nothing. */
    private volatile Runnable first;

    /**
     * @param journal       the manager's journal, or null when it has none
     * @param deleteTracked whether to delete what is tracked (shutdown cleanup on) or only what the
     *                      host marked for deletion at exit, and retire the journal
     */
    public ExitCleanup(Registry registry, Cleaner cleaner, JournalWriter journal, boolean deleteTracked) {
        this.registry = registry;
        this.cleaner = cleaner;
        this.journal = journal;
        this.deleteTracked = deleteTracked;
    }

    /** Runs {@code task} at exit before anything is deleted. */
    void runFirst(Runnable task) {
        this.first = task;
    }

    /** True once the exit cleanup began: a path marked after that might not be seen by it. */
    boolean started() {
        return started;
    }

    /**
     * Runs on the shutdown hook's own thread, before the bounded {@link #run}: with shutdown cleanup
     * off, the journal is narrowed to the paths marked for deletion at exit first (one file written
     * and renamed), so that however soon the timeout cuts the cleanup short, a later sweep deletes
     * only those and nothing the host meant to keep.
     */
    void prepare() {
        if (!deleteTracked && journal != null) journal.keepOnlyDeleteAtExit();
    }

    @Override
    public void run() {
        Runnable task = first;
        if (task != null) task.run(); // before started: what it adopts is still promised a deletion
        started = true;
        if (deleteTracked) {
            cleaner.run(registry.oldestFirst(), false, Cleaner.AT_EXIT); // in order: nothing to sort at exit
            // What could not be deleted is said with its count and where it goes next, never silently.
            if (!registry.isEmpty()) LOG.warn("tempguard: exiting with {}", get());
            // Paths that failed stay listed for a later sweep.
            if (journal != null) journal.finish(true);
            return;
        }
        List<Entry> marked = markedForExit();
        if (marked.isEmpty()) {
            // Shutdown cleanup off: the host meant to keep what is tracked, so the journal goes.
            if (journal != null) journal.finish(false);
            return;
        }
        // The journal lists only the marked paths (prepare): the ones that fail stay listed for a sweep.
        cleaner.run(marked, false, Cleaner.AT_EXIT);
        if (!markedForExit().isEmpty()) LOG.warn("tempguard: exiting with {}", get());
        if (journal != null) journal.finish(true);
    }

    private List<Entry> markedForExit() {
        List<Entry> marked = new ArrayList<>();
        for (Entry e : registry.oldestFirst()) if (e.deleteAtExit()) marked.add(e);
        return marked;
    }

    /** What is still tracked and what becomes of it: a later sweep (the journal lists it), or nothing. */
    @Override
    public String get() {
        String left = deleteTracked
                ? registry.fileCount() + " files and " + registry.directoryCount() + " directories still tracked"
                : markedForExit().size() + " File.deleteOnExit paths not deleted yet";
        if (journal == null) {
            return left + "; this JVM keeps no journal (journal=false), so no sweep will find them: they stay on disk";
        }
        if (!journal.healthy()) {
            return left + "; the journal is not working (" + journal.status() + "), so a sweep may not find them";
        }
        return left + "; the journal " + journal.file() + " lists them for a later sweep";
    }
}
