package io.tempguard.agent.internal;

import io.tempguard.internal.spi.HostObserver;

import java.nio.file.Path;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * For the fail-open tests only: every creation the host makes (and every File.deleteOnExit
 * request) fails inside tempguard, so a test
 * can see that the host's call still returns normally and that the fault is counted in
 * {@code AgentErrorCount}. Used only when the system property {@value #PROPERTY} is set at start;
 * otherwise it is never loaded, and the call site in {@link HostEvents} stays monomorphic, so
 * production hosts pay nothing for it.
 * <ul>
 *   <li>{@code true}: the fault happens inside the observation, as an internal error would; the
 *       agent's own handler counts it and logs it once.</li>
 *   <li>{@code escape}: the fault is thrown out of the hook itself, past the agent's handler, as if
 *       that handler had failed; only the bridge's last line of defence catches and counts it.</li>
 *   <li>{@code escape-capture}: the same for every capture event (mkdir, FileOutputStream, channel
 *       opens, ...) instead of the temp-file creations.</li>
 *   <li>{@code start}: the manager itself fails to start ({@link ManagerStart}); these host events
 *       are the real ones.</li>
 * </ul>
 */
final class FaultInjectingHostEvents extends HostEvents {
    static final String PROPERTY = "tempguard.test.injectFault";

    private final boolean pastTheHandler;
    private final boolean capture;

    private FaultInjectingHostEvents(HostObserver observer, ErrorReporter errors, boolean pastTheHandler,
                                     boolean capture) {
        super(observer, errors);
        this.pastTheHandler = pastTheHandler;
        this.capture = capture;
    }

    /** The host events the switch's value asks for: these, or the real ones for any other value. */
    static HostEvents choose(HostObserver observer, ErrorReporter errors) {
        String mode = System.getProperty(PROPERTY);
        if ("true".equalsIgnoreCase(mode)) return new FaultInjectingHostEvents(observer, errors, false, false);
        if ("escape".equalsIgnoreCase(mode)) return new FaultInjectingHostEvents(observer, errors, true, false);
        if ("escape-capture".equalsIgnoreCase(mode)) return new FaultInjectingHostEvents(observer, errors, true, true);
        return new HostEvents(observer, errors);
    }

    @Override
    void observeCreated(Path path) {
        throw new IllegalStateException("fault injected by -D" + PROPERTY + "=true");
    }

    @Override
    boolean observeDeleteOnExit(Path path) {
        throw new IllegalStateException("fault injected by -D" + PROPERTY + "=true");
    }

    @Override
    Predicate<Object> deleteOnExitRequests() {
        if (!pastTheHandler) return super.deleteOnExitRequests();
        return new Predicate<Object>() {
            @Override
            public boolean test(Object path) {
                throw new IllegalStateException("fault injected by -D" + PROPERTY + "=escape");
            }
        };
    }

    @Override
    ObjIntConsumer<Object> events() {
        if (!pastTheHandler) return super.events();
        ObjIntConsumer<Object> real = super.events();
        String mode = capture ? "escape-capture" : "escape";
        return new ObjIntConsumer<Object>() {
            @Override
            public void accept(Object target, int event) {
                boolean captureEvent = event >= BridgeContract.CAPTURE_FILE_CREATED
                        && event <= BridgeContract.TEMP_CREATION_END;
                // Deletes always work (the install self-test must pass); the other kind of event too.
                if (event == BridgeContract.DELETED || captureEvent != capture) {
                    real.accept(target, event);
                } else {
                    throw new IllegalStateException("fault injected by -D" + PROPERTY + "=" + mode);
                }
            }
        };
    }
}
