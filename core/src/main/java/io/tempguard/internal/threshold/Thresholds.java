package io.tempguard.internal.threshold;

import io.tempguard.Sizes;
import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The three early-warning limits and whether each is exceeded now.
 *
 * <p>Hysteresis, so that a value hovering at a limit does not flap: a count or byte limit is
 * exceeded when the value goes above it and clear again only once the value is at or below 90% of
 * it; a free-space limit is exceeded when the free space goes below it and clear again only once it
 * is back at or above 110% of it. Each change of state is one {@link Crossing}: told to the
 * listener (the MXBean's notification) and logged once (WARN when exceeded, INFO when recovered).
 * A limit set to 0 while exceeded recovers at the next evaluation.
 *
 * <p>Limits are written by any thread (the MXBean's setters); {@link #evaluate} runs on the
 * maintenance thread only.
 */
public final class Thresholds {
    public static final String TRACKED_FILES = "warnTrackedFiles";
    public static final String TRACKED_BYTES = "warnTrackedBytes";
    public static final String FREE_SPACE = "warnFreeSpace";

    private static final Logger LOG = Logs.get(Thresholds.class);
    private static final String[] NO_SITES = new String[0];
    private static final Supplier<String[]> NO_TOP_SITES = new Supplier<String[]>() {
        @Override
        public String[] get() {
            return NO_SITES;
        }
    };
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void crossed(Crossing crossing) { }
    };

    /** Told of each change of state, on the maintenance thread; must be quick. */
    public interface Listener {
        void crossed(Crossing crossing);
    }

    /** One change of state of one threshold. */
    public static final class Crossing {
        private final String threshold;
        private final boolean exceeded;
        private final long value;
        private final long limit;
        private final String[] topSites;
        private final String message;

        Crossing(String threshold, boolean exceeded, long value, long limit, String[] topSites, String message) {
            this.threshold = threshold;
            this.exceeded = exceeded;
            this.value = value;
            this.limit = limit;
            this.topSites = topSites;
            this.message = message;
        }

        /** The option's name: {@code warnTrackedFiles}, {@code warnTrackedBytes} or {@code warnFreeSpace}. */
        public String threshold() { return threshold; }

        /** True when the limit was crossed, false when the value fell back. */
        public boolean exceeded() { return exceeded; }

        /** Tracked files, tracked bytes, or free bytes on the worst root. */
        public long value() { return value; }

        /** The limit in the value's unit (a percentage as bytes of the worst root's file system). */
        public long limit() { return limit; }

        /** Where most tracked paths were created, largest first (empty when unknown). */
        public String[] topSites() { return topSites.clone(); }

        /** The one line that was logged. */
        public String message() { return message; }
    }

    private final List<Path> roots;
    private volatile long filesLimit;
    private volatile long bytesLimit;
    private volatile FreeSpaceLimit freeLimit;
    private volatile boolean filesExceeded;
    private volatile boolean bytesExceeded;
    private volatile boolean freeExceeded;
    private volatile Listener listener = NO_LISTENER;
    private volatile Supplier<String[]> topSites = NO_TOP_SITES;

    public Thresholds(List<Path> roots, long filesLimit, long bytesLimit, FreeSpaceLimit freeLimit) {
        this.roots = roots;
        setFilesLimit(filesLimit);
        setBytesLimit(bytesLimit);
        setFreeLimit(freeLimit);
    }

    public void setListener(Listener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /**
     * Where the {@code topSites} of each crossing come from (largest first); the creation-site
     * tracking plugs in here. Default: none. Called on the maintenance thread at a crossing only.
     */
    public void setTopSites(Supplier<String[]> topSites) {
        this.topSites = topSites == null ? NO_TOP_SITES : topSites;
    }

    public long filesLimit() { return filesLimit; }

    public long bytesLimit() { return bytesLimit; }

    public FreeSpaceLimit freeLimit() { return freeLimit; }

    /** @throws IllegalArgumentException if negative */
    public void setFilesLimit(long limit) {
        this.filesLimit = requireNonNegative(TRACKED_FILES, limit);
    }

    /** @throws IllegalArgumentException if negative */
    public void setBytesLimit(long limit) {
        this.bytesLimit = requireNonNegative(TRACKED_BYTES, limit);
    }

    public void setFreeLimit(FreeSpaceLimit limit) {
        this.freeLimit = limit == null ? FreeSpaceLimit.OFF : limit;
    }

    private static long requireNonNegative(String name, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(name + " must be 0 (off) or a positive limit, was " + limit);
        }
        return limit;
    }

    /** The thresholds exceeded now, by option name; empty when all are clear. */
    public List<String> exceeded() {
        List<String> names = new ArrayList<>(3);
        if (filesExceeded) names.add(TRACKED_FILES);
        if (bytesExceeded) names.add(TRACKED_BYTES);
        if (freeExceeded) names.add(FREE_SPACE);
        return names;
    }

    /** Compares the current values with the limits and reports each change of state. Maintenance thread only. */
    public synchronized void evaluate(long trackedFiles, long trackedBytes) {
        long fl = filesLimit;
        boolean files = above(filesExceeded, trackedFiles, fl);
        if (files != filesExceeded) {
            filesExceeded = files;
            report(TRACKED_FILES, files, trackedFiles, fl, trackedFiles + " tracked files", Long.toString(fl));
        }
        long bl = bytesLimit;
        boolean bytes = above(bytesExceeded, trackedBytes, bl);
        if (bytes != bytesExceeded) {
            bytesExceeded = bytes;
            report(TRACKED_BYTES, bytes, trackedBytes, bl, Sizes.human(trackedBytes) + " tracked", Sizes.human(bl));
        }
        evaluateFreeSpace();
    }

    private void evaluateFreeSpace() {
        FreeSpaceLimit limit = freeLimit;
        FreeSpace worst = limit.isOff() ? null : FreeSpace.worst(roots, limit);
        boolean free;
        long value = 0;
        long limitBytes = 0;
        if (worst == null) {
            free = false; // off, or no root readable: nothing to warn about
        } else {
            value = worst.freeBytes();
            limitBytes = limit.bytesOn(worst.totalBytes());
            free = freeExceeded ? value < limitBytes + limitBytes / 10 : value < limitBytes;
        }
        if (free == freeExceeded) return;
        freeExceeded = free;
        String where = worst == null ? "" : String.format(Locale.ROOT, " (%.1f%%) on %s", worst.percent(), worst.root());
        String limitText = limit.isOff() ? "0" : limit + (limit.isPercent() ? " (" + Sizes.human(limitBytes) + ")" : "");
        reportFree(free, value, limitBytes, Sizes.human(value) + " free" + where, limitText);
    }

    /** Exceeded if above the limit; once exceeded, until at or below 90% of it. A limit of 0 is off. */
    private static boolean above(boolean wasExceeded, long value, long limit) {
        if (limit <= 0) return false;
        return wasExceeded ? value > limit - limit / 10 : value > limit;
    }

    private void report(String name, boolean exceeded, long value, long limit, String valueText, String limitText) {
        String line = exceeded
                ? "tempguard: " + name + " exceeded: " + valueText + ", above the limit of " + limitText
                : "tempguard: " + name + " recovered: " + valueText + ", at or below 90% of the limit of " + limitText;
        tell(name, exceeded, value, limit, line);
    }

    private void reportFree(boolean exceeded, long value, long limit, String valueText, String limitText) {
        String line = exceeded
                ? "tempguard: " + FREE_SPACE + " exceeded: " + valueText + ", below the limit of " + limitText
                : "tempguard: " + FREE_SPACE + " recovered: " + valueText + ", at or above 110% of the limit of "
                        + limitText;
        tell(FREE_SPACE, exceeded, value, limit, line);
    }

    private void tell(String name, boolean exceeded, long value, long limit, String line) {
        if (exceeded) LOG.warn(line);
        else LOG.info(line);
        String[] sites;
        try {
            String[] s = topSites.get();
            sites = s == null ? NO_SITES : s.clone();
        } catch (RuntimeException e) {
            sites = NO_SITES; // the sites are a courtesy: never lose the warning for them
        }
        listener.crossed(new Crossing(name, exceeded, value, limit, sites, line));
    }
}
