package io.tempguard.agent.internal;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.TempGuardProperties;
import io.tempguard.agent.internal.instrument.JdkInstrumentations;
import io.tempguard.agent.internal.instrument.JdkTransformer;
import io.tempguard.agent.internal.log.AgentLogging;
import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;
import org.slf4j.Logger;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Installs the agent: parse the options, define the bridge in java.base, begin starting the global
 * {@link TempFileManager} on a thread of its own, rewrite {@code Files} and {@code File}, prove with
 * a self-test that the hooks fire, and only then declare the agent installed. The manager keeps
 * starting after {@code premain} returns; a host call that would track a path meanwhile waits for it
 * ({@link DeferredObserver}). Any step that fails, the manager's start included, leaves the host as
 * it was, with one line on stderr saying why.
 *
 * <p>Called reflectively by {@code io.tempguard.agent.TempGuardAgent} inside the isolated loader.
 */
public final class Installer {
    public static void install(String rawOptions, Instrumentation instrumentation, boolean attachedAtRuntime) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(rawOptions);
        } catch (AgentOptions.BadOptionException e) {
            System.err.println("tempguard: " + e.getMessage() + "; agent not started (the host runs without tempguard)");
            return;
        }
        AgentLogging.configure(options.logLevel());
        Logger log = AgentSpi.logger(Installer.class);
        try {
            new Installer(log).run(options, instrumentation, attachedAtRuntime);
        } catch (Throwable t) {
            log.error("tempguard: agent not started: {}", t.toString(), t);
        }
    }

    private final Logger log;

    /** Set under the lock: the installation gave up, so a manager that starts later is closed at once. */
    private boolean gaveUp;
    /** Set under the lock: the manager could not start, so the installation was undone. */
    private boolean startFailed;

    private Installer(Logger log) {
        this.log = log;
    }

    private void run(AgentOptions options, Instrumentation instrumentation, boolean attachedAtRuntime)
            throws Exception {
        if (!instrumentation.isRetransformClassesSupported()) {
            log.error("tempguard: this JVM cannot retransform classes; agent not started");
            return;
        }
        Class<?> bridge = BridgeInjector.findOrDefine(instrumentation);
        Object installedBy = bridge.getField(BridgeContract.INSTALLED_BY).get(null);
        if (installedBy != null) {
            log.warn("tempguard: agent {} is already loaded in this JVM; this load changed nothing", installedBy);
            return;
        }

        ErrorReporter errors = new ErrorReporter();
        DeferredObserver observer = new DeferredObserver();
        JdkTransformer transformer = new JdkTransformer(errors);
        // The lock keeps the start thread's outcome from overtaking this installation: the manager may
        // be up, or have failed, before the hooks are in; its outcome is applied once they are.
        synchronized (this) {
            try {
                // The manager (registry, journal writer, maintenance thread) starts on a thread of its own
                // and keeps starting after premain returns: until it is up, a host call that would track a
                // path waits for it (DeferredObserver), so the host's main need not.
                ManagerStart.begin(options, instrumentation,
                        new StartOutcome(instrumentation, transformer, bridge, errors, observer), observer);
                instrumentation.addTransformer(transformer, true);
                try {
                    instrumentation.retransformClasses(Class.forName("java.nio.file.Files"), File.class);
                } catch (Throwable t) {
                    gaveUp = true;
                    disable(instrumentation, transformer, bridge);
                    log.error("tempguard: could not instrument java.nio.file.Files/java.io.File ({}); agent disabled",
                            t.toString(), t);
                    return;
                }
                // The test switch's class is loaded only when the switch is set (PROPERTY is a constant).
                HostEvents events = System.getProperty(FaultInjectingHostEvents.PROPERTY) == null
                        ? new HostEvents(observer, errors) : FaultInjectingHostEvents.choose(observer, errors);
                bridge.getField(BridgeContract.EVENTS).set(null, events.events());
                bridge.getField(BridgeContract.MOVES).set(null, events.moves());
                // Off: the hook stays null and every File.deleteOnExit request goes to the JDK as it would.
                if (options.adoptDeleteOnExit()) {
                    bridge.getField(BridgeContract.DELETE_ON_EXIT_REQUESTS).set(null, events.deleteOnExitRequests());
                }
                if (!selfTest(events)) {
                    gaveUp = true;
                    disable(instrumentation, transformer, bridge);
                    log.error("tempguard: instrumentation self-test failed (the delete hook did not fire; missing hooks: "
                            + "Files {}, File {}); agent disabled", transformer.missingHooks("java/nio/file/Files"),
                            transformer.missingHooks("java/io/File"));
                    return;
                }
                instrumentCapture(instrumentation, errors);
                for (String className : transformer.classNames()) reportMissing(transformer, className);
                bridge.getField(BridgeContract.INSTALLED_BY).set(null, TempFileManager.version());
                // Lets `tempguard-console jvms` and `attach` see, through the Attach API, that the agent is in.
                System.setProperty(TempGuardProperties.AGENT_VERSION, TempFileManager.version());
                log.info("tempguard {} active{}: {}", TempFileManager.version(),
                        attachedAtRuntime ? " (attached at run time)" : "", options);
            } catch (Throwable t) {
                // Half installed (a reflective step failed): take it out, so the manager that starts
                // later is closed at once; install() logs why.
                if (!gaveUp) {
                    gaveUp = true;
                    disable(instrumentation, transformer, bridge);
                }
                throw t;
            }
        }
    }

    /** Applies the start thread's outcome, once the installation on premain's thread is done. */
    private final class StartOutcome implements ManagerStart.Outcome {
        private final Instrumentation instrumentation;
        private final JdkTransformer transformer;
        private final Class<?> bridge;
        private final ErrorReporter errors;
        private final DeferredObserver observer;

        StartOutcome(Instrumentation instrumentation, JdkTransformer transformer, Class<?> bridge, ErrorReporter errors,
                     DeferredObserver observer) {
            this.instrumentation = instrumentation;
            this.transformer = transformer;
            this.bridge = bridge;
            this.errors = errors;
            this.observer = observer;
        }

        @Override
        public void started(TempFileManager manager) {
            synchronized (Installer.this) {
                if (gaveUp) {
                    observer.failed();
                    manager.close();
                    return;
                }
                try {
                    HostObserver started = AgentSpi.observer(manager);
                    errors.countIn(started);
                    started.countAgentErrorsFrom(escapedFailures(bridge));
                    observer.started(started);
                } catch (Throwable t) {
                    manager.close();
                    failed(t);
                }
            }
        }

        @Override
        public void failed(Throwable cause) {
            synchronized (Installer.this) {
                try {
                    if (gaveUp || startFailed) return;
                    startFailed = true;
                    disable(instrumentation, transformer, bridge);
                    try {
                        bridge.getField(BridgeContract.INSTALLED_BY).set(null, null);
                        System.clearProperty(TempGuardProperties.AGENT_VERSION);
                    } catch (Throwable ignored) {
                        // the field exists (set by run); the property is the agent's own
                    }
                    log.error("tempguard: the manager could not start ({}); agent disabled", cause.toString(), cause);
                } finally {
                    // Only now: a host call released earlier could let the host exit before the line is out.
                    observer.failed();
                }
            }
        }
    }

    /**
     * The bridge's count of throwables that escaped a hook, read each time the statistics are, so
     * that they show in {@code AgentErrorCount} (the bridge itself cannot log or reach the manager).
     */
    private static LongSupplier escapedFailures(Class<?> bridge) throws ReflectiveOperationException {
        Object counter = bridge.getField(BridgeContract.ESCAPED_FAILURES).get(null);
        if (!(counter instanceof AtomicLong)) return null; // not this agent's bridge: nothing to add
        AtomicLong escaped = (AtomicLong) counter;
        return new LongSupplier() {
            @Override
            public long getAsLong() {
                return escaped.get();
            }
        };
    }

    /** Deletes a path that does not exist and checks that the bridge reported it. */
    private static boolean selfTest(HostEvents events) throws Exception {
        Path probe = TempFileManagerConfig.defaultTempDirectory()
                .resolve(".tempguard-selftest-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        events.expectSelfTestProbe(probe);
        Files.deleteIfExists(probe);
        return events.selfTestSeen();
    }

    /**
     * The classes through which the other creation APIs funnel (capture rules, uncaptured listing).
     * Without them tempguard still does all the rest, so a failure here only costs capture.
     */
    private void instrumentCapture(Instrumentation instrumentation, ErrorReporter errors) {
        try {
            instrumentation.retransformClasses(java.io.FileOutputStream.class, java.io.RandomAccessFile.class,
                    Class.forName(JdkInstrumentations.UNIX_PROVIDER.replace('/', '.')),
                    Class.forName(JdkInstrumentations.TEMP_FILE_HELPER.replace('/', '.'), false, null));
        } catch (Throwable t) {
            errors.report("instrumenting the capture classes (capture rules are off)", t);
        }
    }

    private void reportMissing(JdkTransformer transformer, String className) {
        Set<String> missing = transformer.missingHooks(className);
        if (!missing.isEmpty()) {
            log.warn("tempguard: this JDK's {} lacks {}; those calls are not intercepted",
                    className.replace('/', '.'), missing);
        }
    }

    private static void disable(Instrumentation instrumentation, JdkTransformer transformer, Class<?> bridge) {
        try {
            bridge.getField(BridgeContract.EVENTS).set(null, null);
            bridge.getField(BridgeContract.MOVES).set(null, null);
            bridge.getField(BridgeContract.DELETE_ON_EXIT_REQUESTS).set(null, null);
        } catch (ReflectiveOperationException ignored) {
            // the fields exist: we set them above
        }
        instrumentation.removeTransformer(transformer);
        try {
            instrumentation.retransformClasses(Class.forName("java.nio.file.Files"), File.class); // back to the original
        } catch (Throwable ignored) {
            // the hooks are null: whatever stays instrumented does nothing
        }
    }
}
