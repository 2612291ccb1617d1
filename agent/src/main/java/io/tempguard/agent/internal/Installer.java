package io.tempguard.agent.internal;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.TempGuardProperties;
import io.tempguard.agent.internal.instrument.JdkInstrumentations;
import io.tempguard.agent.internal.instrument.JdkTransformer;
import io.tempguard.agent.internal.instrument.TypeInstrumentation;
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
 * Installs the agent: parse the options, define the bridge in java.base, start the global
 * {@link TempFileManager}, rewrite {@code Files} and {@code File}, prove with a self-test that the
 * hooks fire, and only then declare the agent installed. Any step that fails leaves the host as it
 * was, with one line on stderr saying why.
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
        TempFileManagerConfig config = options.managerConfig().toBuilder()
                .shutdownHooksToAwait(HostShutdownHooks.find(instrumentation))
                .build();
        // The manager (registry, journal writer, maintenance thread) starts on a thread of its own
        // while this one rewrites Files and File: the two are the bulk of the agent's start-up
        // (about 40 and 60 ms on JDK 17, measured with -Xlog:class+load) and share nothing until
        // the hooks are switched on below. The hooks stay off (null) until then, as before.
        ManagerStart managerStart = ManagerStart.begin(config);
        JdkTransformer transformer = new JdkTransformer(errors);
        instrumentation.addTransformer(transformer, true);
        Class<?> files = Class.forName("java.nio.file.Files");
        Throwable retransformFailure = null;
        try {
            instrumentation.retransformClasses(files, File.class);
        } catch (Throwable t) {
            retransformFailure = t;
        }
        TempFileManager manager = managerStart.await();
        if (retransformFailure != null) {
            disable(instrumentation, transformer, bridge, manager);
            log.error("tempguard: could not instrument java.nio.file.Files/java.io.File ({}); agent disabled",
                    retransformFailure.toString(), retransformFailure);
            return;
        }
        HostObserver observer = AgentSpi.observer(manager);
        errors.countIn(observer);
        observer.countAgentErrorsFrom(escapedFailures(bridge));
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
            disable(instrumentation, transformer, bridge, manager);
            log.error("tempguard: instrumentation self-test failed (the delete hook did not fire; missing hooks: Files {}, "
                    + "File {}); agent disabled", transformer.missingHooks("java/nio/file/Files"),
                    transformer.missingHooks("java/io/File"));
            return;
        }
        instrumentCapture(instrumentation, errors);
        for (TypeInstrumentation i : JdkInstrumentations.all()) reportMissing(transformer, i.internalName());
        bridge.getField(BridgeContract.INSTALLED_BY).set(null, TempFileManager.version());
        // Lets `tempguard-console jvms` and `attach` see, through the Attach API, that the agent is in.
        System.setProperty(TempGuardProperties.AGENT_VERSION, TempFileManager.version());
        log.info("tempguard {} active{}: {}", TempFileManager.version(),
                attachedAtRuntime ? " (attached at run time)" : "", options);
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

    private static void disable(Instrumentation instrumentation, JdkTransformer transformer, Class<?> bridge,
                                TempFileManager manager) {
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
        manager.close();
    }
}
