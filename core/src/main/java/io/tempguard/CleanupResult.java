package io.tempguard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a cleanup did (or, for a preview, would do). Counts are exact; the path lists keep at most
 * {@link #MAX_LISTED} items each, so a cleanup of millions of paths does not build a huge result.
 */
public final class CleanupResult {
    /** Upper bound on the number of paths each list keeps. */
    public static final int MAX_LISTED = 10_000;

    /** A path cleanup could not delete (failure) or refused to delete (skipped), and why. */
    public static final class Problem {
        private final Path path;
        private final String reason;

        public Problem(Path path, String reason) {
            this.path = Objects.requireNonNull(path, "path");
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        public Path path() { return path; }

        public String reason() { return reason; }

        @Override
        public String toString() { return path + ": " + reason; }
    }

    private final boolean dryRun;
    private final long deletedCount;
    private final long alreadyGoneCount;
    private final long bytesFreed;
    private final long failureCount;
    private final long skippedCount;
    private final List<Path> deleted;
    private final List<Problem> failures;
    private final List<Problem> skipped;
    private final long durationMillis;

    private CleanupResult(Builder b, long durationMillis) {
        this.dryRun = b.dryRun;
        this.deletedCount = b.deletedCount;
        this.alreadyGoneCount = b.alreadyGoneCount;
        this.bytesFreed = b.bytesFreed;
        this.failureCount = b.failureCount;
        this.skippedCount = b.skippedCount;
        this.deleted = Collections.unmodifiableList(new ArrayList<>(b.deleted));
        this.failures = Collections.unmodifiableList(new ArrayList<>(b.failures));
        this.skipped = Collections.unmodifiableList(new ArrayList<>(b.skipped));
        this.durationMillis = durationMillis;
    }

    /** True for {@link TempFileManager#previewCleanup}: nothing was deleted. */
    public boolean isDryRun() { return dryRun; }

    /** Tracked paths deleted (or, in a dry run, that would be deleted). */
    public long deletedCount() { return deletedCount; }

    /** Tracked paths that were already gone: done, nothing to delete. */
    public long alreadyGoneCount() { return alreadyGoneCount; }

    /** Bytes of regular files removed (or, in a dry run, that would be removed), directory contents included. */
    public long bytesFreed() { return bytesFreed; }

    public long failureCount() { return failureCount; }

    public long skippedCount() { return skippedCount; }

    /** The deleted tracked paths, at most {@link #MAX_LISTED}. */
    public List<Path> deleted() { return deleted; }

    /** Paths whose deletion failed; they stay tracked for the next try. At most {@link #MAX_LISTED}. */
    public List<Problem> failures() { return failures; }

    /** Paths not deleted for safety, with the reason. At most {@link #MAX_LISTED}. */
    public List<Problem> skipped() { return skipped; }

    public long durationMillis() { return durationMillis; }

    /** True when nothing failed. */
    public boolean isClean() { return failureCount == 0; }

    /** One line for logs and consoles. */
    public String summary() {
        return (dryRun ? "would delete " : "deleted ") + deletedCount + (deletedCount == 1 ? " path" : " paths")
                + " (" + Sizes.human(bytesFreed) + ")"
                + (alreadyGoneCount > 0 ? ", " + alreadyGoneCount + " already gone" : "")
                + ", " + failureCount + (failureCount == 1 ? " failure" : " failures")
                + ", " + skippedCount + " skipped"
                + (dryRun ? "" : " in " + durationMillis + " ms");
    }

    @Override
    public String toString() { return summary(); }

    /** Collects a result; not thread-safe, one per cleanup. */
    public static final class Builder {
        private final boolean dryRun;
        private final long startNanos = System.nanoTime();
        private long deletedCount;
        private long alreadyGoneCount;
        private long bytesFreed;
        private long failureCount;
        private long skippedCount;
        private final List<Path> deleted = new ArrayList<>();
        private final List<Problem> failures = new ArrayList<>();
        private final List<Problem> skipped = new ArrayList<>();

        public Builder(boolean dryRun) { this.dryRun = dryRun; }

        public void deleted(Path path) {
            deletedCount++;
            if (deleted.size() < MAX_LISTED) deleted.add(path);
        }

        public void alreadyGone() { alreadyGoneCount++; }

        public void bytesFreed(long bytes) { bytesFreed += bytes; }

        public void failed(Path path, String reason) {
            failureCount++;
            if (failures.size() < MAX_LISTED) failures.add(new Problem(path, reason));
        }

        public void skipped(Path path, String reason) {
            skippedCount++;
            if (skipped.size() < MAX_LISTED) skipped.add(new Problem(path, reason));
        }

        public CleanupResult build() {
            return new CleanupResult(this, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }
}
