package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.forensics.CreationSite;
import io.tempguard.internal.fs.FileIdentity;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One tracked path. Immutable apart from its last measured size and a claim flag that keeps two
 * concurrent cleanups from working on the same path.
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
    /** Which code made it (interned, shared by every path made there); null when sites are off. */
    private final CreationSite site;
    private volatile long size;
    private volatile int claimed;

    Entry(Path path, PathKind kind, FileIdentity identity, long seq, long trackedAtMillis, long size,
          CreationSite site) {
        this.path = path;
        this.kind = kind;
        this.identity = identity;
        this.seq = seq;
        this.trackedAtMillis = trackedAtMillis;
        this.size = size;
        this.site = site;
    }

    public Path path() { return path; }

    public PathKind kind() { return kind; }

    public FileIdentity identity() { return identity; }

    /** Registration order; the oldest entry has the smallest. */
    public long seq() { return seq; }

    public long trackedAtMillis() { return trackedAtMillis; }

    /** Where it was created; null if sites were off when it was tracked. */
    public CreationSite site() { return site; }

    /** Bytes as last measured; 0 once the entry left the registry. */
    public long size() {
        long s = size;
        return s == RETIRED ? 0 : s;
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
        return new Entry(path, kind, newIdentity, seq, trackedAtMillis, retire(), site);
    }

    @Override
    public String toString() {
        return kind + " " + path + " [" + identity + "]";
    }
}
