package io.tempguard.internal.capture;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The first check on every host call that may create a file: could this path string lie inside a
 * root? String comparisons against the roots' spellings only, so a call outside every root pays no
 * I/O and no allocation. It may answer yes for a path that is not inside (the exact check follows);
 * it answers no for a path spelled with {@code ..} through a root, which is then not captured.
 *
 * <p>A relative path is read against the JVM's working directory, which never changes.
 */
public final class RootPrefixes {
    private final String[] roots;
    private final String workingDirectory;

    /** {@code rootSpellings}: absolute, normalized directories (the configured and the real spelling of each root). */
    public RootPrefixes(List<Path> rootSpellings, Path workingDirectory) {
        Set<String> unique = new LinkedHashSet<>();
        for (Path p : rootSpellings) unique.add(p.toString());
        this.roots = unique.toArray(new String[0]);
        String cwd = workingDirectory.toString();
        this.workingDirectory = cwd.endsWith("/") && cwd.length() > 1 ? cwd.substring(0, cwd.length() - 1) : cwd;
    }

    /** Whether {@code path} (absolute or relative to the working directory) may lie strictly inside a root. */
    public boolean mayContain(String path) {
        if (path == null || path.isEmpty()) return false;
        boolean absolute = path.charAt(0) == '/';
        for (String root : roots) {
            if (absolute ? strictlyUnder(path, root) : relativeStrictlyUnder(path, root)) return true;
        }
        return false;
    }

    /**
     * For an absolute, normalized path: the length of the first root spelling it lies strictly
     * under (so that {@code path.substring(length + 1)} is its name relative to that root), or -1.
     * String comparisons only: the same answer as {@code Path.startsWith} on normalized paths, at a
     * fraction of the cost of {@code Path.relativize}, which is why capture locates this way.
     */
    public int rootLengthOf(String absoluteNormalized) {
        for (String root : roots) {
            if (strictlyUnder(absoluteNormalized, root)) return root.length() == 1 ? 0 : root.length();
        }
        return -1;
    }

    /** {@code path} starts with {@code root} followed by '/' and at least one more character. */
    private static boolean strictlyUnder(String path, String root) {
        if (root.length() == 1) return path.length() > 1 && path.charAt(0) == '/'; // the root "/"
        int n = root.length();
        return path.length() > n + 1 && path.startsWith(root) && path.charAt(n) == '/';
    }

    /** Whether workingDirectory + '/' + relative is strictly under {@code root}, without building that string. */
    private boolean relativeStrictlyUnder(String relative, String root) {
        String cwd = workingDirectory;
        if (root.length() <= cwd.length()) {
            // The working directory is the root or inside it: any relative name is inside.
            return cwd.startsWith(root) && (cwd.length() == root.length() || cwd.charAt(root.length()) == '/');
        }
        // The root is below the working directory: the relative name must start with the rest of it.
        if (!root.startsWith(cwd) || (cwd.length() > 1 && root.charAt(cwd.length()) != '/')) return false;
        int restStart = cwd.length() == 1 ? 1 : cwd.length() + 1;
        int restLength = root.length() - restStart;
        return relative.length() > restLength + 1 && relative.regionMatches(0, root, restStart, restLength)
                && relative.charAt(restLength) == '/';
    }
}
