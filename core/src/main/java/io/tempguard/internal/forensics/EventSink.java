package io.tempguard.internal.forensics;

import io.tempguard.CleanupResult;
import io.tempguard.SweepResult;

import java.nio.file.Path;

/**
 * Where tempguard's events go: JFR where the {@code jdk.jfr} module exists, nowhere otherwise.
 * This interface names no {@code jdk.jfr} type, so it loads on every runtime. Internal: public only
 * so that {@code forensics.jfr} can implement it.
 */
public interface EventSink {
    /** True when a recording wants {@code TempFileCreated} events: lets the caller skip gathering fields. */
    boolean createdEnabled();

    void created(Path path, String kind, Path root);

    void deleted(Path path, String by);

    void cleanup(String label, CleanupResult result, long elapsedNanos);

    void sweep(SweepResult result, long elapsedNanos);

    EventSink NONE = new EventSink() {
        @Override public boolean createdEnabled() { return false; }
        @Override public void created(Path path, String kind, Path root) { }
        @Override public void deleted(Path path, String by) { }
        @Override public void cleanup(String label, CleanupResult result, long elapsedNanos) { }
        @Override public void sweep(SweepResult result, long elapsedNanos) { }
    };
}
