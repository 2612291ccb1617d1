package io.tempguard.internal.capture;

import io.tempguard.PathKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the host created under a root that no capture rule matched: a total, and the most recent
 * ones in a ring of fixed size (memory stays bounded whatever the host does). Shown to the operator
 * so that they learn which rule to write; nothing recorded here is ever deleted.
 *
 * <p>Only the topmost new path counts: what is created inside a directory that is listed here
 * already (the levels one {@code mkdirs} creates below the first, the files a job writes into its
 * new work directory) is part of that entry, not an entry of its own.
 */
public final class UncapturedCreations {
    /** How many of the most recent uncaptured creations are kept unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 100;

    /** One uncaptured creation. */
    public static final class Created {
        private final Path path;
        private final PathKind kind;
        private final long createdAtMillis;
        private final String site;

        Created(Path path, PathKind kind, long createdAtMillis, String site) {
            this.path = path;
            this.kind = kind;
            this.createdAtMillis = createdAtMillis;
            this.site = site;
        }

        /** The code that created it, as {@code listTracked} names sites; "" when sites are off. */
        public String site() { return site; }

        public Path path() { return path; }

        public PathKind kind() { return kind; }

        public long createdAtMillis() { return createdAtMillis; }
    }

    private final Created[] ring;
    /**
     * The directories in the ring (how many times each), for the "inside a listed directory"
     * check. Files are not kept here: nothing is ever created inside one, and a host writing new
     * files in a loop then pays no map work at all.
     */
    private final Map<Path, Integer> listedDirectories = new HashMap<>();
    private int next;
    private long total;

    public UncapturedCreations(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        this.ring = new Created[capacity];
    }

    /**
     * Records {@code path}, unless one of its {@code depthBelowRoot - 1} nearest ancestors is listed.
     *
     * @return true if recorded
     */
    public synchronized boolean record(Path path, PathKind kind, long nowMillis, int depthBelowRoot, String site) {
        if (!listedDirectories.isEmpty()) {
            Path p = path;
            for (int i = 1; i < depthBelowRoot; i++) {
                p = p.getParent();
                if (listedDirectories.containsKey(p)) return false;
            }
        }
        Created evicted = ring[next];
        if (evicted != null && evicted.kind == PathKind.DIRECTORY) unlist(evicted.path);
        ring[next] = new Created(path, kind, nowMillis, site == null ? "" : site);
        if (kind == PathKind.DIRECTORY) {
            Integer n = listedDirectories.get(path);
            listedDirectories.put(path, n == null ? 1 : n + 1);
        }
        next = (next + 1) % ring.length;
        total++;
        return true;
    }

    // Plain code, no lambdas: the first lambda a JVM links costs tens of milliseconds on the host's thread.
    private void unlist(Path path) {
        Integer n = listedDirectories.get(path);
        if (n == null) return;
        if (n > 1) listedDirectories.put(path, n - 1);
        else listedDirectories.remove(path);
    }

    /** Uncaptured creations since start (not bounded by the ring). */
    public synchronized long total() {
        return total;
    }

    /** Up to {@code limit} of the kept records, newest first. */
    public synchronized List<Created> newestFirst(int limit) {
        List<Created> out = new ArrayList<>();
        for (int back = 1; back <= ring.length && out.size() < limit; back++) {
            Created c = ring[Math.floorMod(next - back, ring.length)];
            if (c == null) break;
            out.add(c);
        }
        return out;
    }
}
