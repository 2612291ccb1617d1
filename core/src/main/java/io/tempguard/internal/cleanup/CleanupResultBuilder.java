package io.tempguard.internal.cleanup;

import io.tempguard.CleanupResult;
import io.tempguard.internal.forensics.ForensicEvents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a {@link CleanupResult} as a cleanup, sweep or scoped path deletes: exact counts, lists
 * capped at {@link CleanupResult#MAX_LISTED_IN_PROCESS}. Not thread-safe: one per run.
 */
public final class CleanupResultBuilder {
    private final boolean dryRun;
    private final long startNanos = System.nanoTime();
    private long deletedCount;
    private long alreadyGoneCount;
    private long bytesFreed;
    private long failureCount;
    private long skippedCount;
    private final List<Path> deleted = new ArrayList<>();
    private final List<CleanupResult.Problem> failures = new ArrayList<>();
    private final List<CleanupResult.Problem> skipped = new ArrayList<>();
    private String deletedBy;

    public CleanupResultBuilder(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Names who deletes (a {@code ForensicEvents.BY_*}): each deletion then becomes a {@code TempFileDeleted} event. */
    public CleanupResultBuilder deletedBy(String who) {
        this.deletedBy = who;
        return this;
    }

    public void deleted(Path path) {
        deletedCount++;
        if (deletedBy != null) ForensicEvents.deleted(path, deletedBy);
        if (deleted.size() < CleanupResult.MAX_LISTED_IN_PROCESS) deleted.add(path);
    }

    public void alreadyGone() {
        alreadyGoneCount++;
    }

    public void bytesFreed(long bytes) {
        bytesFreed += bytes;
    }

    public void failed(Path path, String reason) {
        failureCount++;
        if (failures.size() < CleanupResult.MAX_LISTED_IN_PROCESS) failures.add(new CleanupResult.Problem(path, reason));
    }

    public void skipped(Path path, String reason) {
        skippedCount++;
        if (skipped.size() < CleanupResult.MAX_LISTED_IN_PROCESS) skipped.add(new CleanupResult.Problem(path, reason));
    }

    /** Adds what {@code part} (a worker's share of the same run) collected; lists stay capped. */
    public void add(CleanupResultBuilder part) {
        deletedCount += part.deletedCount;
        alreadyGoneCount += part.alreadyGoneCount;
        bytesFreed += part.bytesFreed;
        failureCount += part.failureCount;
        skippedCount += part.skippedCount;
        addCapped(deleted, part.deleted);
        addCapped(failures, part.failures);
        addCapped(skipped, part.skipped);
    }

    private static <T> void addCapped(List<T> into, List<T> from) {
        for (int i = 0; i < from.size() && into.size() < CleanupResult.MAX_LISTED_IN_PROCESS; i++) into.add(from.get(i));
    }

    public CleanupResult build() {
        return new CleanupResult(dryRun, deletedCount, alreadyGoneCount, bytesFreed, failureCount, skippedCount,
                deleted, failures, skipped, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
