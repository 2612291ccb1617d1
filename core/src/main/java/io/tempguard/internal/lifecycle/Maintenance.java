package io.tempguard.internal.lifecycle;

import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The manager's single background daemon thread: start-up work the host's thread must not pay
 * for, and periodic reconcile. A task that throws is logged and does not stop later runs.
 */
public final class Maintenance implements Executor {
    private static final Logger LOG = Logs.get(Maintenance.class);

    private final ScheduledThreadPoolExecutor executor;

    public Maintenance(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                t.setPriority(Thread.NORM_PRIORITY - 1);
                // Never pin the host's class loaders through this long-lived thread.
                t.setContextClassLoader(Maintenance.class.getClassLoader());
                return t;
            }
        });
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} once, soon. */
    public void submit(String what, Runnable task) {
        try {
            executor.execute(guarded(what, task));
        } catch (RuntimeException e) {
            LOG.debug("tempguard: {} not started: {}", what, e.toString());
        }
    }

    /**
     * Runs {@code task} soon (for hand-offs that need no name in the log).
     *
     * @throws java.util.concurrent.RejectedExecutionException once shut down, so the caller can fall back
     */
    @Override
    public void execute(Runnable task) {
        executor.execute(guarded("background task", task));
    }

    /** Runs {@code task} after {@code delay}. */
    public void schedule(String what, Duration delay, Runnable task) {
        try {
            executor.schedule(guarded(what, task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("tempguard: {} not scheduled: {}", what, e.toString());
        }
    }

    /** Runs {@code task} every {@code interval}, first after one interval. */
    public void every(String what, Duration interval, Runnable task) {
        long millis = interval.toMillis();
        try {
            executor.scheduleWithFixedDelay(guarded(what, task), millis, millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("tempguard: {} not scheduled: {}", what, e.toString());
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }

    private static Runnable guarded(String what, Runnable task) {
        return new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("tempguard: {} failed: {}", what, t.toString(), t);
                }
            }
        };
    }
}
