package io.tempguard.internal.forensics;

import io.tempguard.SiteRecording;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The interned creation sites of one manager: one {@link CreationSite} per distinct frame, at
 * most {@code capacity} of them, so memory stays bounded however many sites a host has. Once full,
 * new frames are attributed to the one {@link #other()} site. Thread-safe, lock-free.
 */
public final class SiteTable {
    private final ConcurrentHashMap<Key, CreationSite> sites = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final CreationSite other = CreationSite.special("other");
    private final CreationSite unknown = CreationSite.special("unknown");

    public SiteTable() {
        this(SiteRecording.MAX_SITES);
    }

    SiteTable(int capacity) {
        this.capacity = capacity;
    }

    /** The one site for this frame; {@link #other()} if the table is full. */
    CreationSite intern(String className, String methodName, String fileName, int line) {
        Key key = new Key(className, methodName, fileName, line);
        CreationSite site = sites.get(key);
        if (site != null) return site;
        // Reserve a slot before adding, so racing threads cannot push the table past its capacity.
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return other;
        }
        CreationSite fresh = new CreationSite(className, methodName, fileName, line);
        CreationSite raced = sites.putIfAbsent(key, fresh);
        if (raced != null) {
            size.decrementAndGet();
            return raced;
        }
        return fresh;
    }

    /** Where creations go once the table is full. */
    public CreationSite other() { return other; }

    /** Where a creation goes whose every frame is excluded. */
    public CreationSite unknown() { return unknown; }

    /** Distinct sites interned (not counting {@code other} and {@code unknown}). */
    public int size() { return size.get(); }

    /** Every site with recorded creations, {@code other} and {@code unknown} included. */
    public List<CreationSite> all() {
        List<CreationSite> all = new ArrayList<>(sites.values());
        if (other.createdTotal() > 0) all.add(other);
        if (unknown.createdTotal() > 0) all.add(unknown);
        return all;
    }

    private static final class Key {
        private final String className;
        private final String methodName;
        private final String fileName;
        private final int line;
        private final int hash;

        Key(String className, String methodName, String fileName, int line) {
            this.className = className;
            this.methodName = methodName;
            this.fileName = fileName;
            this.line = line;
            this.hash = (className.hashCode() * 31 + methodName.hashCode()) * 31 + line;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) return false;
            Key k = (Key) o;
            return line == k.line && className.equals(k.className) && methodName.equals(k.methodName)
                    && Objects.equals(fileName, k.fileName);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
