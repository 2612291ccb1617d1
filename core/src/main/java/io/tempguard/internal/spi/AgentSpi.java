package io.tempguard.internal.spi;

import io.tempguard.TempFileManager;
import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.log.Logs;
import org.slf4j.Logger;

import java.util.function.Function;

/**
 * Everything the tempguard agent takes from core besides the public API, in one place. For the
 * agent, not for applications: nothing here is a supported API, and it changes with the agent.
 *
 * <p>The agent creates the global manager with the public
 * {@link TempFileManager#installGlobal} and then asks here for the {@link HostObserver} it feeds.
 * The manager hands its observer over through {@link Access}, an accessor it registers when its
 * class initialises (the JDK's "shared secrets" pattern): so the facade needs no public method
 * that only the agent may call.
 */
public final class AgentSpi {
    /** Implemented once, by {@link TempFileManager}; not for anyone else. */
    public interface Access {
        HostObserver observer(TempFileManager manager);
    }

    private static volatile Access access;

    /** The observer of {@code manager}: what the agent calls when the host creates, deletes or moves. */
    public static HostObserver observer(TempFileManager manager) {
        // Holding a manager means TempFileManager is initialised, so its accessor is registered.
        return access.observer(manager);
    }

    /** Called by {@link TempFileManager}'s static initialiser, once; a second call is refused. */
    public static void grant(Access manager) {
        synchronized (AgentSpi.class) {
            if (access != null) throw new IllegalStateException("the TempFileManager accessor is registered already");
            access = manager;
        }
    }

    // ------------------------------------------------------------------ logging

    /** A logger from tempguard's logger source (the agent's own, once {@link #useLoggers} ran). */
    public static Logger logger(Class<?> type) {
        return Logs.get(type);
    }

    /** Makes every tempguard class log through {@code factory}; must run before any tempguard class logs. */
    public static void useLoggers(Function<String, Logger> factory) {
        Logs.useFactory(factory);
    }

    // ------------------------------------------------------------------ no recursion

    /**
     * True while the current thread is doing tempguard's own file work (or already inside an
     * observation): the file operations the agent sees then are tempguard's and must not be fed back.
     */
    public static boolean inOwnOperation() {
        return OwnOperations.active();
    }

    /** Marks the current thread as doing tempguard's work; pair with {@link #exitOwnOperation()} in a finally. */
    public static void enterOwnOperation() {
        OwnOperations.enter();
    }

    public static void exitOwnOperation() {
        OwnOperations.exit();
    }

    private AgentSpi() {
    }
}
