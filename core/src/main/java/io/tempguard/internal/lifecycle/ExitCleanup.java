package io.tempguard.internal.lifecycle;

import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;

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
            cleaner.run(registry.entries(), false, "shutdown cleanup");
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
        cleaner.run(marked, false, "deletion at exit of the File.deleteOnExit paths");
        if (journal != null) journal.finish(true);
    }

    private List<Entry> markedForExit() {
        List<Entry> marked = new ArrayList<>();
        for (Entry e : registry.entries()) if (e.deleteAtExit()) marked.add(e);
        return marked;
    }

    @Override
    public String get() {
        if (deleteTracked) {
            return registry.fileCount() + " files and " + registry.directoryCount() + " directories still tracked";
        }
        return markedForExit().size() + " File.deleteOnExit paths not deleted yet";
    }
}
