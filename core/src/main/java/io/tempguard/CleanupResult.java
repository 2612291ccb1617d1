package io.tempguard;

import io.tempguard.internal.jmx.OpenViews;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a cleanup did (or, for a preview, would do). Counts are exact; the path lists keep at most
 * {@link #MAX_LISTED_IN_PROCESS} items each, so a cleanup of millions of paths does not build a huge result.
 * Over JMX the same result is seen as a {@link CleanupReport}, whose lists are shorter still
 * ({@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}).
 */
public final class CleanupResult {
    /** Upper bound on the number of paths each list of an in-process result keeps. */
    public static final int MAX_LISTED_IN_PROCESS = 10_000;

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

    /**
     * A result as tempguard's cleanup, sweep and scoped paths build it (tests may build one too).
     * The lists are copied; each should hold at most {@link #MAX_LISTED_IN_PROCESS} items.
     */
    public CleanupResult(boolean dryRun, long deletedCount, long alreadyGoneCount, long bytesFreed, long failureCount,
                         long skippedCount, List<Path> deleted, List<Problem> failures, List<Problem> skipped,
                         long durationMillis) {
        this.dryRun = dryRun;
        this.deletedCount = deletedCount;
        this.alreadyGoneCount = alreadyGoneCount;
        this.bytesFreed = bytesFreed;
        this.failureCount = failureCount;
        this.skippedCount = skippedCount;
        this.deleted = Collections.unmodifiableList(new ArrayList<>(deleted));
        this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
        this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
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

    /** The deleted tracked paths, at most {@link #MAX_LISTED_IN_PROCESS}. */
    public List<Path> deleted() { return deleted; }

    /** Paths whose deletion failed; they stay tracked for the next try. At most {@link #MAX_LISTED_IN_PROCESS}. */
    public List<Problem> failures() { return failures; }

    /** Paths not deleted for safety, with the reason. At most {@link #MAX_LISTED_IN_PROCESS}. */
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

    /**
     * This result as the MXBean returns it over JMX (path lists cut to
     * {@link TempFileManagerMXBean#MAX_LISTED_OVER_JMX}); the console prints a local sweep this way too.
     */
    public CleanupReport toReport() { return OpenViews.cleanup(this); }

    @Override
    public String toString() { return summary(); }
}
