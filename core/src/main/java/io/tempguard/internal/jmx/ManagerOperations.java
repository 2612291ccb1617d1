package io.tempguard.internal.jmx;

import io.tempguard.CleanupResult;
import io.tempguard.SiteUsage;
import io.tempguard.SweepResult;
import io.tempguard.TrackedPath;
import io.tempguard.internal.capture.UncapturedCreations;

import java.time.Duration;
import java.util.List;

/** What the MXBean's operations do, in in-process types; the adapter turns the results into open types. */
public interface ManagerOperations {

    CleanupResult cleanupAll();

    CleanupResult cleanupOlderThan(Duration age);

    CleanupResult previewCleanup(Duration olderThan);

    List<TrackedPath> listTracked(int limit);

    List<SiteUsage> topSites(int limit);

    long measureTrackedBytes();

    long reconcile();

    SweepResult sweepOrphans();

    /** The capture rules joined by ':' ("" when none). */
    String captureRules();

    /** Replaces the capture rules; throws IllegalArgumentException (rules unchanged) for a bad glob. */
    void setCaptureRules(String joined);

    /** Up to {@code limit} of the most recent uncaptured creations, newest first. */
    List<UncapturedCreations.Created> listUncaptured(int limit);

    /** The manager's clock, for ages. */
    long nowMillis();
}
