package io.tempguard;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Immutable settings of a {@link TempFileManager}. Build one with {@link #builder()}; every setter
 * rejects a plainly wrong value at once with an {@link IllegalArgumentException} that names the
 * setting and what it accepts.
 */
public final class TempFileManagerConfig {
    /** The MXBean's name on the platform MBeanServer. */
    public static final String DEFAULT_OBJECT_NAME = "io.tempguard:type=TempFileManager";
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(60);
    /**
     * The shutdown cleanup waits up to this long for the host's hooks and again for its own work:
     * below a millisecond it could not start; above an hour it would stall an exit for no purpose
     * (what is left can be swept later). The upper bound also keeps {@code toNanos} from overflowing.
     */
    public static final Duration MIN_SHUTDOWN_TIMEOUT = Duration.ofMillis(1);
    public static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofHours(1);
    /**
     * A reconcile costs one {@code lstat} per tracked path: more often than every 100 ms it would
     * burn a core; rarer than a week it is off in all but name (use 0 for off).
     */
    public static final Duration MIN_RECONCILE_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_RECONCILE_INTERVAL = Duration.ofDays(7);
    /** How often {@code TrackedBytes} is re-measured from disk, in bounded slices. */
    public static final Duration DEFAULT_BYTES_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** More often than every second the refresh would be busy for little news; rarer than a day, stale (0: off). */
    public static final Duration MIN_BYTES_REFRESH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_BYTES_REFRESH_INTERVAL = Duration.ofDays(1);

    private final List<Path> roots;
    private final boolean shutdownCleanup;
    private final Duration shutdownTimeout;
    private final boolean jmxEnabled;
    private final String objectName;
    private final Duration reconcileInterval;
    private final boolean backgroundStart;
    private final boolean journal;
    private final Path journalDir;
    private final boolean sweepOnStart;
    private final Supplier<? extends Collection<Thread>> shutdownHooksToAwait;
    private final Clock clock;
    private final Duration bytesRefreshInterval;
    private final long warnTrackedFiles;
    private final long warnTrackedBytes;
    private final String warnFreeSpace;
    private final SiteRecording siteRecording;
    private final List<String> captureRules;

    private TempFileManagerConfig(Builder b) {
        this.roots = Collections.unmodifiableList(new ArrayList<>(b.roots.isEmpty() ? defaultRoots() : b.roots));
        this.shutdownCleanup = b.shutdownCleanup;
        this.shutdownTimeout = b.shutdownTimeout;
        this.jmxEnabled = b.jmxEnabled;
        this.objectName = b.objectName;
        this.reconcileInterval = b.reconcileInterval;
        this.backgroundStart = b.backgroundStart;
        this.journal = b.journal;
        this.journalDir = b.journalDir != null ? b.journalDir : defaultJournalDirectory();
        this.sweepOnStart = b.sweepOnStart;
        this.shutdownHooksToAwait = b.shutdownHooksToAwait;
        this.clock = b.clock;
        this.bytesRefreshInterval = b.bytesRefreshInterval;
        this.warnTrackedFiles = b.warnTrackedFiles;
        this.warnTrackedBytes = b.warnTrackedBytes;
        this.warnFreeSpace = b.warnFreeSpace;
        this.siteRecording = b.siteRecording;
        this.captureRules = Collections.unmodifiableList(new ArrayList<>(b.captureRules));
    }

    /** The defaults: root {@code java.io.tmpdir}, shutdown cleanup on (10 s), JMX on, reconcile every 60 s. */
    public static TempFileManagerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.roots.addAll(roots);
        b.shutdownCleanup = shutdownCleanup;
        b.shutdownTimeout = shutdownTimeout;
        b.jmxEnabled = jmxEnabled;
        b.objectName = objectName;
        b.reconcileInterval = reconcileInterval;
        b.backgroundStart = backgroundStart;
        b.journal = journal;
        b.journalDir = journalDir;
        b.sweepOnStart = sweepOnStart;
        b.shutdownHooksToAwait = shutdownHooksToAwait;
        b.clock = clock;
        b.bytesRefreshInterval = bytesRefreshInterval;
        b.warnTrackedFiles = warnTrackedFiles;
        b.warnTrackedBytes = warnTrackedBytes;
        b.warnFreeSpace = warnFreeSpace;
        b.siteRecording = siteRecording;
        b.captureRules.addAll(captureRules);
        return b;
    }

    /** The JVM's default temp directory, {@code java.io.tmpdir}. */
    public static Path defaultTempDirectory() {
        return Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    }

    /** Where journals live unless configured: {@code <java.io.tmpdir>/.tempguard}. */
    public static Path defaultJournalDirectory() {
        return defaultTempDirectory().resolve(".tempguard");
    }

    private static List<Path> defaultRoots() {
        return Collections.singletonList(defaultTempDirectory());
    }

    /** Directories under which temp paths are managed; nothing outside them is ever tracked or deleted. */
    public List<Path> roots() { return roots; }

    /** Whether a shutdown hook deletes every tracked path when the JVM exits normally. */
    public boolean shutdownCleanup() { return shutdownCleanup; }

    /** Upper bound on the shutdown cleanup, so it can never hang JVM exit. */
    public Duration shutdownTimeout() { return shutdownTimeout; }

    /** Whether the MXBean is registered on the platform MBeanServer. */
    public boolean jmxEnabled() { return jmxEnabled; }

    public String objectName() { return objectName; }

    /** How often a daemon thread drops tracked paths the host deleted or moved; zero turns it off. */
    public Duration reconcileInterval() { return reconcileInterval; }

    /**
     * Whether start-up work that can take a while (registering the MBean, which may initialise the
     * platform MBeanServer, and creating the journal) runs on the manager's daemon thread instead of
     * the caller's, half a second after start, so that it does not compete with the host's own
     * start (a JVM that ends sooner never pays for it). The journal is created sooner if a path is
     * tracked first, by the call that tracks it, so that path is journaled before the call returns.
     * The agent sets it so the host's main thread never waits for tempguard.
     */
    public boolean backgroundStart() { return backgroundStart; }

    /**
     * Whether every tracked path is also recorded in this process's crash journal, so that what a
     * JVM killed with SIGKILL left behind can be swept later.
     */
    public boolean journal() { return journal; }

    /** The per-user directory holding journals (owner-only; one owned by another user is refused). */
    public Path journalDir() { return journalDir; }

    /** Whether, shortly after start, a background thread sweeps the orphans of dead JVMs found in {@link #journalDir()}. */
    public boolean sweepOnStart() { return sweepOnStart; }

    /** The other shutdown hooks the shutdown cleanup lets finish first (null: none known). */
    public Supplier<? extends Collection<Thread>> shutdownHooksToAwait() { return shutdownHooksToAwait; }

    /** The clock ages are measured with (tests substitute their own). */
    public Clock clock() { return clock; }

    /** How often {@code TrackedBytes} is re-measured from disk (in bounded slices); zero turns it off. */
    public Duration bytesRefreshInterval() { return bytesRefreshInterval; }

    /** Warn when more files than this are tracked; 0 is off. */
    public long warnTrackedFiles() { return warnTrackedFiles; }

    /** Warn when tracked paths hold more bytes than this; 0 is off. */
    public long warnTrackedBytes() { return warnTrackedBytes; }

    /** Warn when a root's file system has less free space than this ({@code 10%} or a size such as {@code 2g}); "0" is off. */
    public String warnFreeSpace() { return warnFreeSpace; }
    /** How creation sites are recorded (default {@link SiteRecording#defaults()}: sampled, 1 in 100). */
    public SiteRecording siteRecording() { return siteRecording; }

    /**
     * Capture rules: globs ({@code FileSystem.getPathMatcher} syntax) matched against a path relative
     * to its root; what the host creates under a root with {@code mkdirs}, {@code FileOutputStream},
     * {@code Files.write} and the like and a rule matches is tracked like a temp file. They act only
     * where the agent watches those calls. Empty by default.
     */
    public List<String> captureRules() { return captureRules; }

    @Override
    public String toString() {
        return "TempFileManagerConfig{roots=" + roots + ", shutdownCleanup=" + shutdownCleanup
                + ", shutdownTimeout=" + shutdownTimeout + ", jmx=" + jmxEnabled + ", objectName=" + objectName
                + ", reconcileInterval=" + reconcileInterval + ", backgroundStart=" + backgroundStart
                + ", journal=" + journal + ", journalDir=" + journalDir + ", sweepOnStart=" + sweepOnStart
                + ", bytesRefreshInterval=" + bytesRefreshInterval + ", warnTrackedFiles=" + warnTrackedFiles
                + ", warnTrackedBytes=" + warnTrackedBytes + ", warnFreeSpace=" + warnFreeSpace
                + ", sites=" + siteRecording
                + (captureRules.isEmpty() ? "" : ", capture=" + String.join(":", captureRules)) + '}';
    }

    /** Builds a {@link TempFileManagerConfig}; not thread-safe. */
    public static final class Builder {
        private final List<Path> roots = new ArrayList<>();
        private boolean shutdownCleanup = true;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private boolean jmxEnabled = true;
        private String objectName = DEFAULT_OBJECT_NAME;
        private Duration reconcileInterval = DEFAULT_RECONCILE_INTERVAL;
        private boolean backgroundStart;
        private boolean journal = true;
        private Path journalDir;
        private boolean sweepOnStart = true;
        private Supplier<? extends Collection<Thread>> shutdownHooksToAwait;
        private Clock clock = Clock.systemUTC();
        private Duration bytesRefreshInterval = DEFAULT_BYTES_REFRESH_INTERVAL;
        private long warnTrackedFiles;
        private long warnTrackedBytes;
        private String warnFreeSpace = "0";
        private SiteRecording siteRecording = SiteRecording.defaults();
        private final List<String> captureRules = new ArrayList<>();

        private Builder() {
        }

        /** Replaces the roots (default: {@code java.io.tmpdir}). Each must be an absolute or resolvable directory path. */
        public Builder roots(List<Path> roots) {
            Objects.requireNonNull(roots, "roots");
            List<Path> normalized = new ArrayList<>();
            for (Path root : roots) {
                Objects.requireNonNull(root, "roots must not contain null");
                Path abs = root.toAbsolutePath().normalize();
                if (abs.getParent() == null) {
                    throw new IllegalArgumentException("roots must not contain the file system root '" + abs
                            + "': tempguard would then be allowed to delete anything");
                }
                if (!normalized.contains(abs)) normalized.add(abs);
            }
            this.roots.clear();
            this.roots.addAll(normalized);
            return this;
        }

        public Builder roots(Path... roots) {
            return roots(java.util.Arrays.asList(roots));
        }

        public Builder shutdownCleanup(boolean enabled) {
            this.shutdownCleanup = enabled;
            return this;
        }

        public Builder shutdownTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "shutdownTimeout");
            String out = Durations.outOfRange(timeout, MIN_SHUTDOWN_TIMEOUT, MAX_SHUTDOWN_TIMEOUT);
            if (out != null) {
                throw new IllegalArgumentException("shutdownTimeout " + timeout + " is out of range: " + out);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        public Builder jmx(boolean enabled) {
            this.jmxEnabled = enabled;
            return this;
        }

        public Builder objectName(String objectName) {
            Objects.requireNonNull(objectName, "objectName");
            try {
                new javax.management.ObjectName(objectName);
            } catch (javax.management.MalformedObjectNameException e) {
                throw new IllegalArgumentException("objectName '" + objectName + "' is not a valid JMX ObjectName: "
                        + e.getMessage(), e);
            }
            this.objectName = objectName;
            return this;
        }

        public Builder reconcileInterval(Duration interval) {
            Objects.requireNonNull(interval, "reconcileInterval");
            String out = interval.isZero() ? null
                    : Durations.outOfRange(interval, MIN_RECONCILE_INTERVAL, MAX_RECONCILE_INTERVAL);
            if (out != null) {
                throw new IllegalArgumentException("reconcileInterval " + interval + " is out of range: " + out
                        + " (or 0 for off)");
            }
            this.reconcileInterval = interval;
            return this;
        }

        public Builder backgroundStart(boolean enabled) {
            this.backgroundStart = enabled;
            return this;
        }

        public Builder journal(boolean enabled) {
            this.journal = enabled;
            return this;
        }

        /** The journal directory (default {@code <java.io.tmpdir>/.tempguard}). */
        public Builder journalDir(Path dir) {
            Objects.requireNonNull(dir, "journalDir");
            Path abs = dir.toAbsolutePath().normalize();
            if (abs.getParent() == null) {
                throw new IllegalArgumentException("journalDir must not be the file system root '" + abs + "'");
            }
            this.journalDir = abs;
            return this;
        }

        public Builder sweepOnStart(boolean enabled) {
            this.sweepOnStart = enabled;
            return this;
        }

        /**
         * The host's other shutdown hooks, which the shutdown cleanup lets finish (at most
         * {@link #shutdownTimeout}) before deleting anything they might still use. The agent supplies
         * them; a library cannot see them without opening {@code java.lang}.
         */
        public Builder shutdownHooksToAwait(Supplier<? extends Collection<Thread>> hooks) {
            this.shutdownHooksToAwait = hooks;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How often {@code TrackedBytes} is re-measured (default 10 s; 1 s to 1 d, or 0 for off). */
        public Builder bytesRefreshInterval(Duration interval) {
            Objects.requireNonNull(interval, "bytesRefreshInterval");
            String out = interval.isZero() ? null
                    : Durations.outOfRange(interval, MIN_BYTES_REFRESH_INTERVAL, MAX_BYTES_REFRESH_INTERVAL);
            if (out != null) {
                throw new IllegalArgumentException("bytesRefreshInterval " + interval + " is out of range: " + out
                        + " (or 0 for off)");
            }
            this.bytesRefreshInterval = interval;
            return this;
        }

        /** Warn (JMX notification and a WARN line) when more files than this are tracked; 0 (default) is off. */
        public Builder warnTrackedFiles(long limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("warnTrackedFiles must be 0 (off) or a positive count, was " + limit);
            }
            this.warnTrackedFiles = limit;
            return this;
        }

        /** Warn when tracked paths hold more bytes than this; 0 (default) is off. See {@link Sizes#parse}. */
        public Builder warnTrackedBytes(long limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("warnTrackedBytes must be 0 (off) or a positive size, was " + limit);
            }
            this.warnTrackedBytes = limit;
            return this;
        }

        /**
         * Warn when the file system of a root has less free space than this: a percentage above 0
         * and below 100 ({@code 10%}) or a size ({@code 2g}); {@code 0} (default) is off.
         */
        public Builder warnFreeSpace(String limit) {
            this.warnFreeSpace = io.tempguard.internal.threshold.FreeSpaceLimit.parse(limit).toString();
            return this;
        }

        /** How creation sites are recorded ({@code topSites}, the {@code site} of each tracked path). */
        public Builder siteRecording(SiteRecording recording) {
            this.siteRecording = Objects.requireNonNull(recording, "siteRecording");
            return this;
        }

        /**
         * Replaces the capture rules (see {@link TempFileManagerConfig#captureRules()}).
         *
         * @throws IllegalArgumentException naming a glob that is not valid
         */
        public Builder captureRules(List<String> globs) {
            Objects.requireNonNull(globs, "captureRules");
            List<String> checked = io.tempguard.internal.capture.CaptureRules.of(globs).globs();
            this.captureRules.clear();
            this.captureRules.addAll(checked);
            return this;
        }

        public TempFileManagerConfig build() {
            return new TempFileManagerConfig(this);
        }
    }
}
