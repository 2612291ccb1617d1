package io.tempguard;

import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.cleanup.CleanupResultBuilder;
import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.jmx.MBeanRegistration;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.journal.ProcessIdentity;
import io.tempguard.internal.lifecycle.Maintenance;
import io.tempguard.internal.lifecycle.ShutdownCleanup;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.sweep.OrphanSweeper;
import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tracks temporary files and directories and deletes them safely: on demand, by age, when a
 * {@link ScopedTempPath} closes, and when the JVM exits. One global instance serves a JVM
 * ({@link #global()}); independent instances can be {@linkplain #create(TempFileManagerConfig) created}
 * for tests and embedding. All methods are thread-safe.
 *
 * <pre>{@code
 * TempFileManager temp = TempFileManager.global();
 * Path spill = temp.createTempFile("spill-", ".bin");       // tracked; deleted at exit at the latest
 * try (ScopedTempPath work = temp.newTempDirectory("job-")) {
 *     ...                                                   // deleted recursively here
 * }
 * CleanupResult r = temp.cleanupOlderThan(Duration.ofHours(1));
 * }</pre>
 *
 * <p>Safety: only paths strictly inside the configured roots are tracked; deletion never follows
 * symbolic links, never crosses onto another file system and refuses a path whose identity
 * (device, inode, birth time) changed since it was tracked.
 */
public final class TempFileManager implements AutoCloseable {
    private static final Logger LOG = Logs.get(TempFileManager.class);
    private static final Object GLOBAL_LOCK = new Object();
    private static volatile TempFileManager global;
    /** Numbers the managers of this process, so each has a journal file of its own. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** How long after start the orphan sweep waits, so it does not compete with the host's start. */
    private static final Duration SWEEP_DELAY = Duration.ofMillis(500);

    private final TempFileManagerConfig config;
    private final Roots roots;
    private final Registry registry = new Registry();
    private final SafeDeleter deleter;
    private final Cleaner cleaner;
    private final AtomicLong unmanagedCreated = new AtomicLong();
    private final AtomicLong agentErrors = new AtomicLong();
    private final Maintenance maintenance;
    private final ShutdownCleanup shutdownCleanup;
    private final MBeanRegistration mbean;
    private final JournalWriter journal;
    private volatile boolean closed;

    private TempFileManager(TempFileManagerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.roots = Roots.of(config.roots());
        this.deleter = new SafeDeleter(roots, new BirthTimeSupport());
        this.cleaner = new Cleaner(registry, deleter);
        this.maintenance = new Maintenance("tempguard-maintenance");
        this.journal = config.journal()
                ? new JournalWriter(config.journalDir(), INSTANCES.getAndIncrement(), ProcessIdentity.current(),
                        config.roots(), maintenance)
                : null;
        if (journal != null) registry.setListener(journal);
        // A hook also when cleanup at exit is off: a clean exit must remove the journal, or a later
        // sweep would delete what the host meant to keep.
        this.shutdownCleanup = config.shutdownCleanup() || journal != null
                ? new ShutdownCleanup(new Runnable() {
                    @Override
                    public void run() {
                        cleanupAtShutdown();
                    }
                }, new Supplier<String>() {
                    @Override
                    public String get() {
                        return registry.fileCount() + " files and " + registry.directoryCount()
                                + " directories still tracked";
                    }
                }, config.shutdownTimeout(), config.shutdownHooksToAwait()) : null;
        this.mbean = config.jmxEnabled() ? new MBeanRegistration(config.objectName()) : null;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * The JVM's global manager, created with {@link TempFileManagerConfig#defaults()} on first use
     * unless {@link #installGlobal} configured it before.
     */
    public static TempFileManager global() {
        TempFileManager g = global;
        if (g != null) return g;
        synchronized (GLOBAL_LOCK) {
            if (global == null) global = create(TempFileManagerConfig.defaults());
            return global;
        }
    }

    /**
     * Creates the global manager with {@code config}.
     *
     * @throws IllegalStateException if the global manager exists already (call this before any {@link #global()})
     */
    public static TempFileManager installGlobal(TempFileManagerConfig config) {
        synchronized (GLOBAL_LOCK) {
            if (global != null) {
                throw new IllegalStateException("the global TempFileManager exists already; installGlobal must run "
                        + "before the first call to TempFileManager.global()");
            }
            global = create(config);
            return global;
        }
    }

    /** The global manager if it has been created, else null; never creates it. */
    public static TempFileManager globalIfCreated() {
        return global;
    }

    /**
     * Creates and starts an independent manager: registers its MBean (if enabled), its shutdown
     * hook (if enabled) and its periodic reconcile. Close it when done.
     */
    public static TempFileManager create(TempFileManagerConfig config) {
        TempFileManager m = new TempFileManager(config);
        m.start();
        return m;
    }

    // No lambdas on the start-up path: the first lambda a JVM links costs tens of milliseconds of
    // LambdaForm spinning, which the agent would add to every host's start.
    private void start() {
        if (shutdownCleanup != null) shutdownCleanup.install();
        if (journal != null) {
            if (config.backgroundStart()) {
                maintenance.submit("journal start", new Runnable() {
                    @Override
                    public void run() {
                        if (!closed) journal.open();
                    }
                });
            } else {
                journal.open();
            }
        }
        if (config.sweepOnStart()) {
            maintenance.schedule("orphan sweep", SWEEP_DELAY, new Runnable() {
                @Override
                public void run() {
                    if (!closed) sweepOrphans();
                }
            });
        }
        if (mbean != null) {
            if (config.backgroundStart()) {
                maintenance.submit("MBean registration", new Runnable() {
                    @Override
                    public void run() {
                        if (!closed) mbean.register(ManagerMXBeanBinding.adapterFor(TempFileManager.this));
                    }
                });
            } else {
                mbean.register(ManagerMXBeanBinding.adapterFor(this));
            }
        }
        if (!config.reconcileInterval().isZero()) {
            maintenance.every("reconcile", config.reconcileInterval(), new Runnable() {
                @Override
                public void run() {
                    reconcile();
                    if (journal != null) journal.retryIfFailed();
                }
            });
        }
        LOG.debug("tempguard: started {}", config);
    }

    /**
     * Deletes every tracked path, then stops: background thread, shutdown hook and MBean.
     * Later calls that create or register throw {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        if (closed) return;
        cleanupAll();
        closed = true;
        if (journal != null) journal.finish(true);
        if (shutdownCleanup != null) shutdownCleanup.uninstall();
        maintenance.shutdown();
        if (mbean != null) mbean.unregister();
    }

    public boolean isClosed() {
        return closed;
    }

    public TempFileManagerConfig config() {
        return config;
    }

    private void cleanupAtShutdown() {
        if (config.shutdownCleanup()) cleaner.run(registry.entries(), false, "shutdown cleanup");
        // Nothing left tracked: the journal goes. Paths that failed stay listed for a later sweep;
        // with shutdown cleanup off the host meant to keep them, so the journal goes either way.
        if (journal != null) journal.finish(config.shutdownCleanup());
    }

    // ------------------------------------------------------------------ create and track

    /** Like {@link Files#createTempFile(String, String, FileAttribute[])}, and tracked. */
    public Path createTempFile(String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        requireDefaultTempDirectoryManaged();
        return tracked(Files.createTempFile(prefix, suffix, attrs), PathKind.FILE);
    }

    /**
     * Like {@link Files#createTempFile(Path, String, String, FileAttribute[])}, and tracked.
     *
     * @throws IllegalArgumentException if {@code dir} is outside the configured roots (nothing is created)
     */
    public Path createTempFile(Path dir, String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        requireManagedDirectory(dir);
        return tracked(Files.createTempFile(dir, prefix, suffix, attrs), PathKind.FILE);
    }

    /** Like {@link Files#createTempDirectory(String, FileAttribute[])}, and tracked. */
    public Path createTempDirectory(String prefix, FileAttribute<?>... attrs) throws IOException {
        requireDefaultTempDirectoryManaged();
        return tracked(Files.createTempDirectory(prefix, attrs), PathKind.DIRECTORY);
    }

    /**
     * Like {@link Files#createTempDirectory(Path, String, FileAttribute[])}, and tracked.
     *
     * @throws IllegalArgumentException if {@code dir} is outside the configured roots (nothing is created)
     */
    public Path createTempDirectory(Path dir, String prefix, FileAttribute<?>... attrs) throws IOException {
        requireManagedDirectory(dir);
        return tracked(Files.createTempDirectory(dir, prefix, attrs), PathKind.DIRECTORY);
    }

    /** A tracked temp file deleted when the returned handle closes. */
    public ScopedTempPath newTempFile(String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        return new ScopedTempPath(this, createTempFile(prefix, suffix, attrs), PathKind.FILE);
    }

    /** A tracked temp file in {@code dir}, deleted when the returned handle closes. */
    public ScopedTempPath newTempFile(Path dir, String prefix, String suffix, FileAttribute<?>... attrs)
            throws IOException {
        return new ScopedTempPath(this, createTempFile(dir, prefix, suffix, attrs), PathKind.FILE);
    }

    /** A tracked temp directory deleted recursively when the returned handle closes. */
    public ScopedTempPath newTempDirectory(String prefix, FileAttribute<?>... attrs) throws IOException {
        return new ScopedTempPath(this, createTempDirectory(prefix, attrs), PathKind.DIRECTORY);
    }

    /** A tracked temp directory in {@code dir}, deleted recursively when the returned handle closes. */
    public ScopedTempPath newTempDirectory(Path dir, String prefix, FileAttribute<?>... attrs) throws IOException {
        return new ScopedTempPath(this, createTempDirectory(dir, prefix, attrs), PathKind.DIRECTORY);
    }

    /**
     * Starts tracking an existing path; file or directory is decided by what is on disk (a
     * symbolic link is tracked as itself, never its target). Idempotent.
     *
     * @return true if the path is newly tracked, false if it already was
     * @throws NoSuchFileException      if nothing exists at {@code path}
     * @throws IllegalArgumentException if {@code path} is not strictly inside a configured root
     */
    public boolean register(Path path) throws IOException {
        requireOpen();
        Path key = key(path);
        if (!roots.contains(key)) {
            throw new IllegalArgumentException("cannot track " + key + ": it is not inside the managed roots "
                    + roots + " (tempguard never deletes outside them; add a root to the configuration)");
        }
        BasicFileAttributes attrs = Files.readAttributes(key, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return track(key, attrs) != null;
    }

    /** Stops tracking {@code path} without deleting anything; true if it was tracked. */
    public boolean unregister(Path path) {
        return registry.remove(key(path), Registry.Removal.RELEASED) != null;
    }

    /** Whether {@code path} is tracked now. */
    public boolean isTracked(Path path) {
        return !registry.isEmpty() && registry.get(key(path)) != null;
    }

    private Path tracked(Path created, PathKind expected) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(created, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            track(key(created), attrs);
        } catch (IOException e) {
            // Deleted between creation and this read: nothing to track; the caller still gets its path.
            LOG.debug("tempguard: {} {} vanished before it could be tracked: {}", expected, created, e.toString());
        }
        return created;
    }

    private Entry track(Path key, BasicFileAttributes attrs) {
        PathKind kind = attrs.isDirectory() ? PathKind.DIRECTORY : PathKind.FILE;
        long size = attrs.isRegularFile() ? attrs.size() : 0;
        return registry.add(key, kind, FileIdentity.of(attrs), size, config.clock().millis());
    }

    // ------------------------------------------------------------------ what the host did (fed by the agent)

    /**
     * The host created {@code path} (the agent saw a {@code createTempFile}/{@code createTempDirectory}
     * return it). Tracks it if it lies inside a root; otherwise only counts it as unmanaged. Never throws.
     *
     * @return true if the path is tracked now
     */
    public boolean observeCreated(Path path) {
        if (closed || path.getFileSystem() != FileSystems.getDefault()) return false;
        Path key = key(path);
        Path dir = key.getParent();
        // The library's own rule for createTempFile(dir, ...): a host call through a link that
        // leads out of the roots is unmanaged with the agent exactly as without it.
        if (!roots.contains(key) || dir == null || unmanagedDirectory(dir) != null) {
            unmanagedCreated.incrementAndGet();
            return false;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(key, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            track(key, attrs);
            return true;
        } catch (IOException e) {
            return false; // already gone again
        }
    }

    /** The host deleted {@code path} itself: stop tracking it. Returns true if it was tracked. */
    public boolean observeDeleted(Path path) {
        if (registry.isEmpty() || path.getFileSystem() != FileSystems.getDefault()) return false;
        return registry.remove(key(path), Registry.Removal.RELEASED) != null;
    }

    /**
     * The host moved {@code source} to {@code target}: the source name is gone, and whatever was
     * tracked under the target name was replaced. Neither is tracked afterwards, so a file moved
     * into its final place is never deleted by tempguard.
     */
    public void observeMoved(Path source, Path target) {
        if (registry.isEmpty()) return;
        if (source.getFileSystem() == FileSystems.getDefault()) registry.remove(key(source), Registry.Removal.RELEASED);
        if (target.getFileSystem() == FileSystems.getDefault()) registry.remove(key(target), Registry.Removal.RELEASED);
    }

    /** True when nothing is tracked: lets hot paths (the agent's delete interception) return at once. */
    public boolean isEmpty() {
        return registry.isEmpty();
    }

    // ------------------------------------------------------------------ crash safety

    /**
     * Sweeps the journals of dead JVMs in {@link TempFileManagerConfig#journalDir()}: deletes what
     * they still list, with cleanup's safety rules. Runs shortly after start when
     * {@link TempFileManagerConfig#sweepOnStart()} is set. Never touches a live JVM's journal.
     */
    public SweepResult sweepOrphans() {
        return new OrphanSweeper(config.journalDir(), ProcessIdentity.current(), false).sweep();
    }

    /** Whether the crash journal is being written (false when off, refused or failing). */
    public boolean isJournalHealthy() {
        return journal != null && journal.healthy();
    }

    /** Times the journal could not be written (or was refused). */
    public long journalErrorCount() {
        return journal == null ? 0 : journal.errorCount();
    }

    /** One line on the journal: its file and size, or why it is off. */
    public String journalStatus() {
        return journal == null ? "off (disabled by configuration)" : journal.status();
    }

    /** Counts a fault the agent swallowed (shown as {@code AgentErrorCount}). */
    public void recordAgentError() {
        agentErrors.incrementAndGet();
    }

    // ------------------------------------------------------------------ cleanup

    /** Deletes every tracked path: files first, then directories deepest first. Never throws. */
    public CleanupResult cleanupAll() {
        return cleaner.run(registry.entries(), false);
    }

    /** Deletes the tracked paths tracked for at least {@code age}. Never throws. */
    public CleanupResult cleanupOlderThan(Duration age) {
        return cleaner.run(olderThan(age), false, "cleanup of paths tracked for " + Durations.human(age) + " or more");
    }

    /** What {@link #cleanupOlderThan(Duration)} would do now, deleting nothing ({@link Duration#ZERO}: everything). */
    public CleanupResult previewCleanup(Duration olderThan) {
        return cleaner.run(olderThan(olderThan), true);
    }

    /** Deletes one tracked path now (a closing {@link ScopedTempPath}); untracked paths are left alone. */
    CleanupResult deleteNow(Path path) {
        CleanupResultBuilder result = new CleanupResultBuilder(false);
        Entry entry = registry.get(key(path));
        if (entry != null) cleaner.deleteOne(entry, result);
        return result.build();
    }

    private List<Entry> olderThan(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) throw new IllegalArgumentException("age must not be negative, was " + age);
        long cutoff;
        try {
            cutoff = Math.subtractExact(config.clock().millis(), age.toMillis());
        } catch (ArithmeticException longerThanTime) {
            return Collections.emptyList(); // nothing has been tracked for that long
        }
        List<Entry> due = new ArrayList<>();
        for (Entry e : registry.oldestFirst()) {
            if (e.trackedAtMillis() > cutoff) break; // registration order is age order
            due.add(e);
        }
        return due;
    }

    // ------------------------------------------------------------------ statistics and housekeeping

    /** The counters, read in O(1). */
    public TempFileStats stats() {
        Registry.Counts counts = registry.counts(); // one point in time: created = tracked + left, always
        Entry oldest = registry.oldest();
        Duration age = oldest == null ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, config.clock().millis() - oldest.trackedAtMillis()));
        return new TempFileStats(counts.files(), counts.directories(), registry.bytes(),
                counts.created(), counts.deleted(), counts.released(), cleaner.failureCount(),
                counts.skipped(), unmanagedCreated.get(), agentErrors.get(), age);
    }

    /**
     * Up to {@code limit} tracked paths, oldest first. The size of each listed file is read afresh
     * (one {@code lstat} each, which also updates {@code TrackedBytes}); a directory shows its size
     * as last {@linkplain #measureTrackedBytes() measured}.
     */
    public List<TrackedPath> listTracked(int limit) {
        if (limit <= 0) return Collections.emptyList();
        long now = config.clock().millis();
        List<TrackedPath> list = new ArrayList<>(Math.min(limit, 1024));
        for (Entry e : registry.oldestFirst()) {
            if (list.size() >= limit) break;
            if (e.kind() == PathKind.FILE) refreshSize(e);
            list.add(new TrackedPath(e.path(), e.kind(), e.size(), Instant.ofEpochMilli(e.trackedAtMillis()),
                    Duration.ofMillis(Math.max(0, now - e.trackedAtMillis()))));
        }
        return list;
    }

    private void refreshSize(Entry e) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(e.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isRegularFile() && e.identity().matches(FileIdentity.of(attrs), false)) {
                registry.updateSize(e, attrs.size());
            }
        } catch (IOException gone) {
            // reported as last measured; reconcile drops it
        }
    }

    /**
     * Walks every tracked path (directories recursively, without following links or leaving the
     * device) and records its true size. Returns the new {@code TrackedBytes}. Costs a disk walk.
     */
    public long measureTrackedBytes() {
        // A tracked file inside a tracked directory counts once: as itself, not again in the directory.
        Predicate<Path> trackedFile = new Predicate<Path>() {
            @Override
            public boolean test(Path path) {
                Entry inner = registry.get(path);
                return inner != null && inner.kind() == PathKind.FILE;
            }
        };
        OwnOperations.enter();
        try {
            for (Entry e : registry.entries()) {
                long size = deleter.measure(e.path(), e.identity(), trackedFile);
                if (size >= 0) registry.updateSize(e, size);
            }
        } finally {
            OwnOperations.exit();
        }
        return registry.bytes();
    }

    /**
     * Drops tracked paths that no longer exist or whose name now belongs to another file (the host
     * deleted or moved them without tempguard seeing it), and refreshes file sizes. One
     * {@code lstat} per tracked path. Returns how many were dropped.
     */
    public long reconcile() {
        long dropped = 0;
        OwnOperations.enter();
        try {
            for (Entry e : registry.entries()) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(e.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    if (registry.remove(e, Registry.Removal.RELEASED)) dropped++;
                    continue;
                } catch (IOException unreadable) {
                    continue; // cannot tell: keep it
                }
                if (!e.identity().matches(FileIdentity.of(attrs), false)) {
                    if (registry.remove(e, Registry.Removal.RELEASED)) dropped++;
                } else if (attrs.isRegularFile()) {
                    registry.updateSize(e, attrs.size());
                }
            }
        } finally {
            OwnOperations.exit();
        }
        if (dropped > 0) LOG.debug("tempguard: reconcile dropped {} paths the host removed", dropped);
        return dropped;
    }

    // ------------------------------------------------------------------ helpers

    /** tempguard's version, from the build. */
    public static String version() {
        return VersionHolder.VERSION;
    }

    private static final class VersionHolder {
        static final String VERSION = load();

        private static String load() {
            try (InputStream in = TempFileManager.class.getResourceAsStream("tempguard.properties")) {
                if (in == null) return "unknown";
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("this TempFileManager is closed");
    }

    private void requireManagedDirectory(Path dir) {
        requireOpen();
        Objects.requireNonNull(dir, "dir");
        Path key = key(dir);
        Path real = unmanagedDirectory(key);
        if (real != null) {
            throw new IllegalArgumentException("cannot create a managed temp path in " + key
                    + (real.equals(key) ? "" : " (which is " + real + ")")
                    + ": it is not inside the managed roots " + roots
                    + " (use Files.createTempFile for an unmanaged one, or add a root)");
        }
    }

    /**
     * The one rule, shared by the create methods and {@link #observeCreated} (the agent), for
     * whether temp paths made in {@code dir} (absolute, normalized) are managed: both its spelling
     * and its real path must be a root or inside one, since a link inside a root may lead outside.
     *
     * @return null if managed, else the directory's real path (its spelling when it does not exist)
     */
    private Path unmanagedDirectory(Path dir) {
        if (!roots.allowsChildrenOf(dir)) return dir;
        for (Roots.Root root : roots.list()) {
            if (dir.equals(root.configured()) || dir.equals(root.real())) return null; // resolved at start: no syscall
        }
        Path real = dir;
        try {
            real = dir.toRealPath();
        } catch (IOException doesNotExist) {
            // Files.createTempFile reports that with its own exception
        }
        return roots.allowsChildrenOf(real) ? null : real;
    }

    private void requireDefaultTempDirectoryManaged() {
        requireOpen();
        Path tmp = TempFileManagerConfig.defaultTempDirectory();
        if (!roots.allowsChildrenOf(tmp)) {
            throw new IllegalStateException("java.io.tmpdir (" + tmp + ") is not inside the managed roots " + roots
                    + "; pass a directory inside a root");
        }
    }

    @Override
    public String toString() {
        return "TempFileManager" + stats();
    }
}
