package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One tracked path. Immutable apart from its last measured size, a claim flag that keeps two
 * concurrent cleanups from working on the same path, and the mark that the host asked for its
 * deletion at exit ({@code File.deleteOnExit}).
 */
public final class Entry {
    private static final long RETIRED = Long.MIN_VALUE;
    private static final AtomicLongFieldUpdater<Entry> SIZE = AtomicLongFieldUpdater.newUpdater(Entry.class, "size");
    private static final AtomicIntegerFieldUpdater<Entry> CLAIMED =
            AtomicIntegerFieldUpdater.newUpdater(Entry.class, "claimed");

    private final Path path;
    private final PathKind kind;
    private final FileIdentity identity;
    private final long seq;
    private final long trackedAtMillis;
    private volatile long size;
    private volatile int claimed;
    /** Set once, under the path's registry lock: the host handed this path to File.deleteOnExit. */
    private volatile boolean deleteAtExit;

    Entry(Path path, PathKind kind, FileIdentity identity, long seq, long trackedAtMillis, long size) {
        this.path = path;
        this.kind = kind;
        this.identity = identity;
        this.seq = seq;
        this.trackedAtMillis = trackedAtMillis;
        this.size = size;
    }

    public Path path() { return path; }

    public PathKind kind() { return kind; }

    public FileIdentity identity() { return identity; }

    /** Registration order; the oldest entry has the smallest. */
    public long seq() { return seq; }

    public long trackedAtMillis() { return trackedAtMillis; }

    /** Bytes as last measured; 0 once the entry left the registry. */
    public long size() {
        long s = size;
        return s == RETIRED ? 0 : s;
    }

    /**
     * True if the host asked for this path's deletion at exit ({@code File.deleteOnExit}): it is
     * deleted at exit even when the manager's shutdown cleanup is off.
     */
    public boolean deleteAtExit() { return deleteAtExit; }

    /** Marks the entry; true if this call marked it. Called under the path's registry lock. */
    boolean markDeleteAtExit() {
        if (deleteAtExit) return false;
        deleteAtExit = true;
        return true;
    }

    /** Claims the entry for one cleanup; false if another holds it. */
    public boolean tryClaim() {
        return CLAIMED.compareAndSet(this, 0, 1);
    }

    public void unclaim() {
        claimed = 0;
    }

    /** Sets a new measured size and returns the change to add to the total, or 0 if the entry is retired. */
    long updateSize(long newSize) {
        for (;;) {
            long current = size;
            if (current == RETIRED) return 0;
            if (SIZE.compareAndSet(this, current, newSize)) return newSize - current;
        }
    }

    /** Marks the entry as gone and returns the size it contributed to the total. */
    long retire() {
        long last = SIZE.getAndSet(this, RETIRED);
        return last == RETIRED ? 0 : last;
    }

    /** The same tracked path with a refreshed identity (re-registered after its creation time moved). */
    Entry withIdentity(FileIdentity newIdentity) {
        // The size moves to the new object; the old one stops counting towards the total.
        Entry refreshed = new Entry(path, kind, newIdentity, seq, trackedAtMillis, retire());
        refreshed.deleteAtExit = deleteAtExit;
        return refreshed;
    }

    @Override
    public String toString() {
        return kind + " " + path + " [" + identity + "]";
    }
}
