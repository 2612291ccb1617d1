package io.tempguard.agent.internal;

import io.tempguard.PathKind;
import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The manager's {@link HostObserver}, standing in for it while the manager starts on its own thread
 * after {@code premain} has returned. The hooks are live from the start, so no temp file the host
 * creates goes unseen:
 * <ul>
 *   <li>a call that may track something (a creation, a {@code deleteOnExit}, a capture) waits for
 *       the manager, as every such call did when {@code premain} itself waited for it; so the
 *       path is tracked and journaled before the host's call returns;</li>
 *   <li>a delete or a move does not wait: before the manager is up nothing can be tracked;</li>
 *   <li>if the manager cannot start, or has not started within {@link #START_WAIT_SECONDS}, the
 *       waiting calls go on untracked (fail open), and the first such timeout is logged.</li>
 * </ul>
 * The manager's own start thread never waits for itself: its file operations are tempguard's.
 */
final class DeferredObserver implements HostObserver {
    private static final Logger LOG = AgentSpi.logger(DeferredObserver.class);
    /** How long a host call waits for a manager that is still starting (it takes well under a second). */
    static final long START_WAIT_SECONDS = 10;

    private final long waitMillis;
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile HostObserver started;
    private volatile Thread starter;
    private volatile boolean timeoutLogged;

    DeferredObserver() {
        this(TimeUnit.SECONDS.toMillis(START_WAIT_SECONDS));
    }

    /** Waits at most {@code waitMillis} for the manager (tests use short waits). */
    DeferredObserver(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** The thread that starts the manager: it must never wait for itself. */
    void startingOn(Thread thread) {
        this.starter = thread;
    }

    /** The manager started: from now on every call goes straight to {@code observer}. */
    void started(HostObserver observer) {
        this.started = observer;
        settled.countDown();
    }

    /** The manager will not start: waiting calls go on untracked. */
    void failed() {
        settled.countDown();
    }

    /** The started manager's observer, waiting for it if it is still starting; null if there is none. */
    private HostObserver awaitStarted() {
        HostObserver o = started;
        if (o != null || Thread.currentThread() == starter) return o;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long left = deadline - System.nanoTime();
                    if (!settled.await(Math.max(0, left), TimeUnit.NANOSECONDS) && !timeoutLogged) {
                        timeoutLogged = true;
                        LOG.warn("tempguard: the manager has not started within {} ms; this call of the host is not "
                                + "tracked (later ones are, once it has)", waitMillis);
                    }
                    return started;
                } catch (InterruptedException e) {
                    // The host's interrupt is for the host's own code: keep waiting (until the same
                    // deadline), then set the flag again.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean observeCreated(Path path) {
        HostObserver o = awaitStarted();
        return o != null && o.observeCreated(path);
    }

    @Override
    public boolean observeDeleted(Path path) {
        HostObserver o = started;
        return o != null && o.observeDeleted(path);
    }

    @Override
    public void observeMoved(Path source, Path target) {
        HostObserver o = started;
        if (o != null) o.observeMoved(source, target);
    }

    @Override
    public boolean observeDeleteOnExit(Path path) {
        HostObserver o = awaitStarted();
        return o != null && o.observeDeleteOnExit(path);
    }

    @Override
    public boolean isEmpty() {
        HostObserver o = started;
        return o == null || o.isEmpty();
    }

    @Override
    public void recordAgentError() {
        HostObserver o = started;
        if (o != null) o.recordAgentError();
    }

    @Override
    public void countAgentErrorsFrom(LongSupplier faults) {
        HostObserver o = started;
        if (o != null) o.countAgentErrorsFrom(faults);
    }

    /**
     * Called before the capture interception's own-operation check: tempguard's own threads (the
     * journal's opens) answer false at once while the manager starts, instead of waiting for it.
     */
    @Override
    public boolean isCaptureCandidate(String path) {
        HostObserver o = started;
        if (o != null) return o.isCaptureCandidate(path);
        if (AgentSpi.inOwnOperation()) return false;
        o = awaitStarted();
        return o != null && o.isCaptureCandidate(path);
    }

    @Override
    public boolean observeMayCreate(Path path) {
        HostObserver o = awaitStarted();
        return o != null && o.observeMayCreate(path);
    }

    @Override
    public void observeCreatedBy(Path path, PathKind kind) {
        HostObserver o = awaitStarted();
        if (o != null) o.observeCreatedBy(path, kind);
    }
}
