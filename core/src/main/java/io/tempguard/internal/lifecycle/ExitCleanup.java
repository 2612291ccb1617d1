package io.tempguard.internal.lifecycle;

import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.registry.Registry;

import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.util.function.Supplier;

/**
 * What a manager's {@link ShutdownCleanup} runs at exit ({@link #run}) and how it describes what is
 * left when that is cut short ({@link #get}). One named class rather than two lambdas: it is built
 * during the host's start, where linking the JVM's first lambda costs tens of milliseconds.
 */
public final class ExitCleanup implements Runnable, Supplier<String> {
    private static final Logger LOG = Logs.get(ExitCleanup.class);
    private final Registry registry;
    private final Cleaner cleaner;
    private final JournalWriter journal;
    private final boolean deleteTracked;

    /**
     * @param journal       the manager's journal, or null when it has none
     * @param deleteTracked whether to delete what is tracked (shutdown cleanup on) or only retire the journal
     */
    public ExitCleanup(Registry registry, Cleaner cleaner, JournalWriter journal, boolean deleteTracked) {
        this.registry = registry;
        this.cleaner = cleaner;
        this.journal = journal;
        this.deleteTracked = deleteTracked;
    }

    @Override
    public void run() {
        if (deleteTracked) {
            cleaner.run(registry.oldestFirst(), false, Cleaner.AT_EXIT); // in order: nothing to sort at exit
            // What could not be deleted is said with its count and where it goes next, never silently.
            if (!registry.isEmpty()) LOG.warn("tempguard: exiting with {}", get());
        }
        // Nothing left tracked: the journal goes. Paths that failed stay listed for a later sweep;
        // with shutdown cleanup off the host meant to keep them, so the journal goes either way.
        if (journal != null) journal.finish(deleteTracked);
    }

    /** What is still tracked and what becomes of it: a later sweep (the journal lists it), or nothing. */
    @Override
    public String get() {
        String left = registry.fileCount() + " files and " + registry.directoryCount() + " directories still tracked";
        if (journal == null) {
            return left + "; this JVM keeps no journal (journal=false), so no sweep will find them: they stay on disk";
        }
        if (!journal.healthy()) {
            return left + "; the journal is not working (" + journal.status() + "), so a sweep may not find them";
        }
        return left + "; the journal " + journal.file() + " lists them for a later sweep";
    }
}
