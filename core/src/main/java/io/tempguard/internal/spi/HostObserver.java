package io.tempguard.internal.spi;

import io.tempguard.PathKind;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * What the host did, as the agent saw it: the one interface through which the agent feeds a
 * manager. For the tempguard agent, not for applications (applications use
 * {@link io.tempguard.TempFileManager}). Obtain it with {@link AgentSpi#observer}.
 *
 * <p>Every method is called on the host's threads, inside the host's {@code Files}/{@code File}
 * calls: each is quick (at most an {@code lstat}, and a {@code realpath} of a directory that is
 * not a root itself), and none throws for a path it does not manage. Features that watch the host (capture, forensics) add methods here,
 * not to the public facade.
 */
public interface HostObserver {
    /**
     * The host created {@code path} (a {@code createTempFile}/{@code createTempDirectory} returned
     * it). Tracks it if the library's own rule manages it; otherwise only counts it as unmanaged.
     *
     * @return true if the path is tracked now
     */
    boolean observeCreated(Path path);

    /** The host deleted {@code path} itself: stop tracking it. Returns true if it was tracked. */
    boolean observeDeleted(Path path);

    /**
     * The host moved {@code source} to {@code target}: the source name is gone, and whatever was
     * tracked under the target name was replaced. Neither is tracked afterwards, so a file moved
     * into its final place is never deleted by tempguard.
     */
    void observeMoved(Path source, Path target);

    /**
     * The host called {@code File.deleteOnExit} on {@code path}. Inside a root the path is temporary
     * by the host's own word: if it exists it is tracked (file or directory, as on disk), journaled
     * and marked for deletion at exit even when shutdown cleanup is off, and true is returned: the
     * caller then keeps it off the JDK's never-shrinking list. A path that does not exist yet is
     * remembered and tracked as soon as it exists; false is returned, so the JDK keeps its request
     * too. Outside every root, or when the manager can no longer delete at exit: false, the JDK's.
     *
     * @return true if tempguard took the request over (leave it off the JDK's list)
     */
    boolean observeDeleteOnExit(Path path);

    /** True when nothing is tracked: lets hot paths (the delete interception) return at once. */
    boolean isEmpty();

    /** Counts a fault the agent swallowed (shown as {@code AgentErrorCount}). */
    void recordAgentError();

    /**
     * Adds a fault count kept elsewhere (the bridge's count of throwables that escaped a hook) to
     * {@code AgentErrorCount}; read each time the statistics are. Replaces an earlier one.
     */
    void countAgentErrorsFrom(LongSupplier faults);

    // ---- capture: paths the host creates with the other creation APIs (mkdirs, FileOutputStream, ...)

    /**
     * The first check of every capture interception: may {@code path} (as the host spelled it,
     * absolute or relative) lie inside a root? String comparisons only: no I/O, no allocation.
     * False once the manager closed.
     */
    boolean isCaptureCandidate(String path);

    /**
     * The host is about to call something that may or may not create {@code path}: one
     * {@code lstat}. Returns true if nothing is there now, so that a successful call created it.
     */
    boolean observeMayCreate(Path path);

    /**
     * The host's call created {@code path} (absent before, or a call that only succeeds by
     * creating). Tracks it when it is inside a root and a capture rule matches it; otherwise
     * records it as uncaptured (never deleted). A path inside a tracked directory is neither:
     * it goes with that directory. {@code kind} null: read from disk.
     */
    void observeCreatedBy(Path path, PathKind kind);
}
