package io.tempguard.internal.registry;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The interned parent directories of the tracked paths, each counted by its entries: a
 * {@link Dir} is in the map exactly while at least one entry holds it, so "no {@code Dir} for
 * this parent" proves "nothing tracked in it" without building the name (the common host delete
 * of an untracked path). Counting runs inside the map's per-key lock, called under a stripe lock:
 * the lock order is always stripe, then map.
 */
final class Dirs {
    private final ConcurrentHashMap<Path, Dir> byPath = new ConcurrentHashMap<>();

    /** The {@link Dir} of {@code parent} with one more entry (made with {@code device} if it is the first). */
    Dir acquire(Path parent, long device) {
        return byPath.compute(parent, new Acquire(device));
    }

    /** One entry of {@code dir} left; the last one takes the {@code Dir} out of the map. */
    void release(Dir dir) {
        byPath.computeIfPresent(dir.path, RELEASE);
    }

    /** False only if no tracked path has {@code parent} as its parent. */
    boolean mayHold(Path parent) {
        return byPath.containsKey(parent);
    }

    // Classes, not lambdas: they run on the host's thread at its first temp file.
    private static final class Acquire implements BiFunction<Path, Dir, Dir> {
        private final long device;

        Acquire(long device) {
            this.device = device;
        }

        @Override
        public Dir apply(Path parent, Dir existing) {
            Dir dir = existing != null ? existing : new Dir(parent, device);
            dir.entries++;
            return dir;
        }
    }

    private static final BiFunction<Path, Dir, Dir> RELEASE = new BiFunction<Path, Dir, Dir>() {
        @Override
        public Dir apply(Path parent, Dir dir) {
            return --dir.entries == 0 ? null : dir;
        }
    };
}
