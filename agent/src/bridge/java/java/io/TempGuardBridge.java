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

import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

public final class TempGuardBridge {
    /** Event codes for {@link #events}. */
    public static final int FILE_CREATED = 1;
    public static final int DIRECTORY_CREATED = 2;
    public static final int DELETED = 3;
    // Capture: creations through the other APIs (mkdir, FileOutputStream, channels, copy).
    /** The call created this file (it only succeeds by creating). */
    public static final int CAPTURE_FILE_CREATED = 11;
    /** The call created this directory. */
    public static final int CAPTURE_DIRECTORY_CREATED = 12;
    /** Before a call that may or may not create the path. */
    public static final int CAPTURE_MAY_CREATE = 13;
    /** After that call succeeded: a file, if the path was absent before. */
    public static final int CAPTURE_MAY_HAVE_CREATED_FILE = 14;
    /** After that call succeeded: a file or directory (a copy), if the path was absent before. */
    public static final int CAPTURE_MAY_HAVE_CREATED = 15;
    /** A createTempFile/createTempDirectory is about to create this path: the capture hooks beneath stay quiet. */
    public static final int TEMP_CREATION_BEGIN = 16;
    /** That creation returned. */
    public static final int TEMP_CREATION_END = 17;

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

    // ---- capture

    /** After File.mkdir or File.createNewFile returned {@code created}. */
    public static void createdBy(boolean created, Object path, int event) {
        if (created) created(path, event);
    }

    /** Before a call that may create {@code path} (FileOutputStream.open, a copy). */
    public static void mayCreate(Object path) {
        created(path, CAPTURE_MAY_CREATE);
    }

    /** After that call returned normally. */
    public static void mayHaveCreated(Object path, int event) {
        created(path, event);
    }

    /** Before RandomAccessFile.open(name, mode): only a write mode may create. */
    public static void randomAccessOpening(Object name, int mode) {
        if ((mode & RANDOM_ACCESS_RW) != 0) created(name, CAPTURE_MAY_CREATE);
    }

    /** After RandomAccessFile.open(name, mode) returned normally. */
    public static void randomAccessOpened(Object name, int mode) {
        if ((mode & RANDOM_ACCESS_RW) != 0) created(name, CAPTURE_MAY_HAVE_CREATED_FILE);
    }

    /** RandomAccessFile's private O_RDWR bit (the same on JDK 11 to 25). */
    private static final int RANDOM_ACCESS_RW = 2;

    /** Before a file system provider opens a channel to {@code path} with {@code options}. */
    public static void channelOpening(Object path, Object options) {
        if (events != null && creation(options) == CREATE) created(path, CAPTURE_MAY_CREATE);
    }

    /** After that open returned normally. */
    public static void channelOpened(Object path, Object options) {
        if (events == null) return;
        int creation = creation(options);
        if (creation == CREATE_NEW) created(path, CAPTURE_FILE_CREATED);
        else if (creation == CREATE) created(path, CAPTURE_MAY_HAVE_CREATED_FILE);
    }

    private static final int NO_CREATE = 0;
    private static final int CREATE = 1;
    private static final int CREATE_NEW = 2;

    /** What an open with {@code options} does to an absent path: the JDK ignores CREATE* without WRITE/APPEND. */
    private static int creation(Object options) {
        try {
            if (!(options instanceof Set)) return NO_CREATE;
            Set<?> o = (Set<?>) options;
            if (!o.contains(StandardOpenOption.WRITE) && !o.contains(StandardOpenOption.APPEND)) return NO_CREATE;
            // Gone again when the channel closes: nothing to capture.
            if (o.contains(StandardOpenOption.DELETE_ON_CLOSE)) return NO_CREATE;
            if (o.contains(StandardOpenOption.CREATE_NEW)) return CREATE_NEW;
            return o.contains(StandardOpenOption.CREATE) ? CREATE : NO_CREATE;
        } catch (Throwable t) {
            countEscaped(); // a host Set whose contains throws: capture nothing
            return NO_CREATE;
        }
    }
}
