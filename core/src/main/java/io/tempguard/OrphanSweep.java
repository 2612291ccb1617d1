package io.tempguard;

import io.tempguard.internal.journal.ProcessIdentity;
import io.tempguard.internal.sweep.OrphanSweeper;

import java.nio.file.Path;

/**
 * Sweeps what dead JVMs left behind without any running manager: the console's {@code sweep}.
 * Reads the journals in a directory, and for each whose owner is gone (its lock can be taken)
 * deletes the paths it still lists, with cleanup's safety rules; live JVMs' journals are not touched.
 */
public final class OrphanSweep {

    /**
     * @param journalDir the journal directory ({@link TempFileManagerConfig#defaultJournalDirectory()} by default)
     * @param dryRun     report what would be deleted, delete nothing
     */
    public static SweepResult sweep(Path journalDir, boolean dryRun) {
        // This process's own journals (if it runs a manager) are skipped: opening and closing a file
        // the process has locked would silently drop that lock.
        return new OrphanSweeper(journalDir, ProcessIdentity.current(), dryRun).sweep();
    }

    private OrphanSweep() {
    }
}
