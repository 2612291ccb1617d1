package io.tempguard.internal.registry;

/**
 * The registry's hash table: entries chained through their own {@code chain} field, in stripes
 * that each have their own lock and grow on their own, so that two threads tracking different
 * paths rarely wait for each other. Costs about 4 bytes per entry (the bucket array) besides the
 * entries: no map node, no key object.
 *
 * <p>All access to a stripe happens while holding it ({@code synchronized (stripeFor(hash))}):
 * the registry makes each change to a path, its counters and its listener call inside that lock.
 */
final class EntryTable {
    private static final int STRIPES = 64;
    private static final int INITIAL_BUCKETS = 16;

    /** One lock and one bucket array. */
    static final class Stripe {
        private Entry[] buckets = new Entry[INITIAL_BUCKETS];
        private int size;

        /** The entry of {@code name}, or null; call holding this stripe. */
        Entry find(EntryName name) {
            for (Entry e = buckets[name.hash & (buckets.length - 1)]; e != null; e = e.chain) {
                if (name.matches(e)) return e;
            }
            return null;
        }

        /** Whether exactly {@code e} (not another entry of its path) is in this stripe; call holding it. */
        boolean holds(Entry e, int hash) {
            for (Entry cur = buckets[hash & (buckets.length - 1)]; cur != null; cur = cur.chain) {
                if (cur == e) return true;
            }
            return false;
        }

        /** Adds {@code e}, which has the hash {@code hash} and no entry here yet; call holding this stripe. */
        void insert(Entry e, int hash) {
            if (size >= buckets.length) grow();
            int i = hash & (buckets.length - 1);
            e.chain = buckets[i];
            buckets[i] = e;
            size++;
        }

        /** Removes exactly {@code e}; call holding this stripe. */
        void delete(Entry e, int hash) {
            int i = hash & (buckets.length - 1);
            Entry prev = null;
            for (Entry cur = buckets[i]; cur != null; prev = cur, cur = cur.chain) {
                if (cur != e) continue;
                if (prev == null) buckets[i] = cur.chain;
                else prev.chain = cur.chain;
                cur.chain = null;
                size--;
                return;
            }
        }

        private void grow() {
            Entry[] old = buckets;
            Entry[] grown = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head; e != null; ) {
                    Entry following = e.chain;
                    int i = EntryName.hashOf(e) & (grown.length - 1);
                    e.chain = grown[i];
                    grown[i] = e;
                    e = following;
                }
            }
            buckets = grown;
        }
    }

    private final Stripe[] stripes = new Stripe[STRIPES];

    EntryTable() {
        for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe();
    }

    /** The stripe of a hash: its top bits, so that the bucket index (low bits) stays independent. */
    Stripe stripeFor(int hash) {
        return stripes[(hash >>> 26) & (STRIPES - 1)];
    }
}
