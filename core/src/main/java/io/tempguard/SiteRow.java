package io.tempguard;

/**
 * A {@link SiteUsage} as it crosses JMX ({@link TempFileManagerMXBean#topSites(int)}): the open type
 * {@code io.tempguard.SiteRow}, described by these getters.
 */
public interface SiteRow {

    /** {@code class.method(File.java:line)} of the creating code, or {@code other} / {@code unknown}. */
    String getSite();

    /** Thread of the latest recorded creation here. */
    String getThread();

    /** Paths from this site tracked now (an estimate when {@link #isEstimated()}). */
    long getLiveCount();

    /** Bytes those paths held when last measured. */
    long getLiveBytes();

    /** Paths ever tracked from this site. */
    long getCreatedTotal();

    /** Seconds since the oldest path from this site still tracked was created (0 if none is). */
    long getOldestAgeSeconds();

    /** True in sampled mode: the counts are the sampled ones times the sample rate. */
    boolean isEstimated();
}
