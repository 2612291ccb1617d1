package io.tempguard.internal.journal;

import io.tempguard.internal.registry.Entry;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * What the journal says is live: the registry's entries that carry the journal's mark, set and
 * cleared under the writer's lock in exactly the order records are appended. Compaction writes
 * this set, never the registry as such: the registry tells its listener after an entry joined or
 * left its order, so a plain snapshot of it could list a path whose removal record was already
 * written, and a crash would then let a sweep delete a path the host had kept. The mark costs
 * no memory (a bit in the entry), where a map of its own would cost the journal ~40 bytes a path.
 *
 * <p>Not thread-safe: used under the writer's lock.
 */
final class JournaledEntries extends AbstractCollection<Entry> {
    private volatile Collection<Entry> registered = Collections.emptyList();
    private int count;

    /** The registry's entries (a live view), which this set filters by the mark. */
    void readFrom(Collection<Entry> entries) {
        registered = entries;
    }

    /** Marks {@code e}; false if it was marked already. */
    @Override
    public boolean add(Entry e) {
        if (!e.markJournaled()) return false;
        count++;
        return true;
    }

    /** Unmarks {@code e}; false if it was not marked. */
    boolean remove(Entry e) {
        if (!e.unmarkJournaled()) return false;
        count--;
        return true;
    }

    /** Forgets every entry (the journal is off for good; the marks no longer matter). */
    @Override
    public void clear() {
        count = 0;
        registered = Collections.emptyList();
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Iterator<Entry> iterator() {
        Iterator<Entry> all = registered.iterator();
        return new Iterator<Entry>() {
            private Entry upcoming = advance();

            private Entry advance() {
                while (all.hasNext()) {
                    Entry e = all.next();
                    if (e.isJournaled()) return e;
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return upcoming != null;
            }

            @Override
            public Entry next() {
                Entry e = upcoming;
                if (e == null) throw new NoSuchElementException();
                upcoming = advance();
                return e;
            }
        };
    }
}
