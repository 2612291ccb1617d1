package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The set of tracked paths and the counters that describe it, kept exact without a global lock.
 *
 * <p>Every change to a path happens inside a {@link ConcurrentHashMap#compute} on that path, so
 * the thread that wins adding or removing an entry is the only one that updates the counters: no
 * path is counted twice, none is lost. The same critical section tells the {@link Listener} (the
 * crash journal), so the journal sees each path's changes in the order they happened.
 *
 * <p>A second index, ordered by registration, answers "oldest tracked path" in O(1) and lets
 * age-based cleanup stop at the first path that is young enough.
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
        void added(Entry entry);

        void removed(Entry entry);
    }

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void added(Entry entry) { }

        @Override
        public void removed(Entry entry) { }
    };

    private final ConcurrentHashMap<Path, Entry> byPath = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Entry> bySeq = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSeq = new AtomicLong();
    /**
     * The path counters as one immutable value, replaced by compare-and-set: a reader gets all of
     * them at one point in time (created == tracked + deleted + released + skipped, always), which
     * separate counters read one after another cannot give while paths come and go.
     */
    private final AtomicReference<Counts> counts = new AtomicReference<>(Counts.ZERO);
    private final AtomicLong bytes = new AtomicLong();
    private volatile Listener listener = NO_LISTENER;
    /** Told when a path marked for deletion at exit is let go (the host deleted, moved or replaced it). */
    private volatile Consumer<Path> deleteAtExitReleased;

    public void setListener(Listener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /**
     * Who is told, after the fact, that an entry {@linkplain #markDeleteAtExit marked} for deletion
     * at exit left the registry without tempguard deleting it ({@link Removal#RELEASED}, or replaced
     * by another file): the host's request is for the name, and outlives the file. Null: nobody.
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
        MarkDeleteAtExit op = new MarkDeleteAtExit();
        Entry entry = byPath.computeIfPresent(key, op);
        if (entry == null) return Mark.NOT_TRACKED;
        return op.newlyMarked ? Mark.MARKED : Mark.ALREADY_MARKED;
    }

    /**
     * Starts tracking {@code path} (absolute, normalized). Idempotent: if the same file is already
     * tracked nothing changes and null is returned. If the path is tracked but now names another
     * file (the old one is gone), the old entry is released and the new one tracked.
     */
    public Entry add(Path path, PathKind kind, FileIdentity identity, long size, long nowMillis) {
        return add(path, kind, identity, size, nowMillis, false).added;
    }

    private Add add(Path path, PathKind kind, FileIdentity identity, long size, long nowMillis, boolean mark) {
        Add op = new Add(kind, identity, size, nowMillis, mark);
        byPath.compute(path, op);
        if (op.replaced != null) retired(op.replaced, Removal.RELEASED);
        if (op.refreshed != null) updateSize(op.refreshed, size);
        Entry entry = op.added;
        if (entry != null) {
            Counts c;
            do {
                c = counts.get();
            } while (!counts.compareAndSet(c, c.added(kind)));
            bytes.addAndGet(size);
        }
        return op;
    }

    /** The key a path is tracked under: absolute and normalized (no file system access). */
    public static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * Starts tracking {@code key} as {@code attrs} (read without following links) describe it: a
     * directory as a directory, anything else (a symbolic link included) as a file. See {@link #add}.
     */
    public Entry track(Path key, BasicFileAttributes attrs, long nowMillis) {
        PathKind kind = attrs.isDirectory() ? PathKind.DIRECTORY : PathKind.FILE;
        long size = attrs.isRegularFile() ? attrs.size() : 0;
        return add(key, kind, FileIdentity.of(attrs), size, nowMillis);
    }

    /**
     * As {@link #track}, and marks the entry for deletion at exit in the same step, so the journal
     * already sees it marked ({@link #markDeleteAtExit}). Returns {@link Mark#MARKED} if this call
     * marked it, {@link Mark#ALREADY_MARKED} if it was marked before.
     */
    public Mark trackMarkedForExit(Path key, BasicFileAttributes attrs, long nowMillis) {
        PathKind kind = attrs.isDirectory() ? PathKind.DIRECTORY : PathKind.FILE;
        long size = attrs.isRegularFile() ? attrs.size() : 0;
        return add(key, kind, FileIdentity.of(attrs), size, nowMillis, true).newlyMarked ? Mark.MARKED
                : Mark.ALREADY_MARKED;
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
        for (Entry e : bySeq.values()) {
            if (e.trackedAtMillis() > cutoff) break; // registration order is age order
            due.add(e);
        }
        return due;
    }

    /** Removes exactly this entry (not a newer one under the same path); true if this call removed it. */
    public boolean remove(Entry entry, Removal why) {
        Remove op = new Remove(entry.seq());
        byPath.computeIfPresent(entry.path(), op);
        if (op.removed != null) retired(op.removed, why);
        return op.removed != null;
    }

    /** Removes whatever entry tracks {@code path}; returns it, or null if none did. */
    public Entry remove(Path path, Removal why) {
        Remove op = new Remove(ANY);
        byPath.computeIfPresent(path, op);
        if (op.removed != null) retired(op.removed, why);
        return op.removed;
    }

    private void retired(Entry entry, Removal why) {
        Counts c;
        do {
            c = counts.get();
        } while (!counts.compareAndSet(c, c.retired(entry.kind(), why)));
        bytes.addAndGet(-entry.retire());
        Consumer<Path> tell = deleteAtExitReleased;
        if (tell != null && why == Removal.RELEASED && entry.deleteAtExit()) tell.accept(entry.path());
    }

    /** Records a newly measured size for a live entry. */
    public void updateSize(Entry entry, long newSize) {
        long delta = entry.updateSize(newSize);
        if (delta != 0) bytes.addAndGet(delta);
    }

    public Entry get(Path path) {
        return byPath.get(path);
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** The longest-tracked entry, or null. */
    public Entry oldest() {
        Map.Entry<Long, Entry> first = bySeq.firstEntry();
        return first == null ? null : first.getValue();
    }

    /** Live view in registration order, oldest first; weakly consistent under concurrent change. */
    public Collection<Entry> oldestFirst() {
        return bySeq.values();
    }

    /** Live view in no particular order; weakly consistent under concurrent change. */
    public Collection<Entry> entries() {
        return byPath.values();
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

    private static final long ANY = Long.MIN_VALUE;

    // The compute steps are classes rather than lambdas: they run on the host's thread at its first
    // temp file, where linking a JVM's first lambda would cost tens of milliseconds.

    /** Adds or refreshes the entry of one path; runs under that path's lock. */
    private final class Add implements BiFunction<Path, Entry, Entry> {
        private final PathKind kind;
        private final FileIdentity identity;
        private final long size;
        private final long nowMillis;
        /** Also mark the entry for deletion at exit. */
        private final boolean mark;
        Entry added;
        Entry replaced;
        Entry refreshed;
        boolean newlyMarked;

        Add(PathKind kind, FileIdentity identity, long size, long nowMillis, boolean mark) {
            this.kind = kind;
            this.identity = identity;
            this.size = size;
            this.nowMillis = nowMillis;
            this.mark = mark;
        }

        @Override
        public Entry apply(Path key, Entry old) {
            if (old != null) {
                if (old.identity().equals(identity)) {
                    if (mark) newlyMarked = old.markDeleteAtExit();
                    return old;
                }
                if (old.identity().matches(identity, false) && old.kind() == kind) {
                    // Same inode, creation time moved (a JDK without birth times reports mtime): refresh it.
                    refreshed = old.withIdentity(identity);
                    if (mark) newlyMarked = refreshed.markDeleteAtExit();
                    bySeq.put(refreshed.seq(), refreshed);
                    return refreshed;
                }
                replaced = old;
                bySeq.remove(old.seq());
                listener.removed(old);
            }
            Entry entry = new Entry(key, kind, identity, nextSeq.incrementAndGet(), nowMillis, size);
            if (mark) newlyMarked = entry.markDeleteAtExit(); // before the listener: the journal sees it marked
            bySeq.put(entry.seq(), entry);
            listener.added(entry);
            added = entry;
            return entry;
        }
    }

    /** Marks the entry of one path for deletion at exit; runs under that path's lock. */
    private static final class MarkDeleteAtExit implements BiFunction<Path, Entry, Entry> {
        boolean newlyMarked;

        @Override
        public Entry apply(Path key, Entry current) {
            newlyMarked = current.markDeleteAtExit();
            return current;
        }
    }

    /** Removes the entry of one path (only the one with {@code seq}, unless ANY); runs under that path's lock. */
    private final class Remove implements BiFunction<Path, Entry, Entry> {
        private final long seq;
        Entry removed;

        Remove(long seq) {
            this.seq = seq;
        }

        @Override
        public Entry apply(Path key, Entry current) {
            if (seq != ANY && current.seq() != seq) return current;
            removed = current;
            bySeq.remove(current.seq());
            listener.removed(current);
            return null;
        }
    }
}
