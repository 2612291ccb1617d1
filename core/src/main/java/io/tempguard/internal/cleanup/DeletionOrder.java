package io.tempguard.internal.cleanup;

import io.tempguard.PathKind;

import java.nio.file.Path;

/**
 * The order every bulk deletion uses, cleanup and orphan sweep alike: files before directories,
 * and among directories the deepest first, so a tracked directory has lost its tracked children
 * before its own turn comes.
 */
public final class DeletionOrder {

    /** Negative if ({@code aKind}, {@code a}) goes before ({@code bKind}, {@code b}). */
    public static int compare(PathKind aKind, Path a, PathKind bKind, Path b) {
        boolean aDir = aKind == PathKind.DIRECTORY;
        boolean bDir = bKind == PathKind.DIRECTORY;
        if (aDir != bDir) return aDir ? 1 : -1;
        return Integer.compare(b.getNameCount(), a.getNameCount());
    }

    /** Whether one of {@code path}'s ancestors is in {@code directories}: its bytes are counted with that directory. */
    public static boolean hasAncestorIn(Path path, java.util.Set<Path> directories) {
        if (directories.isEmpty()) return false;
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            if (directories.contains(p)) return true;
        }
        return false;
    }

    private DeletionOrder() {
    }
}
