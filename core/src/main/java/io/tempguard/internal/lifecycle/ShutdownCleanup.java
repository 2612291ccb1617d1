package io.tempguard.internal.lifecycle;

import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import io.tempguard.Durations;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one shutdown hook of a manager. The work runs on a daemon thread and the hook waits for it
 * at most the configured timeout, so an undeletable path, a hung NFS mount or a huge tree can
 * never hold the JVM's exit.
 */
public final class ShutdownCleanup {
    private static final Logger LOG = Logs.get(ShutdownCleanup.class);

    private final Thread hook;
    private final Runnable work;
    private final Supplier<String> whatIsLeft;
    private final Duration timeout;
    private final Supplier<? extends Collection<Thread>> runFirst;
    /** Quick work that must be done before the JVM may exit (run on the hook's thread); null: none. */
    private volatile Runnable prepare;
    private volatile boolean installed;

    /**
     * @param whatIsLeft describes what is still tracked, for the one line logged when the work is cut short
     * @param runFirst the host's other shutdown hooks, which may still use their temp files: the
     *                 cleanup waits for them (at most {@code timeout}) before it starts; null: none known
     */
    public ShutdownCleanup(Runnable work, Supplier<String> whatIsLeft, Duration timeout,
                           Supplier<? extends Collection<Thread>> runFirst) {
        this.work = work;
        this.whatIsLeft = whatIsLeft;
        this.timeout = timeout;
        this.runFirst = runFirst;
        this.hook = new Thread(new Runnable() {
            @Override
            public void run() {
                runBounded();
            }
        }, "tempguard-shutdown");
        this.hook.setContextClassLoader(ShutdownCleanup.class.getClassLoader());
    }

    /** Runs {@code quickStep} on the hook's own thread, after the host's hooks, before the bounded work. */
    void prepareWith(Runnable quickStep) {
        this.prepare = quickStep;
    }

    /** Adds the hook unless it is in already; true if it is in (false: the JVM is exiting, or not allowed). */
    public synchronized boolean install() {
        if (installed) return true;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            installed = true;
        } catch (IllegalStateException e) {
            LOG.debug("tempguard: JVM already shutting down; no shutdown cleanup");
        } catch (SecurityException e) {
            LOG.warn("tempguard: not allowed to add a shutdown hook ({}); temp paths are not deleted at exit", e.toString());
        }
        return installed;
    }

    /**
     * Shutdown hooks run concurrently; a host hook that still writes or moves a temp file must not
     * have it deleted underneath. The JVM waits for all hooks anyway, so waiting here does not delay
     * its exit unless a host hook outlasts the timeout, and then the cleanup goes ahead.
     */
    private void awaitOtherHooks() {
        if (runFirst == null) return;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread other : runFirst.get()) {
                if (other == Thread.currentThread()) continue;
                // The JVM starts the hooks one by one: join() on one it has not started yet returns at once.
                while (other.getState() == Thread.State.NEW && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) other.join(left);
                if (other.isAlive()) {
                    LOG.warn("tempguard: the host's shutdown hook '{}' still runs after {}; cleaning up anyway",
                            other.getName(), Durations.human(timeout));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("tempguard: cannot wait for the other shutdown hooks: {}", e.toString());
        }
    }

    /** Removes the hook (when the manager is closed before exit); harmless while shutting down. */
    public synchronized void uninstall() {
        if (!installed) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // Shutting down already: the hook runs or has run; nothing to undo.
        }
        installed = false;
    }

    /** Lets the host's other hooks finish, then runs the work on a daemon thread and waits for it at most the timeout. */
    void runBounded() {
        awaitOtherHooks();
        Runnable first = prepare;
        if (first != null) {
            try {
                first.run();
            } catch (Throwable t) {
                LOG.warn("tempguard: shutdown cleanup could not prepare: {}", t.toString(), t);
            }
        }
        Thread worker = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    work.run();
                } catch (Throwable t) {
                    LOG.warn("tempguard: shutdown cleanup failed: {}", t.toString(), t);
                }
            }
        }, "tempguard-shutdown-cleanup");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            String left;
            try {
                left = whatIsLeft.get();
            } catch (RuntimeException e) {
                left = "unknown";
            }
            LOG.warn("tempguard: shutdown cleanup cut short after {}; letting the JVM exit with {}",
                    Durations.human(timeout), left);
        }
    }
}
