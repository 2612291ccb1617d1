package io.tempguard.internal.lifecycle;

import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.registry.Registry;

import java.util.function.Supplier;

/**
 * What a manager's {@link ShutdownCleanup} runs at exit ({@link #run}) and how it describes what is
 * left when that is cut short ({@link #get}). One named class rather than two lambdas: it is built
 * during the host's start, where linking the JVM's first lambda costs tens of milliseconds.
 */
public final class ExitCleanup implements Runnable, Supplier<String> {
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
        if (deleteTracked) cleaner.run(registry.entries(), false, Cleaner.AT_EXIT);
        // Nothing left tracked: the journal goes. Paths that failed stay listed for a later sweep;
        // with shutdown cleanup off the host meant to keep them, so the journal goes either way.
        if (journal != null) journal.finish(deleteTracked);
    }

    @Override
    public String get() {
        return registry.fileCount() + " files and " + registry.directoryCount() + " directories still tracked";
    }
}
