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

    public TrackedPath(Path path, PathKind kind, long sizeBytes, Instant trackedSince, Duration age) {
        this.path = path;
        this.kind = kind;
        this.sizeBytes = sizeBytes;
        this.trackedSince = trackedSince;
        this.age = age;
    }

    public Path path() { return path; }

    public PathKind kind() { return kind; }

    /** Size as last measured; for a directory 0 until {@link TempFileManager#measureTrackedBytes()} ran. */
    public long sizeBytes() { return sizeBytes; }

    public Instant trackedSince() { return trackedSince; }

    /** Time since tracking began (for a temp file the agent saw created: its age). */
    public Duration age() { return age; }

    @Override
    public String toString() {
        return kind + " " + path + " (" + sizeBytes + " bytes, age " + age + ')';
    }
}
