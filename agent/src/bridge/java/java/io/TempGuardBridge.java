/*
 * The only tempguard class the instrumented JDK code calls. It is defined at run time inside
 * java.base (package java.io, bootstrap class loader) through a private lookup, so no jar is
 * appended to the boot class path (which would make HotSpot print a class-sharing warning).
 *
 * Rules for this class: JDK types only; no state except the hooks and one fault counter; every
 * call swallows every Throwable of the hook it calls, because it runs inside the host's Files/File
 * calls and must never change what they return or throw.
 *
 * Its names, descriptors and constants are declared once for the agent in
 * io.tempguard.agent.internal.BridgeContract; BridgeContractTest checks this compiled class
 * against it, so a change here that the agent does not know of fails the build.
 */
package java.io;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

public final class TempGuardBridge {
    /** Event codes for {@link #events}. */
    public static final int FILE_CREATED = 1;
    public static final int DIRECTORY_CREATED = 2;
    public static final int DELETED = 3;

    /** (path or File, event code): creations and deletions the host made. Null until the agent is ready. */
    public static volatile ObjIntConsumer<Object> events;
    /** (source, target) of a successful move or rename. */
    public static volatile BiConsumer<Object, Object> moves;
    /**
     * (path string) of a File.deleteOnExit call: true if tempguard took the request over, so the
     * JDK's never-shrinking list need not hold it. Null (the option is off, the agent not ready):
     * every request goes to the JDK.
     */
    public static volatile Predicate<Object> deleteOnExitRequests;
    /** The version of the agent that installed the hooks; non-null means "already loaded". */
    public static volatile String installedBy;
    /**
     * Throwables that escaped a hook (the hooks catch their own; this is the last line of defence).
     * The agent adds it to AgentErrorCount; atomic because hooks run on any of the host's threads.
     */
    public static final AtomicLong escapedFailures = new AtomicLong();

    private TempGuardBridge() {
    }

    /** After a createTempFile/createTempDirectory returned {@code path}. */
    public static void created(Object path, int kind) {
        ObjIntConsumer<Object> hook = events;
        if (hook == null) return;
        try {
            hook.accept(path, kind);
        } catch (Throwable t) {
            countEscaped();
        }
    }

    /** After Files.delete or Files.deleteIfExists returned: {@code path} no longer exists. */
    public static void deleted(Object path) {
        ObjIntConsumer<Object> hook = events;
        if (hook == null) return;
        try {
            hook.accept(path, DELETED);
        } catch (Throwable t) {
            countEscaped();
        }
    }

    /** After File.delete returned {@code deleted}. */
    public static void fileDeleted(boolean deleted, Object file) {
        if (deleted) deleted(file);
    }

    /** After Files.move returned: {@code source} now lives at {@code target}. */
    public static void moved(Object source, Object target) {
        BiConsumer<Object, Object> hook = moves;
        if (hook == null) return;
        try {
            hook.accept(source, target);
        } catch (Throwable t) {
            countEscaped();
        }
    }

    private static void countEscaped() {
        try {
            escapedFailures.incrementAndGet();
        } catch (Throwable ignored) {
            // even counting failed (a stack overflow): the host's call still must not see it
        }
    }

    /** After File.renameTo returned {@code renamed}. */
    public static void renamed(boolean renamed, Object source, Object target) {
        if (renamed) moved(source, target);
    }

    /**
     * Stands in for {@code DeleteOnExitHook.add(path)} inside File.deleteOnExit, after the JDK's own
     * checks: the request reaches the JDK's list unless tempguard took it over. A fault in the hook
     * leaves the request to the JDK, so it is never lost; the JDK's own exceptions (a shutdown in
     * progress) reach the host unchanged.
     */
    public static void deleteOnExit(String path) {
        Predicate<Object> hook = deleteOnExitRequests;
        boolean taken = false;
        if (hook != null) {
            try {
                taken = hook.test(path);
            } catch (Throwable t) {
                countEscaped();
            }
        }
        if (!taken) DeleteOnExitHook.add(path);
    }
}
