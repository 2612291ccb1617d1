package io.tempguard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** One tracked path as {@link TempFileManager#listTracked(int)} reports it. */
public final class TrackedPath {
    private final Path path;
    private final PathKind kind;
    private final long sizeBytes;
    private final Instant trackedSince;
    private final Duration age;
    private final String site;

    public TrackedPath(Path path, PathKind kind, long sizeBytes, Instant trackedSince, Duration age) {
        this(path, kind, sizeBytes, trackedSince, age, "");
    }

    /** @param site where it was created ({@link #site()}) */
    public TrackedPath(Path path, PathKind kind, long sizeBytes, Instant trackedSince, Duration age, String site) {
        this.path = path;
        this.kind = kind;
        this.sizeBytes = sizeBytes;
        this.trackedSince = trackedSince;
        this.age = age;
        this.site = site == null ? "" : site;
    }

    public Path path() { return path; }

    public PathKind kind() { return kind; }

    /** Size as last measured; for a directory 0 until {@link TempFileManager#measureTrackedBytes()} ran. */
    public long sizeBytes() { return sizeBytes; }

    public Instant trackedSince() { return trackedSince; }

    /** Time since tracking began (for a temp file the agent saw created: its age). */
    public Duration age() { return age; }

    /**
     * The code that created it ({@code class.method(File.java:line)}), {@code unsampled} if its
     * creation was not sampled, or empty if sites were off (see {@link SiteRecording}).
     */
    public String site() { return site; }

    @Override
    public String toString() {
        return kind + " " + path + " (" + sizeBytes + " bytes, age " + age + ')';
    }
}
