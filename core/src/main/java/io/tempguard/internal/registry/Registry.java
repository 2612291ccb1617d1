package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.forensics.CreationSite;
import io.tempguard.internal.fs.FileIdentity;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The set of tracked paths and the counters that describe it, kept exact without a global lock.
 *
 * <p>Every change to a path happens holding the lock of that path's stripe of the hash table
 * ({@link EntryTable}), so the thread that wins adding or removing an entry is the only one that
 * updates the counters: no path is counted twice, none is lost. The same critical section tells
 * the {@link Listener} (the crash journal), so the journal sees each path's changes in the order
 * they happened.
 *
 * <p>The entries are linked in registration order ({@link CreationOrder}), which answers "oldest
 * tracked path" in O(1) and lets age-based cleanup stop at the first path that is young enough.
 * Memory: an {@link Entry} holds its name and identity in primitive fields beside an interned
 * parent {@link Dir}; the table and the order add 4 bytes per entry and no objects.
 */
public final class Registry {
    /** Why an entry left the registry; each reason has its own counter. */
    public enum Removal {
        /** tempguard deleted it. */
        DELETED,
        /** Let go without deleting: unregistered, or the host deleted or moved it. */
        RELEASED,
        /** Cleanup refused to delete it: its name now belongs to another file, or it left the roots. */
        SKIPPED
    }

    /** Told of each change while the path is locked; must be quick and must not call back into the registry. */
    public interface Listener {
        /** Given the registry's live entries, oldest first (a view to read, not to change), when set. */
        default void attachedTo(Collection<Entry> entries) { }

        void added(Entry entry);

        void removed(Entry entry);
    }

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void added(Entry entry) { }

        @Override
        public void removed(Entry entry) { }
    };

    private final EntryTable table = new EntryTable();
    private final CreationOrder order = new CreationOrder();
    /** The parent directories of tracked paths, each shared by its entries. */
    private final Dirs dirs = new Dirs();
    /** Tracked paths without a parent directory (the root, a bare relative name): rare. */
    private final AtomicLong parentless = new AtomicLong();
    private final AtomicLong nextSeq = new AtomicLong();
    /**
     * The path counters as one immutable value, replaced by compare-and-set: a reader gets all of
     * them at one point in time (created == tracked + deleted + released + skipped, always), which
     * separate counters read one after another cannot give while paths come and go.
     */
    private final AtomicReference<Counts> counts = new AtomicReference<>(Counts.ZERO);
    private final AtomicLong bytes = new AtomicLong();
    private final Collection<Entry> oldestFirst = order.view(new LongSupplier() {
        @Override
        public long getAsLong() {
            Counts c = counts.get();
            return c.files() + c.directories();
        }
    });
    private volatile Listener listener = NO_LISTENER;
    /** Told when a path marked for deletion at exit is let go (the host deleted, moved or replaced it). */
    private volatile Consumer<Path> deleteAtExitReleased;

    public void setListener(Listener listener) {
        Listener l = listener == null ? NO_LISTENER : listener;
        l.attachedTo(oldestFirst);
        this.listener = l;
    }

    /**
     * Who is told, after the fact, that an entry {@linkplain #markDeleteAtExit marked} for deletion
     * at exit left the registry without tempguard deleting it ({@link Removal#RELEASED}, or replaced
     * by another file): the host's request is for the name, and outlives the file. Null: nobody.
     * Called under the path's stripe lock, so it must take no lock of the registry's.
     */
    public void onDeleteAtExitReleased(Consumer<Path> whoToTell) {
        this.deleteAtExitReleased = whoToTell;
    }

    /** What {@link #markDeleteAtExit} found. */
    public enum Mark {
        /** Nothing is tracked under the path. */
        NOT_TRACKED,
        /** The entry is marked now, by this call. */
        MARKED,
        /** The entry was marked before. */
        ALREADY_MARKED
    }

    /**
     * Marks the entry tracking {@code key} as to be deleted at exit, whatever the shutdown cleanup
     * setting (the host asked for it with {@code File.deleteOnExit}).
     */
    public Mark markDeleteAtExit(Path key) {
        EntryName name = nameIfMaybeTracked(key);
        if (name == null) return Mark.NOT_TRACKED;
        EntryTable.Stripe stripe = table.stripeFor(name.hash);
        synchronized (stripe) {
            Entry current = stripe.find(name);
            if (current == null) return Mark.NOT_TRACKED;
            return current.markDeleteAtExit() ? Mark.MARKED : Mark.ALREADY_MARKED;
        }
    }

    /**
     * As {@link #track}, and marks the entry for deletion at exit in the same step, so the journal
     * already sees it marked ({@link #markDeleteAtExit}). Returns {@link Mark#MARKED} if this call
     * marked it, {@link Mark#ALREADY_MARKED} if it was marked before.
     */
    public Mark trackMarkedForExit(Path key, BasicFileAttributes attrs, long nowMillis) {
        PathKind kind = attrs.isDirectory() ? PathKind.DIRECTORY : PathKind.FILE;
        long size = attrs.isRegularFile() ? attrs.size() : 0;
        boolean[] marked = new boolean[1];
        add(key, kind, FileIdentity.of(attrs), size, nowMillis, null, marked);
        return marked[0] ? Mark.MARKED : Mark.ALREADY_MARKED;
    }

    /**
     * Starts tracking {@code path} (absolute, normalized). Idempotent: if the same file is already
     * tracked nothing changes and null is returned. If the path is tracked but now names another
     * file (the old one is gone), the old entry is released and the new one tracked.
     */
    public Entry add(Path path, PathKind kind, FileIdentity identity, long size, long nowMillis) {
        return add(path, kind, identity, size, nowMillis, null);
    }

    /** As {@link #add(Path, PathKind, FileIdentity, long, long)}, recording where the path was created. */
    public Entry add(Path path, PathKind kind, FileIdentity identity, long size, long nowMillis, CreationSite site) {
        return add(path, kind, identity, size, nowMillis, site, null);
    }

    /** {@code markForExit} non-null: also mark the entry for deletion at exit, and say in it whether this call did. */
    private Entry add(Path path, PathKind kind, FileIdentity identity, long size, long nowMillis, CreationSite site,
                      boolean[] markForExit) {
        EntryName name = EntryName.of(path, EntryName.parentOf(path));
        EntryTable.Stripe stripe = table.stripeFor(name.hash);
        synchronized (stripe) {
            Entry old = stripe.find(name);
            if (old != null) {
                if (old.hasIdentity(identity)) {
                    if (markForExit != null) markForExit[0] = old.markDeleteAtExit();
                    return null;
                }
                if (old.identity().matches(identity, false) && old.kind() == kind) {
                    // Same inode, creation time moved (a JDK without birth times reports mtime): refresh it.
                    old.refreshIdentity(identity);
                    updateSize(old, size);
                    if (markForExit != null) markForExit[0] = old.markDeleteAtExit();
                    return null;
                }
                unlinkLocked(stripe, old, name.hash, Removal.RELEASED);
            }
            Dir dir = null;
            if (name.parent != null) dir = dirs.acquire(name.parent, identity.device());
            else parentless.incrementAndGet();
            Entry entry;
            // The sequence number and the place in the creation order in one step (lock order: stripe,
            // then order): two adds in different stripes could otherwise append in the other order
            // than their numbers, and oldestFirst() would not be creation order.
            // Only the numbering and the append hold the order's lock, which every add on the host's
            // threads takes; the table insert after it is covered by the stripe lock, which any get()
            // of an entry met in the order waits for.
            synchronized (order) {
                entry = new Entry(name, dir, kind, identity, nextSeq.incrementAndGet(), nowMillis, size, site);
                // Marked before anyone can meet it (in the order, or told by the listener): the journal sees it marked.
                if (markForExit != null) markForExit[0] = entry.markDeleteAtExit();
                order.append(entry);
            }
            stripe.insert(entry, name.hash);
            Counts c;
            do {
                c = counts.get();
            } while (!counts.compareAndSet(c, c.added(kind)));
            bytes.addAndGet(size);
            listener.added(entry);
            return entry;
        }
    }

    /** Takes {@code e} out of the table and the order, counts it and tells the listener; holds the stripe. */
    private void unlinkLocked(EntryTable.Stripe stripe, Entry e, int hash, Removal why) {
        stripe.delete(e, hash);
        order.unlink(e);
        Counts c;
        do {
            c = counts.get();
        } while (!counts.compareAndSet(c, c.retired(e.kind(), why)));
        bytes.addAndGet(-e.retire());
        listener.removed(e);
        Consumer<Path> tell = deleteAtExitReleased;
        if (tell != null && why == Removal.RELEASED && e.deleteAtExit()) tell.accept(e.path());
        if (e.dir != null) dirs.release(e.dir);
        else parentless.decrementAndGet();
    }

    /** The key a path is tracked under: absolute and normalized (no file system access). */
    public static Path key(Path path) {
        Path absolute = path.toAbsolutePath();
        // Every host create and delete comes through here: normalize() rebuilds the path even when
        // it has nothing to remove, so it runs only for a path with a "." or ".." name.
        return hasDotName(absolute.toString(), absolute.getFileSystem().getSeparator())
                ? absolute.normalize() : absolute;
    }

    /** Whether {@code text} has a name "." or ".." ({@code separator} between names). */
    static boolean hasDotName(String text, String separator) {
        if (separator.length() != 1) return true; // an unusual file system: let normalize() decide
        char sep = separator.charAt(0);
        int n = text.length();
        for (int i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
            if (i > 0 && text.charAt(i - 1) != sep) continue; // not at the start of a name
            int end = i + 1 < n && text.charAt(i + 1) == '.' ? i + 2 : i + 1;
            if (end == n || text.charAt(end) == sep) return true;
        }
        return false;
    }

    /**
     * Starts tracking {@code key} as {@code attrs} (read without following links) describe it: a
     * directory as a directory, anything else (a symbolic link included) as a file. See {@link #add}.
     */
    public Entry track(Path key, BasicFileAttributes attrs, long nowMillis) {
        return track(key, attrs, nowMillis, null);
    }

    /** As {@link #track(Path, BasicFileAttributes, long)}, recording where the path was created. */
    public Entry track(Path key, BasicFileAttributes attrs, long nowMillis, CreationSite site) {
        PathKind kind = attrs.isDirectory() ? PathKind.DIRECTORY : PathKind.FILE;
        long size = attrs.isRegularFile() ? attrs.size() : 0;
        return add(key, kind, FileIdentity.of(attrs), size, nowMillis, site);
    }

    /**
     * The entries tracked for at least {@code age} at {@code nowMillis}, oldest first.
     *
     * @throws IllegalArgumentException if {@code age} is negative
     */
    public List<Entry> trackedForAtLeast(Duration age, long nowMillis) {
        if (age.isNegative()) throw new IllegalArgumentException("age must not be negative, was " + age);
        long cutoff;
        try {
            cutoff = Math.subtractExact(nowMillis, age.toMillis());
        } catch (ArithmeticException longerThanTime) {
            return Collections.emptyList(); // nothing has been tracked for that long
        }
        List<Entry> due = new ArrayList<>();
        for (Entry e : oldestFirst) {
            if (e.trackedAtMillis() > cutoff) break; // registration order is age order
            due.add(e);
        }
        return due;
    }

    /** Removes exactly this entry (not a newer one under the same path); true if this call removed it. */
    public boolean remove(Entry entry, Removal why) {
        if (entry.isRetired()) return false;
        int hash = EntryName.hashOf(entry);
        EntryTable.Stripe stripe = table.stripeFor(hash);
        synchronized (stripe) {
            if (!stripe.holds(entry, hash)) return false;
            unlinkLocked(stripe, entry, hash, why);
            return true;
        }
    }

    /** Removes whatever entry tracks {@code path}; returns it, or null if none did. */
    public Entry remove(Path path, Removal why) {
        EntryName name = nameIfMaybeTracked(path);
        if (name == null) return null;
        EntryTable.Stripe stripe = table.stripeFor(name.hash);
        synchronized (stripe) {
            Entry current = stripe.find(name);
            if (current != null) unlinkLocked(stripe, current, name.hash, why);
            return current;
        }
    }

    /**
     * False only if no tracked path has {@code directory} (absolute, normalized) as its parent. Exact
     * at the moment of the call; a path tracked later in it is not foreseen.
     */
    public boolean mayHoldIn(Path directory) {
        return !isEmpty() && dirs.mayHold(directory);
    }

    /** The name to look {@code path} up by, or null when no tracked path can be it (its parent holds none). */
    private EntryName nameIfMaybeTracked(Path path) {
        if (isEmpty()) return null;
        Path parent = EntryName.parentOf(path);
        if (parent == null ? parentless.get() == 0 : !dirs.mayHold(parent)) return null;
        return EntryName.of(path, parent);
    }

    /** Records a newly measured size for a live entry. */
    public void updateSize(Entry entry, long newSize) {
        long delta = entry.updateSize(newSize);
        if (delta != 0) bytes.addAndGet(delta);
    }

    public Entry get(Path path) {
        EntryName name = nameIfMaybeTracked(path);
        if (name == null) return null;
        EntryTable.Stripe stripe = table.stripeFor(name.hash);
        synchronized (stripe) {
            return stripe.find(name);
        }
    }

    public boolean isEmpty() {
        Counts c = counts.get();
        return c.files() + c.directories() == 0;
    }

    /** The longest-tracked entry, or null. */
    public Entry oldest() {
        return order.oldest();
    }

    /** Live view in registration order, oldest first; weakly consistent under concurrent change. */
    public Collection<Entry> oldestFirst() {
        return oldestFirst;
    }

    /**
     * Live view of the entries registered after {@code last} (all of them for null), oldest first;
     * weakly consistent. A cursor that left the registry still leads on (see {@link CreationOrder}).
     */
    public Collection<Entry> registeredAfter(Entry last) {
        return order.viewAfter(last);
    }

    /** Live view in no particular order (registration order, in fact); weakly consistent under concurrent change. */
    public Collection<Entry> entries() {
        return oldestFirst;
    }

    /** All path counters at one point in time. */
    public Counts counts() { return counts.get(); }

    public long fileCount() { return counts.get().files(); }

    public long directoryCount() { return counts.get().directories(); }

    public long bytes() { return bytes.get(); }

    public long createdTotal() { return counts.get().created(); }

    public long deletedTotal() { return counts.get().deleted(); }

    public long releasedTotal() { return counts.get().released(); }

    public long skippedTotal() { return counts.get().skipped(); }

    /** The path counters at one point in time; immutable. */
    public static final class Counts {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        private final long files;
        private final long directories;
        private final long created;
        private final long deleted;
        private final long released;
        private final long skipped;

        private Counts(long files, long directories, long created, long deleted, long released, long skipped) {
            this.files = files;
            this.directories = directories;
            this.created = created;
            this.deleted = deleted;
            this.released = released;
            this.skipped = skipped;
        }

        Counts added(PathKind kind) {
            boolean dir = kind == PathKind.DIRECTORY;
            return new Counts(files + (dir ? 0 : 1), directories + (dir ? 1 : 0), created + 1, deleted, released,
                    skipped);
        }

        Counts retired(PathKind kind, Removal why) {
            boolean dir = kind == PathKind.DIRECTORY;
            return new Counts(files - (dir ? 0 : 1), directories - (dir ? 1 : 0), created,
                    deleted + (why == Removal.DELETED ? 1 : 0), released + (why == Removal.RELEASED ? 1 : 0),
                    skipped + (why == Removal.SKIPPED ? 1 : 0));
        }

        /** Tracked files. */
        public long files() { return files; }

        /** Tracked directories. */
        public long directories() { return directories; }

        /** Paths that ever started being tracked. */
        public long created() { return created; }

        public long deleted() { return deleted; }

        public long released() { return released; }

        public long skipped() { return skipped; }
    }
}
