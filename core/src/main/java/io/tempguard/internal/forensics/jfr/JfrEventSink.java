package io.tempguard.internal.forensics.jfr;

import io.tempguard.CleanupResult;
import io.tempguard.SweepResult;
import io.tempguard.internal.forensics.EventSink;

import java.nio.file.Path;

/**
 * Commits tempguard's events to the flight recorder. Each method first asks a prototype event
 * whether a recording enables its type: {@code isEnabled()} reads a flag JFR flips when recording
 * settings change, so a JVM without a recording pays that one check and allocates nothing.
 * Created by name from {@code ForensicEvents}.
 */
public final class JfrEventSink implements EventSink {
    private static final TempFileCreatedEvent CREATED = new TempFileCreatedEvent();
    private static final TempFileDeletedEvent DELETED = new TempFileDeletedEvent();
    private static final CleanupEvent CLEANUP = new CleanupEvent();
    private static final SweepEvent SWEEP = new SweepEvent();

    @Override
    public boolean createdEnabled() {
        return CREATED.isEnabled();
    }

    @Override
    public void created(Path path, String kind, Path root) {
        if (!CREATED.isEnabled()) return;
        TempFileCreatedEvent e = new TempFileCreatedEvent();
        e.path = path.toString();
        e.kind = kind;
        e.root = root == null ? null : root.toString();
        e.commit();
    }

    @Override
    public void deleted(Path path, String by) {
        if (!DELETED.isEnabled()) return;
        TempFileDeletedEvent e = new TempFileDeletedEvent();
        e.path = path.toString();
        e.by = by;
        e.commit();
    }

    @Override
    public void cleanup(String label, CleanupResult r, long elapsedNanos) {
        if (!CLEANUP.isEnabled()) return;
        CleanupEvent e = new CleanupEvent();
        e.label = label;
        e.deleted = r.deletedCount();
        e.alreadyGone = r.alreadyGoneCount();
        e.failed = r.failureCount();
        e.skipped = r.skippedCount();
        e.bytesFreed = r.bytesFreed();
        e.elapsed = elapsedNanos;
        e.commit();
    }

    @Override
    public void sweep(SweepResult r, long elapsedNanos) {
        if (!SWEEP.isEnabled()) return;
        SweepEvent e = new SweepEvent();
        e.journalsSwept = r.journalsSwept();
        e.journalsLive = r.journalsLive();
        e.deleted = r.paths().deletedCount();
        e.failed = r.paths().failureCount();
        e.bytesFreed = r.paths().bytesFreed();
        e.elapsed = elapsedNanos;
        e.commit();
    }
}
