package io.tempguard.agent.internal;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;

/**
 * Creates the global manager on a short-lived thread of its own, so that the agent's start-up can
 * rewrite the JDK classes meanwhile; {@link #await()} hands over the manager or rethrows what
 * stopped it. A class, not a lambda: linking the JVM's first lambda costs milliseconds.
 */
final class ManagerStart implements Runnable {
    private final TempFileManagerConfig config;
    private final Thread thread;
    private volatile TempFileManager manager;
    private volatile Throwable failure;

    private ManagerStart(TempFileManagerConfig config) {
        this.config = config;
        this.thread = new Thread(this, "tempguard-start");
        thread.setDaemon(true);
    }

    static ManagerStart begin(TempFileManagerConfig config) {
        ManagerStart start = new ManagerStart(config);
        start.thread.start();
        return start;
    }

    @Override
    public void run() {
        try {
            manager = TempFileManager.installGlobal(config);
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The started manager; rethrows what stopped its creation. */
    TempFileManager await() throws Exception {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // premain must not give up half-installed: wait, then restore the flag
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure;
        if (t instanceof Exception) throw (Exception) t;
        if (t instanceof Error) throw (Error) t;
        if (t != null) throw new IllegalStateException(t);
        return manager;
    }
}
