package io.tempguard.agent.internal;

import io.tempguard.Durations;
import io.tempguard.Sizes;
import io.tempguard.SiteRecording;
import io.tempguard.TempFileManagerConfig;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's options: {@code -javaagent:tempguard-agent.jar=key=value,key=value}.
 *
 * <p>Any unknown key or bad value makes {@link #parse} throw {@link BadOptionException} with one
 * line naming the option and what it accepts; the agent then stays off. Staying off (rather than
 * falling back to defaults) is deliberate: a mistyped {@code shutdownCleanup=flase} must not
 * turn into deleting what the operator asked to keep.
 */
public final class AgentOptions {
    /** The accepted keys, in the order the help line lists them. */
    static final List<String> KEYS = Arrays.asList(
            "roots", "shutdownCleanup", "shutdownTimeout", "jmx", "log", "reconcileInterval", "journal", "journalDir",
            "sweepOnStart", "bytesRefreshInterval", "warnTrackedFiles", "warnTrackedBytes", "warnFreeSpace",
            "sites", "sitesSampleRate", "sitesExclude", "adoptDeleteOnExit", "capture");

    /** A bad option; the message is the whole line to print. */
    public static final class BadOptionException extends Exception {
        private static final long serialVersionUID = 1L;

        BadOptionException(String message) {
            super(message);
        }
    }

    private final List<Path> roots;
    private final boolean shutdownCleanup;
    private final Duration shutdownTimeout;
    private final boolean jmx;
    private final LogLevel logLevel;
    private final Duration reconcileInterval;
    private final boolean journal;
    private final Path journalDir;
    private final boolean sweepOnStart;
    private final EarlyWarning warning;
    private final SiteRecording sites;
    private final boolean adoptDeleteOnExit;
    private final List<String> capture;

    private AgentOptions(List<Path> roots, boolean shutdownCleanup, Duration shutdownTimeout, boolean jmx,
                         LogLevel logLevel, Duration reconcileInterval, boolean journal, Path journalDir,
                         boolean sweepOnStart, EarlyWarning warning, SiteRecording sites,
                         boolean adoptDeleteOnExit, List<String> capture) {
        this.capture = capture;
        this.adoptDeleteOnExit = adoptDeleteOnExit;
        this.roots = roots;
        this.shutdownCleanup = shutdownCleanup;
        this.shutdownTimeout = shutdownTimeout;
        this.jmx = jmx;
        this.logLevel = logLevel;
        this.reconcileInterval = reconcileInterval;
        this.journal = journal;
        this.journalDir = journalDir;
        this.sweepOnStart = sweepOnStart;
        this.sites = sites;
        this.warning = warning;
    }

    /** The byte refresh and the thresholds (issue 12), kept together so they add one field here. */
    private static final class EarlyWarning {
        Duration bytesRefreshInterval = TempFileManagerConfig.DEFAULT_BYTES_REFRESH_INTERVAL;
        long warnTrackedFiles;
        long warnTrackedBytes;
        String warnFreeSpace = "0";

        /** Parses one of its options; false if {@code key} is not one of them. */
        boolean parse(String key, String value) throws BadOptionException {
            switch (key) {
                case "bytesRefreshInterval":
                    bytesRefreshInterval = parseDuration(key, value, true,
                            TempFileManagerConfig.MIN_BYTES_REFRESH_INTERVAL,
                            TempFileManagerConfig.MAX_BYTES_REFRESH_INTERVAL);
                    return true;
                case "warnTrackedFiles": warnTrackedFiles = parseCount(key, value); return true;
                case "warnTrackedBytes": warnTrackedBytes = parseSize(key, value); return true;
                case "warnFreeSpace":
                    try {
                        warnFreeSpace = TempFileManagerConfig.builder().warnFreeSpace(value).build().warnFreeSpace();
                    } catch (IllegalArgumentException e) {
                        throw new BadOptionException("bad agent option '" + key + "=" + value + "': expected a "
                                + "percentage above 0 and below 100 (e.g. 10%), a size (e.g. 2g, 512m), or 0 for off");
                    }
                    return true;
                default: return false;
            }
        }

        void applyTo(TempFileManagerConfig.Builder b) {
            b.bytesRefreshInterval(bytesRefreshInterval).warnTrackedFiles(warnTrackedFiles)
                    .warnTrackedBytes(warnTrackedBytes).warnFreeSpace(warnFreeSpace);
        }

        @Override
        public String toString() {
            return ", bytesRefreshInterval=" + bytesRefreshInterval + ", warnTrackedFiles=" + warnTrackedFiles
                    + ", warnTrackedBytes=" + warnTrackedBytes + ", warnFreeSpace=" + warnFreeSpace;
        }
    }

    private static long parseCount(String key, String value) throws BadOptionException {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadOptionException("bad agent option '" + key + "=" + value
                + "': expected a whole number of files, 0 for off");
    }

    private static long parseSize(String key, String value) throws BadOptionException {
        try {
            return Sizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadOptionException("bad agent option '" + key + "=" + value + "': expected a size in bytes or "
                    + "with a binary unit (e.g. 4096, 10k, 512m, 2g), 0 for off");
        }
    }

    /** The agent's log threshold. */
    public enum LogLevel { OFF, ERROR, WARN, INFO, DEBUG }

    public static AgentOptions parse(String raw) throws BadOptionException {
        Map<String, String> values = split(raw);
        List<Path> roots = new ArrayList<>();
        boolean shutdownCleanup = true;
        Duration shutdownTimeout = TempFileManagerConfig.DEFAULT_SHUTDOWN_TIMEOUT;
        boolean jmx = true;
        LogLevel log = LogLevel.WARN;
        Duration reconcile = TempFileManagerConfig.DEFAULT_RECONCILE_INTERVAL;
        boolean journal = true;
        Path journalDir = null;
        boolean sweepOnStart = true;
        EarlyWarning warning = new EarlyWarning();
        SiteRecording.Mode siteMode = SiteRecording.defaults().mode();
        int sampleRate = SiteRecording.DEFAULT_SAMPLE_RATE;
        List<String> siteExcludes = SiteRecording.DEFAULT_EXCLUDED_PREFIXES;
        boolean adoptDeleteOnExit = true;
        List<String> capture = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "roots": roots = parseRoots(value); break;
                case "shutdownCleanup": shutdownCleanup = parseBoolean(key, value); break;
                case "shutdownTimeout":
                    shutdownTimeout = parseDuration(key, value, false, TempFileManagerConfig.MIN_SHUTDOWN_TIMEOUT,
                            TempFileManagerConfig.MAX_SHUTDOWN_TIMEOUT);
                    break;
                case "jmx": jmx = parseBoolean(key, value); break;
                case "log": log = parseLevel(value); break;
                case "reconcileInterval":
                    reconcile = parseDuration(key, value, true, TempFileManagerConfig.MIN_RECONCILE_INTERVAL,
                            TempFileManagerConfig.MAX_RECONCILE_INTERVAL);
                    break;
                case "journal": journal = parseBoolean(key, value); break;
                case "journalDir": journalDir = parseDirectory(key, value); break;
                case "sweepOnStart": sweepOnStart = parseBoolean(key, value); break;
                case "sites": siteMode = parseSiteMode(value); break;
                case "sitesSampleRate": sampleRate = parseSampleRate(value); break;
                case "sitesExclude": siteExcludes = parsePrefixes(value); break;
                case "adoptDeleteOnExit": adoptDeleteOnExit = parseBoolean(key, value); break;
                case "capture": capture = parseCapture(value); break;
                default:
                    if (!warning.parse(key, value)) throw new AssertionError(key);
            }
        }
        return new AgentOptions(roots, shutdownCleanup, shutdownTimeout, jmx, log, reconcile, journal, journalDir,
                sweepOnStart, warning, SiteRecording.of(siteMode, sampleRate, siteExcludes),
                adoptDeleteOnExit, capture);
    }

    /** {@code GLOB[:GLOB...]}, checked as the manager checks them (a ',' inside {a,b} would split the options). */
    private static List<String> parseCapture(String value) throws BadOptionException {
        try {
            List<String> globs = new ArrayList<>();
            for (String glob : value.split(":")) if (!glob.trim().isEmpty()) globs.add(glob.trim());
            if (globs.isEmpty()) throw new IllegalArgumentException("no rule given");
            // The manager's own check, so the option and the MXBean attribute accept the same rules.
            return TempFileManagerConfig.builder().captureRules(globs).build().captureRules();
        } catch (IllegalArgumentException e) {
            String why = e.getMessage().startsWith("bad capture rule") ? e.getMessage()
                    : e.getMessage() + "; expected globs relative to a root separated by ':', e.g. capture=blockmgr-*:upload_*.tmp";
            throw new BadOptionException("bad agent option 'capture=" + value + "': " + why
                    + " (',' separates agent options: write {a,b} as two rules)");
        }
    }

    private static Map<String, String> split(String raw) throws BadOptionException {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.trim().isEmpty()) return values;
        for (String part : raw.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) continue;
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new BadOptionException("bad agent option '" + item + "': expected key=value (options are "
                        + "comma-separated, e.g. roots=/tmp,log=info; accepted keys: " + String.join(", ", KEYS) + ")");
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                throw new BadOptionException("unknown agent option '" + key + "' (accepted: "
                        + String.join(", ", KEYS) + ")");
            }
            if (values.put(key, value) != null) {
                throw new BadOptionException("agent option '" + key + "' is given twice");
            }
        }
        return values;
    }

    private static List<Path> parseRoots(String value) throws BadOptionException {
        List<Path> roots = new ArrayList<>();
        for (String s : value.split(File.pathSeparator)) {
            if (s.trim().isEmpty()) continue;
            Path p;
            try {
                p = Paths.get(s.trim());
            } catch (RuntimeException e) {
                throw new BadOptionException("bad agent option 'roots=" + value + "': '" + s + "' is not a path");
            }
            if (!p.isAbsolute()) {
                throw new BadOptionException("bad agent option 'roots=" + value + "': '" + s
                        + "' is not absolute; expected absolute directories separated by '" + File.pathSeparator + "'");
            }
            if (p.normalize().getParent() == null) {
                throw new BadOptionException("bad agent option 'roots=" + value + "': the file system root '" + s
                        + "' cannot be a root (tempguard would be allowed to delete anything)");
            }
            roots.add(p.normalize());
        }
        if (roots.isEmpty()) {
            throw new BadOptionException("bad agent option 'roots=" + value + "': expected one or more absolute "
                    + "directories separated by '" + File.pathSeparator + "'");
        }
        return roots;
    }

    private static Path parseDirectory(String key, String value) throws BadOptionException {
        Path p;
        try {
            p = Paths.get(value);
        } catch (RuntimeException e) {
            throw new BadOptionException("bad agent option '" + key + "=" + value + "': not a path");
        }
        if (!p.isAbsolute() || p.normalize().getParent() == null) {
            throw new BadOptionException("bad agent option '" + key + "=" + value
                    + "': expected an absolute directory other than the file system root");
        }
        return p.normalize();
    }

    private static boolean parseBoolean(String key, String value) throws BadOptionException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new BadOptionException("bad agent option '" + key + "=" + value + "': expected true or false");
        }
    }

    /** A duration in {@code [min, max]} (or 0 where {@code zeroAllowed}): the same limits the manager's setters enforce. */
    private static Duration parseDuration(String key, String value, boolean zeroAllowed, Duration min, Duration max)
            throws BadOptionException {
        String range = Durations.human(min) + " to " + Durations.human(max) + (zeroAllowed ? ", or 0 for off" : "");
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadOptionException("bad agent option '" + key + "=" + value + "': expected a duration such as "
                    + "500ms, 10s, 5m (" + range + ")");
        }
        if (d.isZero() && zeroAllowed) return d;
        String out = Durations.outOfRange(d, min, max);
        if (out != null) {
            throw new BadOptionException("bad agent option '" + key + "=" + value + "': out of range: " + out
                    + " (accepted: " + range + ")");
        }
        return d;
    }

    private static SiteRecording.Mode parseSiteMode(String value) throws BadOptionException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "off": return SiteRecording.Mode.OFF;
            case "sampled": return SiteRecording.Mode.SAMPLED;
            case "all": return SiteRecording.Mode.ALL;
            default: throw new BadOptionException("bad agent option 'sites=" + value + "': expected off, sampled or all");
        }
    }

    private static int parseSampleRate(String value) throws BadOptionException {
        String range = SiteRecording.MIN_SAMPLE_RATE + " to " + SiteRecording.MAX_SAMPLE_RATE;
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadOptionException("bad agent option 'sitesSampleRate=" + value + "': expected a whole number "
                    + "N (one creation in N is sampled), " + range);
        }
        if (n < SiteRecording.MIN_SAMPLE_RATE || n > SiteRecording.MAX_SAMPLE_RATE) {
            throw new BadOptionException("bad agent option 'sitesSampleRate=" + value + "': out of range (accepted: "
                    + range + ")");
        }
        return n;
    }

    /** Class-name prefixes separated by ':' (the option list itself is comma-separated). */
    private static List<String> parsePrefixes(String value) throws BadOptionException {
        List<String> prefixes = new ArrayList<>();
        for (String p : value.split(":", -1)) {
            String prefix = p.trim();
            if (prefix.isEmpty() || !prefix.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*")) {
                throw new BadOptionException("bad agent option 'sitesExclude=" + value + "': '" + p + "' is not a "
                        + "class-name prefix; expected prefixes separated by ':', e.g. java.:javax.:com.example.lib.");
            }
            prefixes.add(prefix);
        }
        return prefixes;
    }

    private static LogLevel parseLevel(String value) throws BadOptionException {
        try {
            return LogLevel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadOptionException("bad agent option 'log=" + value + "': expected off, error, warn, info or debug");
        }
    }

    /** The manager configuration these options describe. */
    public TempFileManagerConfig managerConfig() {
        TempFileManagerConfig.Builder b = TempFileManagerConfig.builder()
                .shutdownCleanup(shutdownCleanup)
                .shutdownTimeout(shutdownTimeout)
                .jmx(jmx)
                .reconcileInterval(reconcileInterval)
                .backgroundStart(true)
                .journal(journal)
                .sweepOnStart(sweepOnStart)
                .siteRecording(sites);
        if (!roots.isEmpty()) b.roots(roots);
        if (journalDir != null) b.journalDir(journalDir);
        warning.applyTo(b);
        if (!capture.isEmpty()) b.captureRules(capture);
        return b.build();
    }

    public LogLevel logLevel() { return logLevel; }

    public boolean jmx() { return jmx; }

    /** Whether File.deleteOnExit of a path inside the roots is taken over (tracked, journaled, deleted at exit). */
    public boolean adoptDeleteOnExit() { return adoptDeleteOnExit; }

    @Override
    public String toString() {
        return "roots=" + (roots.isEmpty() ? "[java.io.tmpdir]" : roots) + ", shutdownCleanup=" + shutdownCleanup
                + ", shutdownTimeout=" + shutdownTimeout + ", jmx=" + jmx + ", log=" + logLevel
                + ", reconcileInterval=" + reconcileInterval + ", journal=" + journal
                + (journalDir != null ? ", journalDir=" + journalDir : "") + ", sweepOnStart=" + sweepOnStart + warning
                + ", sites=" + sites + ", adoptDeleteOnExit=" + adoptDeleteOnExit
                + (capture.isEmpty() ? "" : ", capture=" + String.join(":", capture));
    }
}
