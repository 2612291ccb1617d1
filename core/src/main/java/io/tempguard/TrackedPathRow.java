package io.tempguard;

/**
 * A {@link TrackedPath} as it crosses JMX ({@link TempFileManagerMXBean#listTracked(int)}): the open
 * type named {@code io.tempguard.TrackedPathRow}, described by these getters. In-process code uses
 * {@link TrackedPath}.
 */
public interface TrackedPathRow {

    String getPath();

    /** {@code FILE} or {@code DIRECTORY}. */
    String getKind();

    /** Bytes as last measured (directories: 0 until measured). */
    long getSizeBytes();

    long getAgeSeconds();

    long getTrackedSinceEpochMillis();

    /** The code that created it ({@code class.method(File.java:line)}), {@code unsampled}, or empty when sites are off. */
    String getSite();
}
