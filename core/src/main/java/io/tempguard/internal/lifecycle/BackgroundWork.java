package io.tempguard.internal.lifecycle;

import io.tempguard.internal.forensics.ForensicEvents;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.journal.ProcessIdentity;
import io.tempguard.internal.registry.Reconciler;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.registry.SizeRefresher;
import io.tempguard.internal.threshold.Thresholds;
import io.tempguard.internal.sweep.OrphanSweeper;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A manager's work on its {@link Maintenance} thread: opening the journal off the host's start,
 * the delayed orphan sweep, the journal's check every second and the periodic reconcile.
 * Queued work that runs after {@link #stop()} does nothing.
 *
 * <p>Named task classes, not lambdas: these are built on the host's start-up path, where linking
 * the JVM's first lambda costs tens of milliseconds.
 */
public final class BackgroundWork {
    /** Between two slices of one size-refresh round: the maintenance thread is free for other work. */
    private static final Duration SLICE_PAUSE = Duration.ofMillis(50);

    private final Maintenance maintenance;
    private final JournalWriter journal;
    private final Reconciler reconciler;
    private final Path journalDir;
    private final Registry registry;
    private final Thresholds thresholds;
    private volatile boolean stopped;
    /** Evaluates the thresholds against the registry's counters. */
    private final Runnable thresholdCheck = new Runnable() {
        @Override
        public void run() {
            if (!stopped) thresholds.evaluate(registry.fileCount(), registry.bytes());
        }
    };

    /** @param journal the manager's journal, or null when it has none */
    public BackgroundWork(Maintenance maintenance, JournalWriter journal, Reconciler reconciler, Path journalDir,
                          Registry registry, Thresholds thresholds) {
        this.maintenance = maintenance;
        this.journal = journal;
        this.reconciler = reconciler;
        this.journalDir = journalDir;
        this.registry = registry;
        this.thresholds = thresholds;
    }

    /**
     * Opens the journal (if any): now when {@code delay} is null, else on the maintenance thread
     * {@code delay} from now, or when a first path is tracked (on the thread that tracks it),
     * whichever comes first.
     */
    public void openJournal(Duration delay) {
        if (journal == null) return;
        if (delay == null) {
            journal.open();
            return;
        }
        journal.openAtFirstPath();
        maintenance.schedule("journal start", delay, new Runnable() {
            @Override
            public void run() {
                if (!stopped) journal.open();
            }
        });
    }

    /** Sweeps the journals of dead JVMs once, {@code delay} from now. */
    public void sweepAfter(Duration delay) {
        maintenance.schedule("orphan sweep", delay, new Runnable() {
            @Override
            public void run() {
                if (!stopped) sweepOrphans(journalDir);
            }
        });
    }

    /**
     * Checks the journal (if any) every {@code interval}: notices a deleted, replaced or truncated
     * file and recovers, and retries a journal that failed. Its own task, not part of reconcile,
     * which may be off or run only every minute.
     */
    public void checkJournalEvery(Duration interval) {
        if (journal == null) return;
        maintenance.every("journal check", interval, new Runnable() {
            @Override
            public void run() {
                if (!stopped) journal.check();
            }
        });
    }

    /** Runs {@code task} every {@code interval} until the manager closes. */
    public void every(String what, Duration interval, Runnable task) {
        maintenance.every(what, interval, new Runnable() {
            @Override
            public void run() {
                if (!stopped) task.run();
            }
        });
    }

    /** Reconciles every {@code interval}. */
    public void reconcileEvery(Duration interval) {
        maintenance.every("reconcile", interval, new Runnable() {
            @Override
            public void run() {
                reconciler.reconcile();
            }
        });
    }

    /**
     * Starts a round of size refresh every {@code interval} (unless one is still under way). A round
     * runs in budgeted slices with a pause between them, so other maintenance work (the journal's
     * check every second) runs in between; the thresholds are checked as soon as a round ends.
     */
    public void refreshBytesEvery(Duration interval, SizeRefresher refresher) {
        Runnable slice = new Runnable() {
            @Override
            public void run() {
                if (stopped) return;
                if (refresher.step()) thresholdCheck.run();
                else maintenance.schedule("byte refresh", SLICE_PAUSE, this);
            }
        };
        maintenance.every("byte refresh", interval, new Runnable() {
            @Override
            public void run() {
                if (!stopped && !refresher.inRound()) slice.run();
            }
        });
    }

    /** Checks the thresholds every {@code interval}: O(1) unless warnFreeSpace is set (one statfs per root). */
    public void checkThresholdsEvery(Duration interval) {
        maintenance.every("threshold check", interval, thresholdCheck);
    }

    /** Checks the thresholds once, soon (a limit was changed). */
    public void checkThresholdsNow() {
        maintenance.submit("threshold check", thresholdCheck);
    }

    /** Sweeps the journals of dead JVMs in {@code journalDir} now, with cleanup's safety rules. */
    public static io.tempguard.SweepResult sweepOrphans(Path journalDir) {
        long start = System.nanoTime();
        io.tempguard.SweepResult result = new OrphanSweeper(journalDir, ProcessIdentity.current(), false).sweep();
        ForensicEvents.sweep(result, System.nanoTime() - start);
        return result;
    }

    /** The manager closed: queued work no longer starts. */
    public void stop() {
        stopped = true;
    }
}
