package io.tempguard;

import java.time.Duration;

/**
 * One creation site as {@link TempFileManager#topSites(int)} reports it: the code that made temp
 * paths, how many of them are tracked now and what they hold. With {@link SiteRecording.Mode#SAMPLED}
 * the counts and bytes are estimates ({@link #estimated()}): the sampled figures times the sample
 * rate, with the error {@link SiteRecording} states.
 */
public final class SiteUsage {
    private final String site;
    private final String thread;
    private final long liveCount;
    private final long liveBytes;
    private final long createdTotal;
    private final Duration oldestAge;
    private final boolean estimated;

    public SiteUsage(String site, String thread, long liveCount, long liveBytes, long createdTotal,
                     Duration oldestAge, boolean estimated) {
        this.site = site;
        this.thread = thread;
        this.liveCount = liveCount;
        this.liveBytes = liveBytes;
        this.createdTotal = createdTotal;
        this.oldestAge = oldestAge;
        this.estimated = estimated;
    }

    /** {@code com.example.Spill.write(Spill.java:42)}, or {@code other} / {@code unknown}. */
    public String site() { return site; }

    /** The thread of the latest recorded creation at this site. */
    public String thread() { return thread; }

    /** Paths from this site tracked now. */
    public long liveCount() { return liveCount; }

    /** Bytes those paths held when last measured. */
    public long liveBytes() { return liveBytes; }

    /** Paths ever tracked from this site. */
    public long createdTotal() { return createdTotal; }

    /** Age of the oldest path from this site tracked now (zero if none is). */
    public Duration oldestAge() { return oldestAge; }

    /** True when the figures are sampled estimates rather than exact counts. */
    public boolean estimated() { return estimated; }

    @Override
    public String toString() {
        return site + ": " + (estimated ? "~" : "") + liveCount + " live, " + liveBytes + " B, " + createdTotal
                + " created, oldest " + oldestAge.getSeconds() + " s";
    }
}
