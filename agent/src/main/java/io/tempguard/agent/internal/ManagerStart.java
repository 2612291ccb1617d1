package io.tempguard.agent.internal;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.internal.spi.AgentSpi;

import java.lang.instrument.Instrumentation;

/**
 * Creates the global manager on a thread of its own, so that {@code premain} only rewrites the
 * JDK classes and returns: the manager's classes (registry, journal, maintenance, cleanup) load
 * while the host's {@code main} runs. A class, not a lambda: linking the JVM's first lambda costs
 * milliseconds.
 */
final class ManagerStart implements Runnable {
    /** What became of the start; called once, on the start thread. */
    interface Outcome {
        void started(TempFileManager manager);

        void failed(Throwable cause);
    }

    private final AgentOptions options;
    private final Instrumentation instrumentation;
    private final Outcome outcome;
    private final Thread thread;

    private ManagerStart(AgentOptions options, Instrumentation instrumentation, Outcome outcome) {
        this.options = options;
        this.instrumentation = instrumentation;
        this.outcome = outcome;
        this.thread = new Thread(this, "tempguard-start");
        thread.setDaemon(true); // a host that is done before the manager is (nothing tracked yet) exits at once
    }

    /** Starts the manager's creation; {@code observer} learns the start thread before it runs. */
    static void begin(AgentOptions options, Instrumentation instrumentation, Outcome outcome,
                      DeferredObserver observer) {
        ManagerStart start = new ManagerStart(options, instrumentation, outcome);
        observer.startingOn(start.thread);
        start.thread.start();
    }

    @Override
    public void run() {
        TempFileManager manager;
        // Everything this thread does to the file system is tempguard's own: not fed back into it.
        AgentSpi.enterOwnOperation();
        try {
            // The fail-open tests' switch (FaultInjectingHostEvents): a manager that cannot start.
            if ("start".equals(System.getProperty(FaultInjectingHostEvents.PROPERTY))) {
                throw new IllegalStateException("start fault injected by " + FaultInjectingHostEvents.PROPERTY);
            }
            TempFileManagerConfig config = options.managerConfig().toBuilder()
                    .shutdownHooksToAwait(HostShutdownHooks.find(instrumentation))
                    .build();
            manager = TempFileManager.installGlobal(config);
        } catch (Throwable t) {
            outcome.failed(t);
            return;
        } finally {
            AgentSpi.exitOwnOperation();
        }
        outcome.started(manager);
    }
}
