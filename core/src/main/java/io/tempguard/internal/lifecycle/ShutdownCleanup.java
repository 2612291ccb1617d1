package io.tempguard.internal.lifecycle;

import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import java.time.Duration;

/**
 * The one shutdown hook of a manager. The work runs on a daemon thread and the hook waits for it
 * at most the configured timeout, so an undeletable path, a hung NFS mount or a huge tree can
 * never hold the JVM's exit.
 */
public final class ShutdownCleanup {
    private static final Logger LOG = Logs.get(ShutdownCleanup.class);

    private final Thread hook;
    private final Runnable work;
    private final Duration timeout;
    private volatile boolean installed;

    public ShutdownCleanup(Runnable work, Duration timeout) {
        this.work = work;
        this.timeout = timeout;
        this.hook = new Thread(new Runnable() {
            @Override
            public void run() {
                runBounded();
            }
        }, "tempguard-shutdown");
        this.hook.setContextClassLoader(ShutdownCleanup.class.getClassLoader());
    }

    public synchronized void install() {
        if (installed) return;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            installed = true;
        } catch (IllegalStateException e) {
            LOG.debug("tempguard: JVM already shutting down; no shutdown cleanup");
        } catch (SecurityException e) {
            LOG.warn("tempguard: not allowed to add a shutdown hook ({}); temp paths are not deleted at exit", e.toString());
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

    /** Runs the work on a daemon thread and waits for it at most the timeout. */
    void runBounded() {
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
            LOG.warn("tempguard: shutdown cleanup still running after {} ms; letting the JVM exit "
                    + "(what is left can be swept later)", timeout.toMillis());
        }
    }
}
