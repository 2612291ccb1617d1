package io.tempguard.internal.spi;

import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.log.Logs;
import io.tempguard.internal.registry.Registry;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Takes over {@code File.deleteOnExit} for paths inside the roots: a path the host hands to it is
 * temporary by the host's own word, so it is tracked, journaled (swept after a crash, which the
 * JDK cannot do) and deleted at exit even when shutdown cleanup is off.
 *
 * <p>A path that exists is tracked and marked at once, and the caller keeps it off the JDK's
 * never-shrinking list. A path that does not exist yet (libraries call {@code deleteOnExit} before
 * they write) stays on the JDK's list and is remembered as pending: it is adopted as soon as it is
 * seen to exist (a creation the agent sees, or the maintenance thread's pass, one {@code lstat}
 * per pending path, at most {@link #CHECKS_PER_PASS} a pass, and all of them at exit). A marked
 * path the host deletes, moves or replaces becomes pending again: the host asked for the name,
 * and the JDK would delete whatever is at it at exit.
 *
 * <p>Memory is bounded: at most {@link #MAX_PENDING} pending paths; beyond that the oldest is
 * dropped, counted and reported once.
 */
public final class DeleteOnExitAdoption {
    private static final Logger LOG = Logs.get(DeleteOnExitAdoption.class);
    /** Pending paths kept at most; the oldest is dropped beyond. */
    public static final int MAX_PENDING = 10_000;
    /** Pending paths one maintenance pass checks at most (the rest wait for the next pass). */
    public static final int CHECKS_PER_PASS = 500;
    /** How often the maintenance thread looks for pending paths that came to exist. */
    public static final java.time.Duration CHECK_INTERVAL = java.time.Duration.ofSeconds(1);

    /** Whether the manager can still promise a deletion at exit. */
    public interface ExitDeletion {
        /**
         * Makes sure the manager deletes marked paths at exit (installing its shutdown hook if it
         * had none); false once it no longer can: its exit cleanup started, or it was closed.
         */
        boolean available();

        /** A path waits to exist: start the periodic checks (called on each first wait; must be cheap). */
        void pathsWaiting();
    }

    private final Registry registry;
    private final Roots roots;
    private final Clock clock;
    private final ExitDeletion exit;
    /** Insertion order is age order: the head is the oldest. Guarded by itself. */
    private final LinkedHashSet<Path> pending = new LinkedHashSet<>();
    /** pending.size(), readable without the lock: the creation hook's fast path. */
    private volatile int pendingCount;
    private final AtomicLong adopted = new AtomicLong();
    private final AtomicLong droppedPending = new AtomicLong();
    private volatile boolean stopped;
    /** The periodic checks were asked for (they start with the first pending path). */
    private volatile boolean checksAsked;

    public DeleteOnExitAdoption(Registry registry, Roots roots, Clock clock, ExitDeletion exit) {
        this.registry = registry;
        this.roots = roots;
        this.clock = clock;
        this.exit = exit;
        registry.onDeleteAtExitReleased(new Consumer<Path>() {
            @Override
            public void accept(Path key) {
                remember(key);
            }
        });
    }

    /**
     * The host called {@code File.deleteOnExit} on {@code path}. True if tempguard took the request
     * over (the path is tracked and marked; the caller leaves it off the JDK's list); false if it
     * stays the JDK's: outside every root, not there yet (then pending), or too late (exit cleanup
     * running, manager closed).
     */
    public boolean request(Path path) {
        if (stopped || path.getFileSystem() != FileSystems.getDefault()) return false;
        Path key = Registry.key(path);
        if (!roots.contains(key)) return false;
        BasicFileAttributes attrs;
        try {
            attrs = FsAttributes.lstat(key);
        } catch (NoSuchFileException notYet) {
            remember(key);
            return false;
        } catch (IOException unreadable) {
            return false;
        }
        return adopt(key, attrs);
    }

    /** The host created {@code key} (absolute, normalized): adopts it at once if it was pending. */
    public void created(Path key) {
        if (pendingCount == 0) return;
        boolean wasPending;
        synchronized (pending) {
            wasPending = pending.remove(key);
            pendingCount = pending.size();
        }
        if (wasPending && !adoptIfThere(key)) remember(key);
    }

    /**
     * One maintenance pass: adopts up to {@code limit} pending paths that exist now; those still
     * missing go to the back of the queue. Returns how many were adopted.
     */
    public int checkPending(int limit) {
        if (pendingCount == 0 || stopped) return 0;
        List<Path> batch = new ArrayList<>();
        synchronized (pending) {
            Iterator<Path> oldest = pending.iterator();
            while (oldest.hasNext() && batch.size() < limit) {
                batch.add(oldest.next());
                oldest.remove();
            }
            pendingCount = pending.size();
        }
        int taken = 0;
        for (Path key : batch) {
            if (adoptIfThere(key)) {
                taken++;
            } else {
                remember(key);
            }
        }
        return taken;
    }

    /** Every pending path, now: what exit cleanup runs first, so a path written since the last pass is not missed. */
    public void checkAllPending() {
        checkPending(Integer.MAX_VALUE);
    }

    /** {@link #checkPending} of {@link #CHECKS_PER_PASS}, for the maintenance thread. */
    public Runnable pass() {
        return new Runnable() {
            @Override
            public void run() {
                checkPending(CHECKS_PER_PASS);
            }
        };
    }

    /** {@link #checkAllPending}, for the start of the exit cleanup. */
    public Runnable atExit() {
        return new Runnable() {
            @Override
            public void run() {
                checkAllPending();
            }
        };
    }

    /** The manager closed: no more adoptions; pending paths are forgotten (the JDK holds the first requests). */
    public void stop() {
        stopped = true;
        synchronized (pending) {
            pending.clear();
            pendingCount = 0;
        }
    }

    /** Paths taken over from {@code File.deleteOnExit}: tracked and marked for deletion at exit. */
    public long adoptedTotal() {
        return adopted.get();
    }

    /** Pending paths waiting to exist. */
    public int pendingCount() {
        return pendingCount;
    }

    /** Pending paths dropped because more than {@link #MAX_PENDING} waited. */
    public long droppedPendingTotal() {
        return droppedPending.get();
    }

    /** True if {@code key} is adopted or needs no more waiting for (it exists outside the managed places). */
    private boolean adoptIfThere(Path key) {
        BasicFileAttributes attrs;
        try {
            attrs = FsAttributes.lstat(key);
        } catch (IOException notThereYet) {
            return false;
        }
        adopt(key, attrs);
        return true;
    }

    private boolean adopt(Path key, BasicFileAttributes attrs) {
        Path dir = key.getParent();
        // The library's own rule, as for a created temp path: a link inside a root that leads out of
        // the roots makes the path unmanaged.
        if (dir == null || roots.unmanagedDirectory(dir) != null) return false;
        if (!exit.available()) return false;
        Registry.Mark mark = registry.trackMarkedForExit(key, attrs, clock.millis());
        // Checked again after marking: an exit cleanup that started before the mark might not see it,
        // and the JDK's list, which runs after every shutdown hook, still takes the request then.
        if (!exit.available()) return false;
        if (mark == Registry.Mark.MARKED) adopted.incrementAndGet();
        return true;
    }

    private void remember(Path key) {
        if (stopped) return;
        boolean dropped = false;
        synchronized (pending) {
            pending.remove(key); // re-added at the back: the newest request
            pending.add(key);
            if (pending.size() > MAX_PENDING) {
                Iterator<Path> oldest = pending.iterator();
                oldest.next();
                oldest.remove();
                dropped = true;
            }
            pendingCount = pending.size();
        }
        if (!checksAsked) {
            checksAsked = true; // a benign race: asking twice is harmless
            exit.pathsWaiting();
        }
        if (dropped && droppedPending.getAndIncrement() == 0) {
            LOG.warn("tempguard: more than {} File.deleteOnExit paths wait to exist; the oldest are dropped "
                    + "(those still on the JDK's own list are deleted by the JDK at exit)", MAX_PENDING);
        }
    }
}
