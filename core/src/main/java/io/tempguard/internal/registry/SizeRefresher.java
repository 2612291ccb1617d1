package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.SafeDeleter;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Keeps {@code TrackedBytes} true: re-measures every tracked path, a slice at a time, so the
 * figure says what files and directory trees hold now rather than at registration (temp files are
 * created empty and written afterwards).
 *
 * <p>A <em>round</em> measures each tracked path once, in registration order; it is made of
 * {@linkplain #step() slices}, each bounded by an entry budget and a time budget and resuming
 * where the last one stopped, so a million tracked paths never hold the maintenance thread for
 * long. A file costs one {@code lstat}; a directory a walk with cleanup's rules (no links
 * followed, no mount crossed, files tracked on their own not counted twice). The time budget is
 * checked between paths, so a slice can overrun it by at most one directory walk.
 *
 * <p>Not thread-safe: only the maintenance thread calls {@link #step()}.
 */
public final class SizeRefresher {
    /** Paths measured per slice at most. */
    public static final int DEFAULT_ENTRY_BUDGET = 5_000;
    /** Time per slice at most (checked between paths). */
    public static final long DEFAULT_TIME_BUDGET_NANOS = 20_000_000L;

    // A class, not System::nanoTime: built on the host's start, where the first lambda costs tens of ms.
    private static final LongSupplier SYSTEM_NANO_TIME = new LongSupplier() {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    };

    private final Registry registry;
    private final SafeDeleter deleter;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final int entryBudget;
    private final long timeBudgetNanos;
    private final Predicate<Path> trackedFile;
    /**
     * The last path measured in the current round; null before its first and after its end (so a
     * finished round holds no entry). If it left the registry since, its link still leads on.
     */
    private Entry cursor;
    private boolean inRound;
    private long roundStartMillis;
    /** When the last complete round (or explicit measure) started: the figure is at least that fresh. */
    private volatile long freshSinceMillis;

    public SizeRefresher(Registry registry, SafeDeleter deleter, Clock clock) {
        this(registry, deleter, clock, SYSTEM_NANO_TIME, DEFAULT_ENTRY_BUDGET, DEFAULT_TIME_BUDGET_NANOS);
    }

    SizeRefresher(Registry registry, SafeDeleter deleter, Clock clock, LongSupplier nanoTime, int entryBudget,
                  long timeBudgetNanos) {
        this.registry = registry;
        this.deleter = deleter;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.entryBudget = entryBudget;
        this.timeBudgetNanos = timeBudgetNanos;
        this.freshSinceMillis = clock.millis(); // sizes read at registration are no older than the manager
        this.trackedFile = new Predicate<Path>() {
            @Override
            public boolean test(Path path) {
                Entry inner = registry.get(path);
                return inner != null && inner.kind() == PathKind.FILE;
            }
        };
    }

    /** Whether a round is under way (its next slice is due). */
    public boolean inRound() {
        return inRound;
    }

    /**
     * Measures the next paths of the current round (starting one if none is under way) within the
     * budgets. Returns true when this slice finished the round.
     */
    public boolean step() {
        if (!inRound) {
            inRound = true;
            cursor = null;
            roundStartMillis = clock.millis();
        }
        long start = nanoTime.getAsLong();
        int measured = 0;
        OwnOperations.enter();
        try {
            for (Entry e : registry.registeredAfter(cursor)) {
                if (measured >= entryBudget || nanoTime.getAsLong() - start >= timeBudgetNanos) return false;
                measure(e);
                cursor = e;
                measured++;
            }
        } finally {
            OwnOperations.exit();
        }
        inRound = false;
        cursor = null;
        freshSinceMillis = roundStartMillis;
        return true;
    }

    /** An explicit full measure began at {@code startMillis} and finished: the figure is that fresh. */
    public void measuredAllSince(long startMillis) {
        if (startMillis > freshSinceMillis) freshSinceMillis = startMillis;
    }

    /** Seconds since the start of the last complete round (or explicit measure, or the manager's start). */
    public long ageSeconds() {
        return Math.max(0, clock.millis() - freshSinceMillis) / 1000;
    }

    private void measure(Entry e) {
        if (e.kind() == PathKind.DIRECTORY) {
            long size = deleter.measure(e.path(), e.identity(), trackedFile);
            if (size >= 0) registry.updateSize(e, size);
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = FsAttributes.lstat(e.path());
        } catch (IOException gone) {
            return; // reconcile decides whether it left
        }
        if (attrs.isRegularFile() && e.identity().matches(FileIdentity.of(attrs), false)) {
            registry.updateSize(e, attrs.size());
        }
    }
}
