package io.tempguard.internal.registry;

import java.nio.file.Path;

/**
 * A parent directory of tracked paths, shared by all its entries so that each entry keeps only its
 * own name. It also holds the device its entries were found on (an entry on another device keeps
 * its identity elsewhere, see {@link Entry}). Interned and counted by {@link Dirs}.
 */
final class Dir {
    final Path path;
    final long device;
    /** Entries holding this directory; changed only inside {@link Dirs}' per-key lock. */
    int entries;

    Dir(Path path, long device) {
        this.path = path;
        this.device = device;
    }
}
