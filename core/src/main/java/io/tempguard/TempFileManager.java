package io.tempguard;

import io.tempguard.internal.BuildVersion;
import io.tempguard.internal.capture.CaptureRules;
import io.tempguard.internal.capture.CreationCapture;
import io.tempguard.internal.capture.UncapturedCreations;
import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.cleanup.CleanupResultBuilder;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.jmx.MBeanRegistration;
import io.tempguard.internal.lifecycle.BackgroundWork;
import io.tempguard.internal.lifecycle.ManagerEngine;
import io.tempguard.internal.lifecycle.Maintenance;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.DeleteOnExitAdoption;
import io.tempguard.internal.spi.HostObservations;
import io.tempguard.internal.spi.HostObserver;
import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 *
 * <p>This class is the library's API and wires the engine together; the engine lives in
 * {@code io.tempguard.internal}. The agent feeds a manager through the SPI in
 * {@code io.tempguard.internal.spi}, not through this class.
 */
public final class TempFileManager implements AutoCloseable {
    private static final Logger LOG = Logs.get(TempFileManager.class);

    static {
        // Hands the agent its observer without a public method on the facade (see AgentSpi).
        AgentSpi.grant(new AgentSpi.Access() {
            @Override
            public HostObserver observer(TempFileManager manager) {
                return manager.observations;
            }
        });
    }

    private static final Object GLOBAL_LOCK = new Object();
    private static volatile TempFileManager global;

    private final TempFileManagerConfig config;
    private final ManagerEngine engine;
    private final Roots roots;
    private final Registry registry;
    private final Cleaner cleaner;
    private final HostObservations observations;
    private final TrackedCreation creation;
    private final Maintenance maintenance;
    private final MBeanRegistration mbean;
    private volatile boolean closed;

    private TempFileManager(TempFileManagerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.engine = new ManagerEngine(config);
        this.roots = engine.roots();
        this.registry = engine.registry();
        this.cleaner = engine.cleaner();
        this.maintenance = engine.maintenance();
        this.observations = new HostObservations(registry, roots, config.clock(), engine.sites(),
                new CreationCapture(registry, roots, config.clock(), CaptureRules.of(config.captureRules()),
                        UncapturedCreations.DEFAULT_CAPACITY),
                new DeleteOnExitAdoption.ExitDeletion() {
            @Override
            public boolean available() {
                return engine.deletesMarkedPathsAtExit();
            }
            @Override
            public void pathsWaiting() {
                engine.startDeleteOnExitChecks();
            }
        });
        this.creation = new TrackedCreation(roots, observations);
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
    /** A new MXBean adapter over this manager (registered once, by {@link #start()}; tests make their own). */
    TempFileManagerMXBean mxBean() {
        return ManagerMXBeanBinding.adapterFor(this, registry, cleaner, observations, engine, engine.notifier());
    }

    private void start() {
        engine.start();
        DeleteOnExitAdoption doe = observations.deleteOnExitAdoption(); // checked once a path waits to exist
        engine.checkDeleteOnExitPaths(DeleteOnExitAdoption.CHECK_INTERVAL, doe.pass(), doe.atExit());
        if (mbean != null) {
            if (config.backgroundStart()) {
                maintenance.schedule("MBean registration", ManagerEngine.START_DELAY, new Runnable() {
                    @Override
                    public void run() {
                        if (!closed) mbean.register(mxBean());
                    }
                });
            } else {
                mbean.register(mxBean());
            }
        }
        engine.startPeriodicWork();
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
        observations.stop();
        engine.stop();
        if (mbean != null) mbean.unregister();
    }

    public boolean isClosed() {
        return closed;
    }

    public TempFileManagerConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ create and track

    /** Like {@link Files#createTempFile(String, String, FileAttribute[])}, and tracked. */
    public Path createTempFile(String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        requireOpen();
        return creation.file(prefix, suffix, attrs);
    }

    /**
     * Like {@link Files#createTempFile(Path, String, String, FileAttribute[])}, and tracked.
     *
     * @throws IllegalArgumentException if {@code dir} is outside the configured roots (nothing is created)
     */
    public Path createTempFile(Path dir, String prefix, String suffix, FileAttribute<?>... attrs) throws IOException {
        requireOpen();
        return creation.file(dir, prefix, suffix, attrs);
    }

    /** Like {@link Files#createTempDirectory(String, FileAttribute[])}, and tracked. */
    public Path createTempDirectory(String prefix, FileAttribute<?>... attrs) throws IOException {
        requireOpen();
        return creation.directory(prefix, attrs);
    }

    /**
     * Like {@link Files#createTempDirectory(Path, String, FileAttribute[])}, and tracked.
     *
     * @throws IllegalArgumentException if {@code dir} is outside the configured roots (nothing is created)
     */
    public Path createTempDirectory(Path dir, String prefix, FileAttribute<?>... attrs) throws IOException {
        requireOpen();
        return creation.directory(dir, prefix, attrs);
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
        Path key = Registry.key(path);
        roots.requireInside(key);
        return observations.track(key, FsAttributes.lstat(key)) != null;
    }

    /** Stops tracking {@code path} without deleting anything; true if it was tracked. */
    public boolean unregister(Path path) {
        return registry.remove(Registry.key(path), Registry.Removal.RELEASED) != null;
    }

    /** Whether {@code path} is tracked now. */
    public boolean isTracked(Path path) {
        return !registry.isEmpty() && registry.get(Registry.key(path)) != null;
    }

    // ------------------------------------------------------------------ crash safety

    /**
     * Sweeps the journals of dead JVMs in {@link TempFileManagerConfig#journalDir()}: deletes what
     * they still list, with cleanup's safety rules. Runs shortly after start when
     * {@link TempFileManagerConfig#sweepOnStart()} is set. Never touches a live JVM's journal.
     */
    public SweepResult sweepOrphans() {
        return BackgroundWork.sweepOrphans(config.journalDir());
    }

    /** Whether the crash journal is being written (false when off, refused or failing). */
    public boolean isJournalHealthy() {
        return engine.journalHealthy();
    }

    /** Times the journal could not be written (or was refused). */
    public long journalErrorCount() {
        return engine.journalErrorCount();
    }

    /** One line on the journal: its file and size, or why it is off. */
    public String journalStatus() {
        return engine.journalStatus();
    }

    // ------------------------------------------------------------------ cleanup

    /** Deletes every tracked path: files first, then directories deepest first. Never throws. */
    public CleanupResult cleanupAll() {
        return cleaner.run(registry.oldestFirst(), false); // registration order: the plan keeps it without sorting
    }

    /** Deletes the tracked paths tracked for at least {@code age}. Never throws. */
    public CleanupResult cleanupOlderThan(Duration age) {
        return cleaner.run(trackedFor(age), false, "cleanup of paths tracked for " + Durations.human(age) + " or more");
    }

    /** What {@link #cleanupOlderThan(Duration)} would do now, deleting nothing ({@link Duration#ZERO}: everything). */
    public CleanupResult previewCleanup(Duration olderThan) {
        return cleaner.run(trackedFor(olderThan), true);
    }

    /** Deletes one tracked path now (a closing {@link ScopedTempPath}); untracked paths are left alone. */
    CleanupResult deleteNow(Path path) {
        CleanupResultBuilder result = new CleanupResultBuilder(false);
        Entry entry = registry.get(Registry.key(path));
        if (entry != null) cleaner.deleteOne(entry, result);
        return result.build();
    }

    private List<Entry> trackedFor(Duration age) {
        return registry.trackedForAtLeast(Objects.requireNonNull(age, "age"), config.clock().millis());
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
                counts.skipped(), observations.unmanagedCreatedTotal(), observations.agentErrorCount(), age,
                observations.adoptedDeleteOnExitTotal(), observations.capture().uncaptured().total());
    }

    /**
     * Up to {@code limit} tracked paths, oldest first. The size of each listed file is read afresh
     * (one {@code lstat} each, which also updates {@code TrackedBytes}); a directory shows its size
     * as last {@linkplain #measureTrackedBytes() measured}.
     */
    public List<TrackedPath> listTracked(int limit) {
        return engine.reconciler().listFresh(limit, config.clock().millis());
    }

    /**
     * Which code made the tracked paths: up to {@code limit} creation sites ({@code <= 0}: all), the
     * largest live count first (estimates in sampled mode; see {@link SiteRecording}). One pass
     * over the tracked paths; empty when sites are off.
     */
    public List<SiteUsage> topSites(int limit) {
        return engine.topSites(limit);
    }

    /**
     * Walks every tracked path (directories recursively, without following links or leaving the
     * device) and records its true size. Returns the new {@code TrackedBytes}. Costs a disk walk.
     */
    public long measureTrackedBytes() {
        return engine.measureTrackedBytes();
    }

    /**
     * Drops tracked paths that no longer exist or whose name now belongs to another file (the host
     * deleted or moved them without tempguard seeing it), and refreshes file sizes. One
     * {@code lstat} per tracked path. Returns how many were dropped.
     */
    public long reconcile() {
        return engine.reconciler().reconcile();
    }

    // ------------------------------------------------------------------ helpers

    /** tempguard's version, from the build. */
    public static String version() {
        return BuildVersion.VERSION;
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("this TempFileManager is closed");
    }

    @Override
    public String toString() {
        return "TempFileManager" + stats();
    }
}
