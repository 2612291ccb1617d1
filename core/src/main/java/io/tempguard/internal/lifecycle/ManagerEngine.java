package io.tempguard.internal.lifecycle;

import io.tempguard.SiteUsage;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.internal.cleanup.Cleaner;
import io.tempguard.internal.forensics.SiteRecorder;
import io.tempguard.internal.forensics.SiteTable;
import io.tempguard.internal.forensics.SiteTally;
import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.jmx.ThresholdNotifier;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.journal.ProcessIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Reconciler;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.registry.SizeRefresher;
import io.tempguard.internal.threshold.FreeSpaceLimit;
import io.tempguard.internal.threshold.Thresholds;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The parts of one {@code TempFileManager}, wired from its configuration, and how they start and
 * stop: roots, registry, deleter, cleaner, reconciler, the maintenance thread, the crash journal
 * and the shutdown hook. The facade keeps the API and the MBean; this class keeps the plumbing.
 */
public final class ManagerEngine {
    /** Numbers the managers of this process, so each has a journal file of its own. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /**
     * How long after start the orphan sweep, and with {@code backgroundStart} the journal's creation
     * and the MBean's registration, wait, so they do not compete with the host's start: on two cores
     * they made a hello world with the agent 40 ms slower (wall) and 80 ms costlier (CPU).
     */
    public static final Duration START_DELAY = Duration.ofMillis(500);
    /** Thresholds are checked this often: two counter reads, plus one statfs per root when warnFreeSpace is set. */
    private static final Duration THRESHOLD_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final TempFileManagerConfig config;
    private final Roots roots;
    private final Registry registry = new Registry();
    private final Cleaner cleaner;
    private final Reconciler reconciler;
    private final Maintenance maintenance;
    private final JournalWriter journal;
    private final BackgroundWork background;
    private final ShutdownCleanup shutdownCleanup;
    private final SizeRefresher sizeRefresher;
    private final Thresholds thresholds;
    /**
     * The one source of this manager's threshold notifications, shared by every MXBean adapter made
     * for it. Made with the first adapter (on the maintenance thread when the agent starts), so the
     * host's start never loads JMX's notification classes; before it exists nobody could listen.
     */
    private ThresholdNotifier notifier;
    private final SiteRecorder sites;
    private final ExitCleanup atExit;
    /** Whether the shutdown hook goes in at start; otherwise only once a path is marked for deletion at exit. */
    private final boolean hookAtStart;
    private volatile boolean stopped;
    private volatile Duration deleteOnExitInterval;
    private volatile Runnable deleteOnExitPass;
    private final AtomicBoolean deleteOnExitChecksStarted = new AtomicBoolean();

    public ManagerEngine(TempFileManagerConfig config) {
        this.config = config;
        this.roots = Roots.of(config.roots());
        this.sites = new SiteRecorder(config.siteRecording(), new SiteTable());
        SafeDeleter deleter = new SafeDeleter(roots, new BirthTimeSupport());
        this.cleaner = new Cleaner(registry, deleter);
        this.reconciler = new Reconciler(registry, deleter);
        this.sizeRefresher = new SizeRefresher(registry, deleter, config.clock());
        this.thresholds = new Thresholds(config.roots(), config.warnTrackedFiles(), config.warnTrackedBytes(),
                FreeSpaceLimit.parse(config.warnFreeSpace()));
        // A crossing names the code that made the most live paths: read only then, on the maintenance thread.
        // A named class, not this::topSiteNames: a method reference links a lambda during the host's start.
        thresholds.setTopSites(new Supplier<String[]>() {
            @Override
            public String[] get() {
                return topSiteNames();
            }
        });
        this.maintenance = new Maintenance("tempguard-maintenance");
        this.journal = config.journal()
                ? new JournalWriter(config.journalDir(), INSTANCES.getAndIncrement(), ProcessIdentity.current(),
                        config.roots(), maintenance)
                : null;
        if (journal != null) registry.setListener(journal);
        this.background = new BackgroundWork(maintenance, journal, reconciler, config.journalDir(), registry,
                thresholds);
        // A hook also when cleanup at exit is off: a clean exit must remove the journal, or a later
        // sweep would delete what the host meant to keep.
        this.atExit = new ExitCleanup(registry, cleaner, journal, config.shutdownCleanup());
        this.hookAtStart = config.shutdownCleanup() || journal != null;
        // Created in any case: a path the host hands to File.deleteOnExit is deleted at exit even
        // with shutdown cleanup and journal off, and then the hook goes in with the first one.
        this.shutdownCleanup = new ShutdownCleanup(atExit, atExit, config.shutdownTimeout(), config.shutdownHooksToAwait());
        this.shutdownCleanup.prepareWith(new Runnable() {
            @Override
            public void run() {
                atExit.prepare();
            }
        });
    }

    public Roots roots() { return roots; }

    public Registry registry() { return registry; }

    public Cleaner cleaner() { return cleaner; }

    public Reconciler reconciler() { return reconciler; }

    public Maintenance maintenance() { return maintenance; }

    public SizeRefresher sizeRefresher() { return sizeRefresher; }

    public Thresholds thresholds() { return thresholds; }

    /** This manager's notification emitter, made on first use and then told of every threshold crossing. */
    public synchronized ThresholdNotifier notifier() {
        if (notifier == null) {
            notifier = new ThresholdNotifier(config.objectName());
            thresholds.setListener(notifier);
        }
        return notifier;
    }

    /** Walks every tracked path to measure it now; the byte count is then as fresh as this walk's start. */
    public long measureTrackedBytes() {
        long start = config.clock().millis();
        long bytes = reconciler.measureAll();
        sizeRefresher.measuredAllSince(start);
        return bytes;
    }

    /** Evaluates the thresholds soon on the maintenance thread (after a limit changed), never on the caller's. */
    public void checkThresholdsSoon() {
        background.checkThresholdsNow();
    }

    /** Names the code that creates each tracked path. */
    public SiteRecorder sites() { return sites; }

    /** "site: N live" for the five largest sites, for a threshold crossing's notification. */
    private String[] topSiteNames() {
        return topSites(5).stream().map(u -> u.site() + ": " + (u.estimated() ? "~" : "") + u.liveCount() + " live")
                .toArray(String[]::new);
    }

    /** The creation sites, the largest live count first: one pass over the tracked paths. */
    public List<SiteUsage> topSites(int limit) {
        SiteTally tally = new SiteTally(sites, config.clock().millis());
        for (Entry e : registry.entries()) tally.add(e.site(), e.size(), e.trackedAtMillis());
        return tally.top(limit);
    }

    /** Installs the shutdown hook, opens the journal and schedules the orphan sweep, as configured. */
    public void start() {
        if (hookAtStart) shutdownCleanup.install();
        background.openJournal(config.backgroundStart() ? START_DELAY : null);
        if (config.sweepOnStart()) background.sweepAfter(START_DELAY);
    }

    /** Starts the periodic reconcile, unless its interval is zero. */
    public void startPeriodicWork() {
        background.checkJournalEvery(JournalWriter.CHECK_INTERVAL);
        if (!config.reconcileInterval().isZero()) background.reconcileEvery(config.reconcileInterval());
        if (!config.bytesRefreshInterval().isZero()) {
            background.refreshBytesEvery(config.bytesRefreshInterval(), sizeRefresher);
        }
        background.checkThresholdsEvery(THRESHOLD_CHECK_INTERVAL);
    }

    /** After the final cleanup: retires the journal, removes the shutdown hook, stops the maintenance thread. */
    public void stop() {
        stopped = true;
        background.stop();
        if (journal != null) journal.finish(true);
        shutdownCleanup.uninstall();
        maintenance.shutdown();
    }

    /**
     * Whether a path marked now will be deleted at exit: installs the shutdown hook if it is not in
     * yet; false once the exit cleanup began or the manager stopped.
     */
    public boolean deletesMarkedPathsAtExit() {
        if (stopped || atExit.started()) return false;
        return shutdownCleanup.install() && !atExit.started();
    }

    /**
     * Adopting the File.deleteOnExit paths that came to exist: {@code pass} runs every
     * {@code interval} on the maintenance thread, and {@code beforeExit} first thing at exit.
     */
    public void checkDeleteOnExitPaths(Duration interval, Runnable pass, Runnable beforeExit) {
        atExit.runFirst(beforeExit);
        this.deleteOnExitInterval = interval;
        this.deleteOnExitPass = pass;
    }

    /** Starts the periodic pass of {@link #checkDeleteOnExitPaths}, once: when a first path waits to exist. */
    public void startDeleteOnExitChecks() {
        Runnable pass = deleteOnExitPass;
        if (pass != null && !stopped && deleteOnExitChecksStarted.compareAndSet(false, true)) {
            background.every("File.deleteOnExit check", deleteOnExitInterval, pass);
        }
    }

    /** Whether the crash journal is being written (false when off, refused or failing). */
    public boolean journalHealthy() {
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
}
