package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The directories under which tempguard may track and delete. A root itself is never tracked,
 * and nothing outside the roots is ever deleted.
 *
 * <p>Each root is kept in two spellings: as configured (absolute, normalized) and as its real path,
 * so that {@code /tmp/x} is recognised whichever way the host spells the temp directory.
 */
public final class Roots {
    /** One root: the configured spelling and the resolved one (the same when the root is no link). */
    public static final class Root {
        private final Path configured;
        private final Path real;
        private final FileIdentity identity;

        Root(Path configured, Path real, FileIdentity identity) {
            this.configured = configured;
            this.real = real;
            this.identity = identity;
        }

        /**
         * The directory the root was when these roots were resolved (null if it did not exist
         * then): a deletion walk refuses a root that has since become another directory.
         */
        public FileIdentity identity() { return identity; }

        /** The root as configured (absolute, normalized). */
        public Path configured() { return configured; }

        /** The root with symbolic links resolved; deletion starts from here. */
        public Path real() { return real; }

        /** {@code path} (absolute, normalized) relative to this root, or null if it is not strictly inside. */
        /** Whether {@code path} lies strictly inside this root (under either spelling). */
        boolean strictlyContains(Path path) {
            return (path.startsWith(real) && !path.equals(real)) || (path.startsWith(configured) && !path.equals(configured));
        }

        Path relativize(Path path) {
            if (path.startsWith(real) && !path.equals(real)) return real.relativize(path);
            if (path.startsWith(configured) && !path.equals(configured)) return configured.relativize(path);
            return null;
        }

        @Override
        public String toString() {
            return configured.equals(real) ? configured.toString() : configured + " (" + real + ")";
        }
    }

    /** A path located under a root: the root and the relative path to walk from it. */
    public static final class Location {
        private final Root root;
        private final Path relative;

        Location(Root root, Path relative) {
            this.root = root;
            this.relative = relative;
        }

        public Root root() { return root; }

        public Path relative() { return relative; }
    }

    private final List<Root> roots;

    private Roots(List<Root> roots) {
        this.roots = Collections.unmodifiableList(roots);
    }

    /** Resolves each configured root; a root that does not exist yet keeps its configured spelling. */
    public static Roots of(List<Path> configured) {
        List<Root> list = new ArrayList<>();
        for (Path p : configured) {
            Path abs = p.toAbsolutePath().normalize();
            Path real = abs;
            FileIdentity identity = null;
            try {
                if (Files.exists(abs)) {
                    real = abs.toRealPath();
                    identity = FsAttributes.identity(real);
                }
            } catch (IOException | SecurityException ignored) {
                // Keep the configured spelling: deletion re-resolves and refuses what it cannot verify.
            }
            list.add(new Root(abs, real, identity));
        }
        return new Roots(list);
    }

    public List<Root> list() { return roots; }

    /** The root {@code path} lies strictly inside, with the relative path from it; null when outside every root. */
    public Location locate(Path absoluteNormalized) {
        for (Root root : roots) {
            Path rel = root.relativize(absoluteNormalized);
            if (rel != null) return new Location(root, rel);
        }
        return null;
    }

    /** Whether {@code path} (absolute, normalized) lies strictly inside some root. */
    public boolean contains(Path absoluteNormalized) {
        // No relativize: it allocates and walks both paths, and this runs on every creation the agent sees.
        for (Root root : roots) {
            if (root.strictlyContains(absoluteNormalized)) return true;
        }
        return false;
    }

    /** Whether {@code dir} is a root or lies inside one: a place where temp paths may be created and managed. */
    public boolean allowsChildrenOf(Path absoluteNormalizedDir) {
        for (Root root : roots) {
            if (absoluteNormalizedDir.equals(root.configured) || absoluteNormalizedDir.equals(root.real)) return true;
        }
        return contains(absoluteNormalizedDir);
    }

    /**
     * The one rule, shared by the library's create methods and the agent's observation of the host's
     * creations, for whether temp paths made in {@code dir} (absolute, normalized) are managed: both
     * its spelling and its real path must be a root or inside one, since a link inside a root may
     * lead outside.
     *
     * @return null if managed, else the directory's real path (its spelling when it does not exist)
     */
    public Path unmanagedDirectory(Path dir) {
        if (!allowsChildrenOf(dir)) return dir;
        for (Root root : roots) {
            if (dir.equals(root.configured) || dir.equals(root.real)) return null; // resolved at start: no syscall
        }
        Path real = dir;
        try {
            real = dir.toRealPath();
        } catch (IOException doesNotExist) {
            // Files.createTempFile reports that with its own exception
        }
        return allowsChildrenOf(real) ? null : real;
    }

    /**
     * Checks {@link #unmanagedDirectory} for a directory a caller asked to create a managed temp path in.
     *
     * @throws IllegalArgumentException naming the directory, its real path and the roots, if it is not managed
     */
    public void requireManagedDirectory(Path dir) {
        Path real = unmanagedDirectory(dir);
        if (real != null) {
            throw new IllegalArgumentException("cannot create a managed temp path in " + dir
                    + (real.equals(dir) ? "" : " (which is " + real + ")")
                    + ": it is not inside the managed roots " + this
                    + " (use Files.createTempFile for an unmanaged one, or add a root)");
        }
    }

    /**
     * Checks that {@code path} (absolute, normalized) may be tracked.
     *
     * @throws IllegalArgumentException naming the path and the roots, if it is not strictly inside one
     */
    public void requireInside(Path path) {
        if (!contains(path)) {
            throw new IllegalArgumentException("cannot track " + path + ": it is not inside the managed roots "
                    + this + " (tempguard never deletes outside them; add a root to the configuration)");
        }
    }

    /**
     * Checks that the default temp directory {@code tmp} (absolute, normalized) is a root or inside one.
     *
     * @throws IllegalStateException naming it and the roots, if it is not
     */
    public void requireDefaultTempDirectory(Path tmp) {
        if (!allowsChildrenOf(tmp)) {
            throw new IllegalStateException("java.io.tmpdir (" + tmp + ") is not inside the managed roots " + this
                    + "; pass a directory inside a root");
        }
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}
