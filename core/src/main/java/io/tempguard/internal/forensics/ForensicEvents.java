package io.tempguard.internal.forensics;

import io.tempguard.CleanupResult;
import io.tempguard.SweepResult;
import io.tempguard.internal.log.Logs;

import java.nio.file.Path;

/**
 * tempguard's JFR events ({@code io.tempguard.TempFileCreated}, {@code TempFileDeleted},
 * {@code Cleanup}, {@code Sweep}), published only while a recording enables them. When none does,
 * each call costs one check of a flag JFR itself maintains; no event object is allocated.
 *
 * <p>The {@code jdk.jfr} classes are touched only by {@code forensics.jfr.JfrEventSink}, loaded by
 * name after checking that the runtime has the module: on a jlinked runtime without
 * {@code jdk.jfr} the events are simply off (feature gating, not a caught {@code NoClassDefFoundError}
 * in the host's path). Who deleted a path: {@link #BY_HOST}, {@link #BY_CLEANUP}, {@link #BY_SWEEP}
 * or {@link #BY_REAPER} (the cleanup at JVM exit).
 */
public final class ForensicEvents {
    public static final String BY_HOST = "host";
    public static final String BY_CLEANUP = "cleanup";
    public static final String BY_SWEEP = "sweep";
    public static final String BY_REAPER = "reaper";

    /** Whether the runtime has the {@code jdk.jfr} module at all (a jlinked one may not). */
    private static final boolean JFR_PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();
    /** Null until the flight recorder has started; then the sink (or NONE if it cannot load). */
    private static volatile EventSink sink;

    /**
     * The sink, once a flight recorder runs. Before that each call costs one flag read and loads
     * no JFR class: the event classes load with the first call after a recording started.
     */
    private static EventSink sink() {
        EventSink s = sink;
        if (s != null) return s;
        if (!JFR_PRESENT) return sink = EventSink.NONE;
        try {
            if (!io.tempguard.internal.forensics.jfr.RecorderState.started()) return EventSink.NONE;
        } catch (LinkageError e) {
            return sink = EventSink.NONE;
        }
        synchronized (ForensicEvents.class) {
            if (sink == null) sink = load();
            return sink;
        }
    }

    private static EventSink load() {
        try {
            Class<?> type = Class.forName("io.tempguard.internal.forensics.jfr.JfrEventSink", true,
                    ForensicEvents.class.getClassLoader());
            return (EventSink) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Logs.get(ForensicEvents.class).debug("tempguard: JFR events are off: {}", e.toString());
            return EventSink.NONE;
        }
    }

    /** True when a recording wants creation events (check before gathering their fields). */
    public static boolean createdEnabled() {
        return sink().createdEnabled();
    }

    /** A tracked path was created; the event carries the creating thread's stack. */
    public static void created(Path path, String kind, Path root) {
        sink().created(path, kind, root);
    }

    /** A tracked (or, for a sweep, journalled) path was deleted, by whom. */
    public static void deleted(Path path, String by) {
        sink().deleted(path, by);
    }

    public static void cleanup(String label, CleanupResult result, long elapsedNanos) {
        sink().cleanup(label, result, elapsedNanos);
    }

    public static void sweep(SweepResult result, long elapsedNanos) {
        sink().sweep(result, elapsedNanos);
    }

    private ForensicEvents() {
    }
}
