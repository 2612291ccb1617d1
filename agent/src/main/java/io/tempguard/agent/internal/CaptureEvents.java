package io.tempguard.agent.internal;

import io.tempguard.PathKind;
import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;

import java.io.File;
import java.nio.file.Path;

/**
 * The capture events: creations through {@code mkdir}, {@code createNewFile}, {@code FileOutputStream},
 * {@code RandomAccessFile}, the NIO channel opens, {@code createDirectory} and {@code copy}.
 *
 * <p>Cost, on the host's thread: first a string check of the path against the roots (no I/O, no
 * allocation: the name as the host passed it, a {@code File}'s path field, or a {@code Path}'s
 * string, which the JDK's channel code computes and caches anyway); only a path that may lie inside
 * a root goes further. A call that may or may not create (an open with CREATE, a copy) pays one
 * {@code lstat} before it runs, remembered per thread for the exit of that same call (matched by
 * the identity of the path object, so an exception between the two, which skips the exit, leaves
 * nothing wrong behind).
 */
final class CaptureEvents {
    /** What the entry of a "may create" call found, for its exit. One per thread, reused. */
    private static final class Pending {
        Object target;
        boolean absentBefore;
        /** The path a createTemp* of this thread is creating now: its exit hook reports it, capture does not. */
        Object tempCreation;
    }

    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<Pending>() {
        @Override
        protected Pending initialValue() {
            return new Pending();
        }
    };

    private final HostObserver observer;
    private final ErrorReporter errors;

    CaptureEvents(HostObserver observer, ErrorReporter errors) {
        this.observer = observer;
        this.errors = errors;
    }

    void onEvent(Object target, int event) {
        if (!observer.isCaptureCandidate(pathString(target))) return; // outside every root: done, nothing allocated
        if (AgentSpi.inOwnOperation()) return; // tempguard's own journal and cleanup I/O
        AgentSpi.enterOwnOperation();
        try {
            switch (event) {
                case BridgeContract.TEMP_CREATION_BEGIN:
                    PENDING.get().tempCreation = target;
                    break;
                case BridgeContract.TEMP_CREATION_END:
                    PENDING.get().tempCreation = null;
                    break;
                case BridgeContract.CAPTURE_FILE_CREATED:
                case BridgeContract.CAPTURE_DIRECTORY_CREATED: {
                    // Inside an outer "may create" call of the same path (Files.copy from a stream replacing
                    // a file): that call's exit decides, knowing whether the path was there before. Inside a
                    // createTemp* of it: a temp file, which the createTemp* exit tracks.
                    Pending p = PENDING.get();
                    if (p.target == target || p.tempCreation == target) break;
                    observer.observeCreatedBy(HostEvents.toPath(target),
                            event == BridgeContract.CAPTURE_FILE_CREATED ? PathKind.FILE : PathKind.DIRECTORY);
                    break;
                }
                case BridgeContract.CAPTURE_MAY_CREATE: {
                    Pending p = PENDING.get();
                    p.absentBefore = observer.observeMayCreate(HostEvents.toPath(target));
                    p.target = target;
                    break;
                }
                case BridgeContract.CAPTURE_MAY_HAVE_CREATED_FILE:
                case BridgeContract.CAPTURE_MAY_HAVE_CREATED: {
                    Pending p = PENDING.get();
                    if (p.target != target) break; // no entry seen for this call: cannot tell, capture nothing
                    p.target = null;
                    if (p.absentBefore) {
                        observer.observeCreatedBy(HostEvents.toPath(target),
                                event == BridgeContract.CAPTURE_MAY_HAVE_CREATED_FILE ? PathKind.FILE : null);
                    }
                    break;
                }
                default:
                    break;
            }
        } catch (Throwable t) {
            errors.report("capture interception", t);
        } finally {
            AgentSpi.exitOwnOperation();
        }
    }

    /** The path as a string without allocating (a Path's string is cached by the JDK's UnixPath). */
    private static String pathString(Object o) {
        if (o instanceof String) return (String) o;
        if (o instanceof File) return ((File) o).getPath();
        return o == null ? null : o.toString();
    }
}
