package io.tempguard.internal.jmx;

import java.util.List;

/** What the MXBean's early-warning attributes read and write: the thresholds and the freshness of the byte count. */
public interface EarlyWarning {

    /** Seconds since the start of the last complete size refresh (or explicit measure). */
    long trackedBytesAgeSeconds();

    long warnTrackedFiles();

    /** @throws IllegalArgumentException for a negative limit */
    void setWarnTrackedFiles(long limit);

    long warnTrackedBytes();

    /** @throws IllegalArgumentException for a negative limit */
    void setWarnTrackedBytes(long limit);

    String warnFreeSpace();

    /** @throws IllegalArgumentException for a value that is not {@code PERCENT%}, a size or 0 */
    void setWarnFreeSpace(String limit);

    /** The thresholds exceeded now, by option name. */
    List<String> exceededThresholds();

    /** Free bytes on the fullest root's file system; -1 when no root can be read. */
    long freeSpaceBytes();

    /** Free share (percent) of the fullest root's file system; -1 when no root can be read. */
    double freeSpacePercent();
}
