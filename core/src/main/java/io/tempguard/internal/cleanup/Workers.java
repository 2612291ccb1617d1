package io.tempguard.internal.cleanup;

import io.tempguard.internal.OwnOperations;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs independent deletion tasks on up to {@link #PARALLELISM} threads, the calling thread one of
 * them, and hands every result to {@code done} on the calling thread (so what {@code done} feeds
 * needs no lock). WHY: deletion is system-call bound, and two directories can be emptied at once
 * without contending for a directory lock; in one directory the unlinks take turns, but the
 * identity checks and tempguard's own work per file still run side by side ({@link DeletionPlan}).
 * Named classes rather than lambdas: the first lambda a JVM links costs tens of milliseconds.
 */
final class Workers {
    /** At most one thread per core, and no more than four: more only queue on the same locks. */
    static final int PARALLELISM = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private Workers() {
    }

    /** What a helper thread hands back: a task's result, or what it threw. */
    private static final class Finished<R> {
        final R result;
        final Throwable thrown;

        Finished(R result, Throwable thrown) {
            this.result = result;
            this.thrown = thrown;
        }
    }

    /**
     * Runs {@code work} on every task, in list order as threads come free, and returns when all are
     * done. A task that throws does not stop the others; the first throwable is rethrown at the end.
     */
    static <T, R> void run(final List<T> tasks, int parallelism, final Function<T, R> work, Consumer<R> done) {
        int helpers = Math.min(parallelism, tasks.size()) - 1;
        if (helpers <= 0) {
            for (T task : tasks) done.accept(work.apply(task));
            return;
        }
        final AtomicInteger next = new AtomicInteger();
        final LinkedBlockingQueue<Finished<R>> finished = new LinkedBlockingQueue<>();
        Runnable helper = new Runnable() {
            @Override
            public void run() {
                OwnOperations.enter();
                try {
                    for (int i; (i = next.getAndIncrement()) < tasks.size(); ) {
                        try {
                            finished.add(new Finished<R>(work.apply(tasks.get(i)), null));
                        } catch (Throwable t) {
                            finished.add(new Finished<R>(null, t));
                        }
                    }
                } finally {
                    OwnOperations.exit();
                }
            }
        };
        for (int h = 0; h < helpers; h++) {
            Thread thread = new Thread(helper, "tempguard-cleanup-worker-" + (h + 1));
            thread.setDaemon(true); // never holds the JVM's exit; the shutdown cleanup's timeout bounds it
            thread.start();
        }
        int received = 0;
        Throwable first = null;
        for (int i; (i = next.getAndIncrement()) < tasks.size(); ) {
            try {
                done.accept(work.apply(tasks.get(i)));
            } catch (RuntimeException | Error e) {
                if (first == null) first = e;
            }
            received++;
            for (Finished<R> f; (f = finished.poll()) != null; received++) first = accept(f, done, first);
        }
        boolean interrupted = false;
        while (received < tasks.size()) {
            try {
                first = accept(finished.take(), done, first);
                received++;
            } catch (InterruptedException e) {
                interrupted = true; // the helpers still work on the registry: wait for them
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (first instanceof RuntimeException) throw (RuntimeException) first;
        if (first instanceof Error) throw (Error) first;
        if (first != null) throw new IllegalStateException(first);
    }

    private static <R> Throwable accept(Finished<R> f, Consumer<R> done, Throwable first) {
        if (f.thrown != null) return first != null ? first : f.thrown;
        try {
            done.accept(f.result);
        } catch (RuntimeException | Error e) {
            return first != null ? first : e;
        }
        return first;
    }
}
