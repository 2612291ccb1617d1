package io.tempguard.internal.registry;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * The tracked entries in registration order, as a doubly linked list through the entries' own
 * {@code prev}/{@code next} fields: oldest in O(1), append and unlink in O(1), no node objects and
 * no index by sequence number.
 *
 * <p>Changes hold this object's lock (briefly, inside the path's stripe lock). Iterators do not
 * lock: they follow the volatile {@code next} links and skip entries that left the registry. An
 * unlinked entry keeps its {@code next}, so an iterator standing on it still finds its way on:
 * weakly consistent, like the concurrent collections.
 */
final class CreationOrder {
    private volatile Entry head;
    private Entry tail;

    synchronized void append(Entry e) {
        e.prev = tail;
        e.next = null;
        if (tail == null) head = e;
        else tail.next = e;
        tail = e;
    }

    synchronized void unlink(Entry e) {
        Entry before = e.prev;
        Entry after = e.next;
        if (before == null) head = after;
        else before.next = after;
        if (after == null) tail = before;
        else after.prev = before;
        e.prev = null; // e.next stays: an iterator on e continues from there
    }

    /** The oldest live entry, or null. */
    Entry oldest() {
        for (Entry e = head; e != null; e = e.next) {
            if (!e.isRetired()) return e;
        }
        return null;
    }

    /** A live view, oldest first; {@code size} gives its size (the registry's O(1) counters). */
    AbstractCollection<Entry> view(LongSupplier size) {
        return new AbstractCollection<Entry>() {
            @Override
            public Iterator<Entry> iterator() {
                return new Walk(head);
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, size.getAsLong());
            }

            @Override
            public boolean isEmpty() {
                return size.getAsLong() == 0;
            }
        };
    }

    /** A live view of what follows {@code last} (everything for null), oldest first; its size is not known. */
    AbstractCollection<Entry> viewAfter(Entry last) {
        return new AbstractCollection<Entry>() {
            @Override
            public Iterator<Entry> iterator() {
                return new Walk(last == null ? head : last.next);
            }

            @Override
            public int size() {
                int n = 0;
                for (Iterator<Entry> it = iterator(); it.hasNext(); it.next()) n++;
                return n;
            }
        };
    }

    /** Follows the links from {@code start}, skipping entries that left the registry. */
    private static final class Walk implements Iterator<Entry> {
        private Entry upcoming;

        Walk(Entry start) {
            upcoming = skipRetired(start);
        }

        private static Entry skipRetired(Entry e) {
            while (e != null && e.isRetired()) e = e.next;
            return e;
        }

        @Override
        public boolean hasNext() {
            return upcoming != null;
        }

        @Override
        public Entry next() {
            Entry e = upcoming;
            if (e == null) throw new NoSuchElementException();
            upcoming = skipRetired(e.next);
            return e;
        }
    }
}
