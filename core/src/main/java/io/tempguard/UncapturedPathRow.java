package io.tempguard;

/**
 * A path the host created under a root that no capture rule matched, as it crosses JMX
 * ({@link TempFileManagerMXBean#listUncaptured(int)}): the open type named
 * {@code io.tempguard.UncapturedPathRow}, described by these getters. Nothing listed here is deleted.
 */
public interface UncapturedPathRow {

    /** The path, absolute. */
    String getPath();

    /** {@code FILE} or {@code DIRECTORY}, as created. */
    String getKind();

    /** Seconds since the host created it. */
    long getAgeSeconds();

    /** When the host created it (milliseconds since the epoch). */
    long getCreatedAtEpochMillis();

    /** The code that created it (class.method(File:line)), "unsampled" or "" as for {@code listTracked}'s site. */
    String getSite();
}
