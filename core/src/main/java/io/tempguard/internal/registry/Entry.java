package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.forensics.CreationSite;
import io.tempguard.internal.fs.FileIdentity;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One tracked path, laid out to cost about 110 bytes of heap with its name (issue 13): no
 * {@code Path}, no {@code FileIdentity}, no map node of its own. The name is kept as up to 32
 * bytes in four {@code long}s ({@link EntryName}) beside an interned {@link Dir} for the parent;
 * the device lives in the {@code Dir}, inode and birth time here. The links of the registry's
 * hash table ({@code chain}) and of its creation order ({@code prev}, {@code next}) are fields
 * of the entry itself.
 *
 * <p>Layout on a 64-bit JVM with compressed references: 12-byte header, 9 longs, 5 references and
 * one int = 108, padded to 112. The 4 bytes of padding are the room reserved for one more int
 * field (a creation-site id), and {@code flags} has free bits for more flags, so those come at
 * no cost.
 *
 * <p>Immutable apart from its last measured size, a claim flag that keeps two concurrent cleanups
 * from working on the same path, a birth time refreshed in place, and the links, which only the
 * registry changes under its locks.
 */
public final class Entry {
    private static final long RETIRED = Long.MIN_VALUE;
    private static final AtomicLongFieldUpdater<Entry> SIZE = AtomicLongFieldUpdater.newUpdater(Entry.class, "size");
    private static final AtomicIntegerFieldUpdater<Entry> FLAGS =
            AtomicIntegerFieldUpdater.newUpdater(Entry.class, "flags");
    private static final int DIRECTORY = 1;
    private static final int CLAIMED = 1 << 1;
    /** The identity does not fit the primitive fields (other device than the Dir's, no file key, millis only). */
    private static final int ODD_IDENTITY = 1 << 2;
    /** The crash journal recorded this entry as live (its membership, without a set of its own). */
    private static final int JOURNALED = 1 << 3;
    /** The host handed the path to File.deleteOnExit: deleted at exit even with shutdown cleanup off. */
    private static final int DELETE_AT_EXIT = 1 << 4;
    /**
     * Identities that do not fit the fields: rare on Linux (a mount point inside a directory, an
     * identity with a millisecond birth time), the rule on platforms without Unix file keys.
     * Weak keys: an entry nobody references any more takes its identity with it.
     */
    private static final Map<Entry, FileIdentity> ODD_IDENTITIES = Collections.synchronizedMap(new WeakHashMap<>());

    /** The parent directory, or null when {@code extra} holds the whole path. */
    final Dir dir;
    final long name0;
    final long name1;
    final long name2;
    final long name3;
    /** Null, the bytes of a name longer than 32 bytes beyond the first 32, or the whole {@link Path} of an unusual path. */
    final Object extra;
    private final long inode;
    private volatile long birthTimeNanos;
    private final long seq;
    private final long trackedAtMillis;
    private volatile long size;
    private volatile int flags;
    /** Which code made it (interned, shared by every path made there); null when sites are off. */
    private final CreationSite site;
    /** Next entry in the same hash bucket; guarded by the bucket's stripe lock. */
    Entry chain;
    /** Creation order; guarded by the order lock, {@code next} read without it by iterators. */
    Entry prev;
    volatile Entry next;

    Entry(EntryName name, Dir dir, PathKind kind, FileIdentity identity, long seq, long trackedAtMillis, long size,
          CreationSite site) {
        this.site = site;
        this.dir = dir;
        this.name0 = name.name0;
        this.name1 = name.name1;
        this.name2 = name.name2;
        this.name3 = name.name3;
        this.extra = name.extra;
        this.inode = identity.inode();
        this.birthTimeNanos = identity.birthTimeNanos();
        this.seq = seq;
        this.trackedAtMillis = trackedAtMillis;
        this.size = size;
        int f = kind == PathKind.DIRECTORY ? DIRECTORY : 0;
        if (!fitsFields(identity, dir)) {
            f |= ODD_IDENTITY;
            ODD_IDENTITIES.put(this, identity);
        }
        this.flags = f;
    }

    private static boolean fitsFields(FileIdentity identity, Dir dir) {
        return dir != null && identity.isPortable() && !identity.isMillisOnly() && identity.device() == dir.device;
    }

    /** The path, rebuilt from the parent and the name (a new {@code Path} each call). */
    public Path path() {
        if (extra instanceof Path) return (Path) extra;
        return dir.path.resolve(EntryName.text(this));
    }

    /** {@code path().toString()}, without building the {@code Path} (the journal writes it for every change). */
    public String pathText() {
        if (extra instanceof Path) return extra.toString();
        String parent = dir.path.toString();
        String name = EntryName.text(this);
        return parent.endsWith("/") ? parent + name : parent + '/' + name;
    }

    /**
     * A key equal for entries of the same parent directory, without building a path: the interned
     * parent itself, or the parent of a path kept whole. Entries of one directory may still come
     * under two keys (a directory interned anew after all its entries left), never the reverse.
     */
    public Object parentKey() {
        if (dir != null) return dir;
        Path parent = ((Path) extra).getParent();
        return parent != null ? parent : ((Path) extra).getRoot();
    }

    /** False once the registry let this entry go (deleted, released, skipped, or replaced by a newer one). */
    public boolean isTracked() {
        return !isRetired();
    }

    public PathKind kind() { return (flags & DIRECTORY) != 0 ? PathKind.DIRECTORY : PathKind.FILE; }

    public FileIdentity identity() {
        if ((flags & ODD_IDENTITY) != 0) {
            FileIdentity odd = ODD_IDENTITIES.get(this);
            if (odd != null) return odd;
        }
        return new FileIdentity(dir.device, inode, birthTimeNanos);
    }

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
        return setFlag(CLAIMED, true);
    }

    public void unclaim() {
        setFlag(CLAIMED, false);
    }

    /** Sets the journal's mark; false if it was set already. Called under the journal's lock. */
    public boolean markJournaled() {
        return setFlag(JOURNALED, true);
    }

    /** Clears the journal's mark; false if it was not set. Called under the journal's lock. */
    public boolean unmarkJournaled() {
        return setFlag(JOURNALED, false);
    }

    /**
     * True if the host asked for this path's deletion at exit ({@code File.deleteOnExit}): it is
     * deleted at exit even when the manager's shutdown cleanup is off.
     */
    public boolean deleteAtExit() {
        return (flags & DELETE_AT_EXIT) != 0;
    }

    /** Marks the entry for deletion at exit; true if this call marked it. Called under the path's registry lock. */
    boolean markDeleteAtExit() {
        return setFlag(DELETE_AT_EXIT, true);
    }

    public boolean isJournaled() {
        return (flags & JOURNALED) != 0;
    }

    /** Sets or clears {@code bit}; false if it already was as asked. */
    private boolean setFlag(int bit, boolean on) {
        for (;;) {
            int f = flags;
            if (((f & bit) != 0) == on) return false;
            if (FLAGS.compareAndSet(this, f, on ? f | bit : f & ~bit)) return true;
        }
    }

    boolean isRetired() {
        return size == RETIRED;
    }

    /** Whether this entry's identity is {@code identity}, exactly. */
    boolean hasIdentity(FileIdentity identity) {
        return identity().equals(identity);
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

    /**
     * Takes the refreshed identity of the same file (same device and inode, its creation time
     * moved: a JDK without birth times reports mtime). Runs under the entry's stripe lock.
     */
    void refreshIdentity(FileIdentity newIdentity) {
        if (fitsFields(newIdentity, dir) && newIdentity.inode() == inode) {
            birthTimeNanos = newIdentity.birthTimeNanos();
            if (setFlag(ODD_IDENTITY, false)) ODD_IDENTITIES.remove(this);
            return;
        }
        ODD_IDENTITIES.put(this, newIdentity);
        setFlag(ODD_IDENTITY, true);
    }

    @Override
    public String toString() {
        return kind() + " " + path() + " [" + identity() + "]";
    }
}
