package io.tempguard.internal.capture;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.registry.Registry;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides, for a path the host created with one of the other creation APIs, whether tempguard
 * tracks it (inside a root, a capture rule matches) or only records it as uncaptured. Rules can be
 * replaced at run time; everything else is fixed at start.
 */
public final class CreationCapture {
    private final Registry registry;
    private final Roots roots;
    private final Clock clock;
    private final RootPrefixes prefixes;
    private final UncapturedCreations uncaptured;
    private volatile CaptureRules rules;

    public CreationCapture(Registry registry, Roots roots, Clock clock, CaptureRules rules, int uncapturedCapacity) {
        this.registry = registry;
        this.roots = roots;
        this.clock = clock;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.uncaptured = new UncapturedCreations(uncapturedCapacity);
        // In the order Roots.locate tries them: each root's real path, then its configured spelling.
        List<Path> spellings = new ArrayList<>();
        for (Roots.Root r : roots.list()) {
            spellings.add(r.real());
            spellings.add(r.configured());
        }
        this.prefixes = new RootPrefixes(spellings, Paths.get("").toAbsolutePath());
    }

    /** See {@link io.tempguard.internal.spi.HostObserver#isCaptureCandidate}. */
    public boolean isCandidate(String path) {
        return prefixes.mayContain(path);
    }

    /**
     * True if nothing exists at {@code path} now: one {@code stat}. {@code File.exists}, not an
     * {@code lstat} through NIO: on JDK 17 that reports "absent", the answer this check is there
     * for, by building a NoSuchFileException with its stack trace, which cost more than the
     * host's whole call. It follows a link, so a dangling link reads as absent: {@link #created}
     * then finds a link, which no creation API makes, and never tracks it.
     */
    public static boolean isAbsent(Path path) {
        try {
            return !path.toFile().exists();
        } catch (RuntimeException e) {
            return false; // cannot tell (a security manager): treat as existing, so it is never captured
        }
    }

    /** Tracks a captured path as the manager tracks a created temp path (its site, its JFR event). */
    public interface Tracker {
        void track(Path key, BasicFileAttributes attrs);

        /** The creation site of the call running now, for an uncaptured path's row ("" when sites are off). */
        String siteOfCurrentCreation();
    }

    private volatile Tracker tracker;

    /** Captured paths are tracked through {@code t} (null: straight into the registry). */
    public void trackWith(Tracker t) {
        this.tracker = t;
    }

    /** See {@link io.tempguard.internal.spi.HostObserver#observeCreatedBy}. */
    public void created(Path path, PathKind kind) {
        if (path.getFileSystem() != FileSystems.getDefault()) return;
        Path key = Registry.key(path);
        String text = key.toString();
        int rootLength = prefixes.rootLengthOf(text);
        if (rootLength < 0) return; // outside every root: not tempguard's business, not even counted
        int depth = namesAfter(text, rootLength);
        if (insideTrackedDirectory(key, depth)) return;
        CaptureRules current = rules;
        if (!current.isEmpty() && current.matches(key.getFileSystem().getPath(text.substring(rootLength + 1)))) {
            // Tracking costs what it costs for a createTempFile the agent observes: the directory's
            // real path unless it is a root (a link inside a root may lead out), and an lstat for the identity.
            Path dir = key.getParent();
            if (dir == null || roots.unmanagedDirectory(dir) != null) return;
            try {
                BasicFileAttributes attrs = FsAttributes.lstat(key);
                if (attrs.isSymbolicLink()) return; // there before the call (a dangling link it wrote through)
                Tracker t = tracker;
                if (t != null) t.track(key, attrs);
                else registry.track(key, attrs, clock.millis());
            } catch (IOException gone) {
                // deleted again before it could be tracked: nothing to do
            }
            return;
        }
        // Listing costs no system call (the kind comes from the API, except for a copy).
        Tracker t = tracker;
        uncaptured.record(key, kind != null ? kind : kindOnDisk(key), clock.millis(), depth,
                t == null ? "" : t.siteOfCurrentCreation());
    }

    /** How many names {@code text} has after its first {@code rootLength} characters (a root and a '/'). */
    private static int namesAfter(String text, int rootLength) {
        int names = 1;
        for (int i = text.indexOf('/', rootLength + 1); i >= 0; i = text.indexOf('/', i + 1)) names++;
        return names;
    }

    private boolean insideTrackedDirectory(Path key, int depthBelowRoot) {
        // Only a tracked directory can hold the path: with none tracked (temp files only), no lookups at all.
        if (depthBelowRoot < 2 || registry.directoryCount() == 0) return false;
        Path p = key;
        for (int i = 1; i < depthBelowRoot; i++) {
            p = p.getParent();
            if (registry.get(p) != null) return true;
        }
        return false;
    }

    private static PathKind kindOnDisk(Path key) {
        try {
            return FsAttributes.lstat(key).isDirectory() ? PathKind.DIRECTORY : PathKind.FILE;
        } catch (IOException e) {
            return PathKind.FILE;
        }
    }

    public CaptureRules rules() {
        return rules;
    }

    /** Replaces the rules; later creations are matched against the new ones (nothing tracked changes). */
    public void setRules(CaptureRules newRules) {
        this.rules = Objects.requireNonNull(newRules, "rules");
    }

    public UncapturedCreations uncaptured() {
        return uncaptured;
    }
}
