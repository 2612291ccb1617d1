package io.tempguard.agent.internal;

import io.tempguard.TempFileManager;
import io.tempguard.internal.OwnOperations;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * Receives what the instrumented JDK methods report through {@code java.io.TempGuardBridge} and
 * turns it into calls on the global {@link TempFileManager}.
 *
 * <p>Runs on the host's threads, inside the host's {@code Files}/{@code File} calls: it catches
 * every Throwable, and it marks the thread as "tempguard at work" while it runs so that file
 * operations tempguard itself triggers are not fed back into it (no recursion).
 */
class HostEvents {
    // Named classes, not method references: the first lambda a JVM links costs tens of
    // milliseconds, and these are created while the host is starting.
    /** Bridge event codes (see java.io.TempGuardBridge). */
    static final int FILE_CREATED = 1;
    static final int DIRECTORY_CREATED = 2;
    static final int DELETED = 3;

    private final TempFileManager manager;
    private final ErrorReporter errors;
    /** A path the install self-test deletes; seeing it proves the instrumentation fires. */
    private volatile Path selfTestProbe;
    private volatile boolean selfTestSeen;

    HostEvents(TempFileManager manager, ErrorReporter errors) {
        this.manager = manager;
        this.errors = errors;
    }

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

    void expectSelfTestProbe(Path probe) {
        selfTestSeen = false;
        selfTestProbe = probe;
    }

    boolean selfTestSeen() {
        selfTestProbe = null;
        return selfTestSeen;
    }

    private void onEvent(Object target, int event) {
        if (OwnOperations.active()) return;
        OwnOperations.enter();
        try {
            switch (event) {
                case FILE_CREATED:
                case DIRECTORY_CREATED:
                    observeCreated(toPath(target));
                    break;
                case DELETED:
                    Path probe = selfTestProbe;
                    if (probe != null && probe.equals(toPath(target))) selfTestSeen = true;
                    // Most deletes in a host are not of tracked paths: skip even the Path conversion when nothing is tracked.
                    if (!manager.isEmpty()) manager.observeDeleted(toPath(target));
                    break;
                default:
                    break;
            }
        } catch (Throwable t) {
            errors.report(event == DELETED ? "delete interception" : "create interception", t);
        } finally {
            OwnOperations.exit();
        }
    }

    /** Hands a creation to the manager; overridden only by {@link FaultInjectingHostEvents}. */
    void observeCreated(Path path) {
        manager.observeCreated(path);
    }

    private void onMoved(Object source, Object target) {
        if (OwnOperations.active() || manager.isEmpty()) return;
        OwnOperations.enter();
        try {
            manager.observeMoved(toPath(source), toPath(target));
        } catch (Throwable t) {
            errors.report("move interception", t);
        } finally {
            OwnOperations.exit();
        }
    }

    private static Path toPath(Object o) {
        if (o instanceof Path) return (Path) o;
        if (o instanceof File) return ((File) o).toPath();
        return Paths.get(o.toString());
    }
}
