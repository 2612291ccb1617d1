package io.tempguard.agent.internal;

import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * Receives what the instrumented JDK methods report through {@code java.io.TempGuardBridge} and
 * turns it into calls on the global manager's {@link HostObserver}.
 *
 * <p>Runs on the host's threads, inside the host's {@code Files}/{@code File} calls: it catches
 * every Throwable, and it marks the thread as "tempguard at work" while it runs so that file
 * operations tempguard itself triggers are not fed back into it (no recursion).
 */
class HostEvents {
    private final HostObserver observer;
    private final ErrorReporter errors;
    /** A path the install self-test deletes; seeing it proves the instrumentation fires. */
    private volatile Path selfTestProbe;
    private volatile boolean selfTestSeen;

    private final CaptureEvents capture;

    HostEvents(HostObserver observer, ErrorReporter errors) {
        this.observer = observer;
        this.errors = errors;
        this.capture = new CaptureEvents(observer, errors);
    }

    // Named classes, not method references: the first lambda a JVM links costs tens of
    // milliseconds, and these are created while the host is starting.

    /** The hook for creations and deletions. */
    ObjIntConsumer<Object> events() {
        return new ObjIntConsumer<Object>() {
            @Override
            public void accept(Object target, int event) {
                onEvent(target, event);
            }
        };
    }

    /** The hook for moves and renames. */
    BiConsumer<Object, Object> moves() {
        return new BiConsumer<Object, Object>() {
            @Override
            public void accept(Object source, Object target) {
                onMoved(source, target);
            }
        };
    }

    /** The hook for File.deleteOnExit: true if tempguard took the request over. */
    Predicate<Object> deleteOnExitRequests() {
        return new Predicate<Object>() {
            @Override
            public boolean test(Object path) {
                return onDeleteOnExit(path);
            }
        };
    }

    void expectSelfTestProbe(Path probe) {
        selfTestSeen = false;
        selfTestProbe = probe;
    }

    boolean selfTestSeen() {
        selfTestProbe = null;
        return selfTestSeen;
    }

    private void onEvent(Object target, int event) {
        if (event >= BridgeContract.CAPTURE_FILE_CREATED && event <= BridgeContract.TEMP_CREATION_END) {
            capture.onEvent(target, event);
            return;
        }
        if (AgentSpi.inOwnOperation()) return;
        AgentSpi.enterOwnOperation();
        try {
            switch (event) {
                case BridgeContract.FILE_CREATED:
                case BridgeContract.DIRECTORY_CREATED:
                    observeCreated(toPath(target));
                    break;
                case BridgeContract.DELETED:
                    Path probe = selfTestProbe;
                    if (probe != null && probe.equals(toPath(target))) selfTestSeen = true;
                    // Most deletes in a host are not of tracked paths: skip even the Path conversion when nothing is tracked.
                    if (!observer.isEmpty()) observer.observeDeleted(toPath(target));
                    break;
                default:
                    break;
            }
        } catch (Throwable t) {
            errors.report(event == BridgeContract.DELETED ? "delete interception" : "create interception", t);
        } finally {
            AgentSpi.exitOwnOperation();
        }
    }

    /** Hands a creation to the observer; overridden only by {@link FaultInjectingHostEvents}. */
    void observeCreated(Path path) {
        observer.observeCreated(path);
    }

    private void onMoved(Object source, Object target) {
        if (AgentSpi.inOwnOperation() || observer.isEmpty()) return;
        AgentSpi.enterOwnOperation();
        try {
            observer.observeMoved(toPath(source), toPath(target));
        } catch (Throwable t) {
            errors.report("move interception", t);
        } finally {
            AgentSpi.exitOwnOperation();
        }
    }

    /** False (the JDK keeps the request) on any fault, and for tempguard's own calls. */
    private boolean onDeleteOnExit(Object path) {
        if (AgentSpi.inOwnOperation()) return false;
        AgentSpi.enterOwnOperation();
        try {
            return observeDeleteOnExit(toPath(path));
        } catch (Throwable t) {
            errors.report("deleteOnExit interception", t);
            return false;
        } finally {
            AgentSpi.exitOwnOperation();
        }
    }

    /** Hands a deleteOnExit request to the observer; overridden only by {@link FaultInjectingHostEvents}. */
    boolean observeDeleteOnExit(Path path) {
        return observer.observeDeleteOnExit(path);
    }

    static Path toPath(Object o) {
        if (o instanceof Path) return (Path) o;
        if (o instanceof File) return ((File) o).toPath();
        return Paths.get(o.toString());
    }
}
