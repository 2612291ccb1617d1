package io.tempguard.agent.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract between the agent and {@code java.io.TempGuardBridge}, declared once. The bridge is
 * compiled on its own against java.base (it lives in {@code java.io} and may use JDK types only),
 * so it cannot import this class; {@code BridgeContractTest} reads the compiled bridge and fails
 * the build when its fields, methods, descriptors or constants disagree with what is written here,
 * or when the instrumentation emits a bridge call the bridge does not have.
 *
 * <p>Every member used at run time is a compile-time constant, which javac copies into its users:
 * the contract costs the host's start no class loading at all. The maps at the end are for the test.
 */
public final class BridgeContract {
    /** The bridge's binary name, and its internal (slashed) form for bytecode. */
    public static final String CLASS_NAME = "java.io.TempGuardBridge";
    public static final String INTERNAL_NAME = "java/io/TempGuardBridge";

    // ---- event codes passed to the events hook (the bridge's public static final int constants)

    public static final int FILE_CREATED = 1;
    public static final int DIRECTORY_CREATED = 2;
    public static final int DELETED = 3;
    // capture (issue 11): creations through the other creation APIs
    public static final int CAPTURE_FILE_CREATED = 11;
    public static final int CAPTURE_DIRECTORY_CREATED = 12;
    public static final int CAPTURE_MAY_CREATE = 13;
    public static final int CAPTURE_MAY_HAVE_CREATED_FILE = 14;
    public static final int CAPTURE_MAY_HAVE_CREATED = 15;
    public static final int TEMP_CREATION_BEGIN = 16;
    public static final int TEMP_CREATION_END = 17;

    // ---- the bridge's fields (public static), set or read by the agent through reflection

    /** {@code volatile ObjIntConsumer<Object>}: (path or File, event code). */
    public static final String EVENTS = "events";
    public static final String EVENTS_TYPE = "Ljava/util/function/ObjIntConsumer;";
    /** {@code volatile BiConsumer<Object, Object>}: (source, target) of a successful move or rename. */
    public static final String MOVES = "moves";
    public static final String MOVES_TYPE = "Ljava/util/function/BiConsumer;";
    /** {@code volatile Predicate<Object>}: (path string) of File.deleteOnExit; true if tempguard took it over. */
    public static final String DELETE_ON_EXIT_REQUESTS = "deleteOnExitRequests";
    public static final String DELETE_ON_EXIT_REQUESTS_TYPE = "Ljava/util/function/Predicate;";
    /** {@code volatile String}: the version of the agent that installed the hooks; non-null means "already loaded". */
    public static final String INSTALLED_BY = "installedBy";
    public static final String INSTALLED_BY_TYPE = "Ljava/lang/String;";
    /** {@code final AtomicLong}: throwables that escaped a hook, counted by the bridge (part of AgentErrorCount). */
    public static final String ESCAPED_FAILURES = "escapedFailures";
    public static final String ESCAPED_FAILURES_TYPE = "Ljava/util/concurrent/atomic/AtomicLong;";

    // ---- the bridge's public static methods, called by the instrumented JDK code

    public static final String CREATED = "created";
    public static final String CREATED_DESCRIPTOR = "(Ljava/lang/Object;I)V";
    public static final String DELETED_PATH = "deleted";
    public static final String DELETED_PATH_DESCRIPTOR = "(Ljava/lang/Object;)V";
    public static final String FILE_DELETED = "fileDeleted";
    public static final String FILE_DELETED_DESCRIPTOR = "(ZLjava/lang/Object;)V";
    public static final String MOVED = "moved";
    public static final String MOVED_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    public static final String RENAMED = "renamed";
    public static final String RENAMED_DESCRIPTOR = "(ZLjava/lang/Object;Ljava/lang/Object;)V";
    /** Replaces File.deleteOnExit's call of {@code DeleteOnExitHook.add(String)}, same descriptor. */
    public static final String DELETE_ON_EXIT = "deleteOnExit";
    public static final String DELETE_ON_EXIT_DESCRIPTOR = "(Ljava/lang/String;)V";
    // capture
    public static final String CREATED_BY = "createdBy";
    public static final String CREATED_BY_DESCRIPTOR = "(ZLjava/lang/Object;I)V";
    public static final String MAY_CREATE = "mayCreate";
    public static final String MAY_CREATE_DESCRIPTOR = "(Ljava/lang/Object;)V";
    public static final String MAY_HAVE_CREATED = "mayHaveCreated";
    public static final String MAY_HAVE_CREATED_DESCRIPTOR = "(Ljava/lang/Object;I)V";
    public static final String RANDOM_ACCESS_OPENING = "randomAccessOpening";
    public static final String RANDOM_ACCESS_OPENED = "randomAccessOpened";
    public static final String RANDOM_ACCESS_DESCRIPTOR = "(Ljava/lang/Object;I)V";
    public static final String CHANNEL_OPENING = "channelOpening";
    public static final String CHANNEL_OPENED = "channelOpened";
    public static final String CHANNEL_DESCRIPTOR = "(Ljava/lang/Object;Ljava/lang/Object;)V";

    /** Every public field of the bridge, name to type descriptor (the event codes included). */
    static Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String code : eventCodes().keySet()) m.put(code, "I");
        m.put(EVENTS, EVENTS_TYPE);
        m.put(MOVES, MOVES_TYPE);
        m.put(DELETE_ON_EXIT_REQUESTS, DELETE_ON_EXIT_REQUESTS_TYPE);
        m.put(INSTALLED_BY, INSTALLED_BY_TYPE);
        m.put(ESCAPED_FAILURES, ESCAPED_FAILURES_TYPE);
        return m;
    }

    /** The event codes, by the name of the bridge constant that holds each. */
    static Map<String, Integer> eventCodes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("FILE_CREATED", FILE_CREATED);
        m.put("DIRECTORY_CREATED", DIRECTORY_CREATED);
        m.put("DELETED", DELETED);
        m.put("CAPTURE_FILE_CREATED", CAPTURE_FILE_CREATED);
        m.put("CAPTURE_DIRECTORY_CREATED", CAPTURE_DIRECTORY_CREATED);
        m.put("CAPTURE_MAY_CREATE", CAPTURE_MAY_CREATE);
        m.put("CAPTURE_MAY_HAVE_CREATED_FILE", CAPTURE_MAY_HAVE_CREATED_FILE);
        m.put("CAPTURE_MAY_HAVE_CREATED", CAPTURE_MAY_HAVE_CREATED);
        m.put("TEMP_CREATION_BEGIN", TEMP_CREATION_BEGIN);
        m.put("TEMP_CREATION_END", TEMP_CREATION_END);
        return m;
    }

    /** Every public method of the bridge, name to method descriptor. */
    static Map<String, String> methods() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CREATED, CREATED_DESCRIPTOR);
        m.put(DELETED_PATH, DELETED_PATH_DESCRIPTOR);
        m.put(FILE_DELETED, FILE_DELETED_DESCRIPTOR);
        m.put(MOVED, MOVED_DESCRIPTOR);
        m.put(RENAMED, RENAMED_DESCRIPTOR);
        m.put(DELETE_ON_EXIT, DELETE_ON_EXIT_DESCRIPTOR);
        m.put(CREATED_BY, CREATED_BY_DESCRIPTOR);
        m.put(MAY_CREATE, MAY_CREATE_DESCRIPTOR);
        m.put(MAY_HAVE_CREATED, MAY_HAVE_CREATED_DESCRIPTOR);
        m.put(RANDOM_ACCESS_OPENING, RANDOM_ACCESS_DESCRIPTOR);
        m.put(RANDOM_ACCESS_OPENED, RANDOM_ACCESS_DESCRIPTOR);
        m.put(CHANNEL_OPENING, CHANNEL_DESCRIPTOR);
        m.put(CHANNEL_OPENED, CHANNEL_DESCRIPTOR);
        return m;
    }

    private BridgeContract() {
    }
}
