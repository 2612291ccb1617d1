package io.tempguard.internal.registry;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A parent directory of tracked paths, shared by all its entries so that each entry keeps only its
 * own name. It also holds the device its entries were found on (an entry on another device keeps
 * its identity elsewhere, see {@link Entry}).
 *
 * <p>Interned by {@link Registry} while it has entries; two {@code Dir}s of the same path can
 * exist for a moment (one retiring as the other is made), so entries compare directories by path.
 */
final class Dir {
    private static final AtomicIntegerFieldUpdater<Dir> LIVE = AtomicIntegerFieldUpdater.newUpdater(Dir.class, "live");

    final Path path;
    final long device;
    private volatile int live;

    Dir(Path path, long device) {
        this.path = path;
        this.device = device;
    }

    void entryAdded() {
        LIVE.incrementAndGet(this);
    }

    /** True when this was its last entry. */
    boolean entryRemoved() {
        return LIVE.decrementAndGet(this) == 0;
    }
}
