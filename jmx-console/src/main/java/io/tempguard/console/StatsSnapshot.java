package io.tempguard.console;

import io.tempguard.Durations;
import io.tempguard.Sizes;
import io.tempguard.TempFileManagerMXBean;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every attribute of the MXBean, read once; shown by {@code stats} and {@code watch}. */
final class StatsSnapshot {
    final String version;
    final long trackedFileCount;
    final long trackedDirectoryCount;
    final long trackedBytes;
    final long createdTotal;
    final long deletedTotal;
    final long releasedTotal;
    final long cleanupFailureCount;
    final long skippedCount;
    final long oldestTrackedAgeSeconds;
    final long unmanagedCreatedTotal;
    final long agentErrorCount;
    final List<String> roots;
    final boolean shutdownCleanupEnabled;
    final boolean journalHealthy;
    final long journalErrorCount;
    final String journalStatus;

    private StatsSnapshot(TempFileManagerMXBean m) {
        version = m.getVersion();
        trackedFileCount = m.getTrackedFileCount();
        trackedDirectoryCount = m.getTrackedDirectoryCount();
        trackedBytes = m.getTrackedBytes();
        createdTotal = m.getCreatedTotal();
        deletedTotal = m.getDeletedTotal();
        releasedTotal = m.getReleasedTotal();
        cleanupFailureCount = m.getCleanupFailureCount();
        skippedCount = m.getSkippedCount();
        oldestTrackedAgeSeconds = m.getOldestTrackedAgeSeconds();
        unmanagedCreatedTotal = m.getUnmanagedCreatedTotal();
        agentErrorCount = m.getAgentErrorCount();
        roots = m.getRoots() == null ? new ArrayList<>() : new ArrayList<>(m.getRoots());
        shutdownCleanupEnabled = m.isShutdownCleanupEnabled();
        journalHealthy = m.isJournalHealthy();
        journalErrorCount = m.getJournalErrorCount();
        journalStatus = m.getJournalStatus();
    }

    static StatsSnapshot read(TempFileManagerMXBean manager) {
        return new StatsSnapshot(manager);
    }

    /** The aligned block {@code stats} prints (and {@code watch} redraws). */
    void print(PrintWriter out, String subject) {
        out.println("tempguard " + version + " in " + subject);
        row(out, "tracked files", Long.toString(trackedFileCount));
        row(out, "tracked directories", Long.toString(trackedDirectoryCount));
        row(out, "tracked bytes", Sizes.human(trackedBytes) + (trackedBytes >= 1024 ? " (" + trackedBytes + " B)" : ""));
        row(out, "oldest tracked", Durations.human(Duration.ofSeconds(oldestTrackedAgeSeconds)));
        row(out, "created total", Long.toString(createdTotal));
        row(out, "deleted total", Long.toString(deletedTotal));
        row(out, "released total", Long.toString(releasedTotal));
        row(out, "cleanup failures", Long.toString(cleanupFailureCount));
        row(out, "skipped", Long.toString(skippedCount));
        row(out, "unmanaged created", Long.toString(unmanagedCreatedTotal));
        row(out, "agent errors", Long.toString(agentErrorCount));
        row(out, "roots", TerminalText.escape(String.join(", ", roots)));
        row(out, "shutdown cleanup", shutdownCleanupEnabled ? "on" : "off");
        row(out, "journal", (journalHealthy ? "healthy" : "NOT healthy") + ", " + journalErrorCount
                + (journalErrorCount == 1 ? " error" : " errors"));
        row(out, "journal status", TerminalText.escape(journalStatus));
    }

    /** One line for {@code watch} when stdout is not a terminal. */
    String line(String timestamp) {
        return String.format(Locale.ROOT, "%s tracked=%d files, %d dirs, %s oldest=%s created=%d deleted=%d released=%d "
                        + "failures=%d skipped=%d unmanaged=%d agentErrors=%d journal=%s",
                timestamp, trackedFileCount, trackedDirectoryCount, Sizes.human(trackedBytes),
                Durations.human(Duration.ofSeconds(oldestTrackedAgeSeconds)), createdTotal, deletedTotal,
                releasedTotal, cleanupFailureCount, skippedCount, unmanagedCreatedTotal, agentErrorCount,
                journalHealthy ? "ok" : "NOT-OK");
    }

    /** The members of the {@code stats} JSON object (the caller opens and closes it). */
    void writeFields(Json json) {
        json.field("version", version)
                .field("trackedFileCount", trackedFileCount)
                .field("trackedDirectoryCount", trackedDirectoryCount)
                .field("trackedBytes", trackedBytes)
                .field("oldestTrackedAgeSeconds", oldestTrackedAgeSeconds)
                .field("createdTotal", createdTotal)
                .field("deletedTotal", deletedTotal)
                .field("releasedTotal", releasedTotal)
                .field("cleanupFailureCount", cleanupFailureCount)
                .field("skippedCount", skippedCount)
                .field("unmanagedCreatedTotal", unmanagedCreatedTotal)
                .field("agentErrorCount", agentErrorCount)
                .stringArray("roots", roots)
                .field("shutdownCleanupEnabled", shutdownCleanupEnabled)
                .field("journalHealthy", journalHealthy)
                .field("journalErrorCount", journalErrorCount)
                .field("journalStatus", journalStatus);
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "  %-20s %s%n", label, value);
    }
}
