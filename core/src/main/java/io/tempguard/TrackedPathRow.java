package io.tempguard;

import javax.management.ConstructorParameters;

/** One tracked path as it crosses JMX ({@link TempFileManagerMXBean#listTracked(int)}). */
public final class TrackedPathRow {
    private final String path;
    private final String kind;
    private final long sizeBytes;
    private final long ageSeconds;
    private final long trackedSinceEpochMillis;

    @ConstructorParameters({"path", "kind", "sizeBytes", "ageSeconds", "trackedSinceEpochMillis"})
    public TrackedPathRow(String path, String kind, long sizeBytes, long ageSeconds, long trackedSinceEpochMillis) {
        this.path = path;
        this.kind = kind;
        this.sizeBytes = sizeBytes;
        this.ageSeconds = ageSeconds;
        this.trackedSinceEpochMillis = trackedSinceEpochMillis;
    }

    public static TrackedPathRow of(TrackedPath t) {
        return new TrackedPathRow(t.path().toString(), t.kind().name(), t.sizeBytes(), t.age().getSeconds(),
                t.trackedSince().toEpochMilli());
    }

    public String getPath() { return path; }

    /** {@code FILE} or {@code DIRECTORY}. */
    public String getKind() { return kind; }

    /** Bytes as last measured (directories: 0 until measured). */
    public long getSizeBytes() { return sizeBytes; }

    public long getAgeSeconds() { return ageSeconds; }

    public long getTrackedSinceEpochMillis() { return trackedSinceEpochMillis; }

    @Override
    public String toString() { return kind + " " + path + " " + sizeBytes + " B " + ageSeconds + " s"; }
}
