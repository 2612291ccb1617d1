package io.tempguard.agent.internal;

import io.tempguard.PathKind;
import io.tempguard.internal.spi.AgentSpi;
import io.tempguard.internal.spi.HostObserver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the manager starts after premain returned: a host call that would track a path waits for
 * it and then reaches it, deletes and moves never wait (nothing can be tracked yet), a manager
 * that fails or does not come in time lets the waiting calls go on untracked, and the start thread
 * never waits for itself.
 */
class DeferredObserverTest {
    private static final Path PATH = Paths.get("/tmp/root/t-1.tmp");

    /** The started manager's observer: records what reached it; tracks and answers yes to everything. */
    private static final class StartedObserver implements HostObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override public boolean observeCreated(Path path) { calls.add("created " + path); return true; }
        @Override public boolean observeDeleted(Path path) { calls.add("deleted " + path); return true; }
        @Override public void observeMoved(Path source, Path target) { calls.add("moved " + source); }
        @Override public boolean observeDeleteOnExit(Path path) { calls.add("deleteOnExit " + path); return true; }
        @Override public boolean isEmpty() { return false; }
        @Override public void recordAgentError() { calls.add("error"); }
        @Override public void countAgentErrorsFrom(LongSupplier faults) { }
        @Override public boolean isCaptureCandidate(String path) { calls.add("candidate " + path); return true; }
        @Override public boolean observeMayCreate(Path path) { calls.add("mayCreate " + path); return true; }
        @Override public void observeCreatedBy(Path path, PathKind kind) { calls.add("createdBy " + path); }
    }

    private final ExecutorService host = Executors.newSingleThreadExecutor();

    @Test
    void aCreationWhileTheManagerStartsWaitsForItAndReachesIt() throws Exception {
        DeferredObserver observer = new DeferredObserver(60_000);
        StartedObserver manager = new StartedObserver();
        Future<Boolean> created = host.submit(() -> observer.observeCreated(PATH));
        Future<Boolean> adopted = host.submit(() -> observer.observeDeleteOnExit(PATH));
        assertThrows(TimeoutException.class, () -> created.get(300, TimeUnit.MILLISECONDS), "returned before the manager was up");
        assertEquals(List.of(), manager.calls);

        observer.started(manager);
        assertTrue(created.get(10, TimeUnit.SECONDS));
        assertTrue(adopted.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("created " + PATH, "deleteOnExit " + PATH), manager.calls);
        host.shutdown();
    }

    @Test
    void deletesAndMovesDoNotWaitAndFindNothingTrackedBeforeTheStart() {
        DeferredObserver observer = new DeferredObserver(60_000);
        assertTrue(observer.isEmpty());
        assertFalse(observer.observeDeleted(PATH));
        observer.observeMoved(PATH, PATH.resolveSibling("t-2.tmp"));
        observer.recordAgentError(); // only logged before the start: no manager to count it in

        StartedObserver manager = new StartedObserver();
        observer.started(manager);
        assertFalse(observer.isEmpty());
        assertTrue(observer.observeDeleted(PATH));
        assertEquals(List.of("deleted " + PATH), manager.calls);
    }

    @Test
    void aManagerThatFailsReleasesTheWaitingCallsUntracked() throws Exception {
        DeferredObserver observer = new DeferredObserver(60_000);
        Future<Boolean> created = host.submit(() -> observer.observeCreated(PATH));
        Future<Boolean> mayCreate = host.submit(() -> observer.observeMayCreate(PATH));
        assertThrows(TimeoutException.class, () -> created.get(200, TimeUnit.MILLISECONDS));
        observer.failed();
        assertFalse(created.get(10, TimeUnit.SECONDS));
        assertFalse(mayCreate.get(10, TimeUnit.SECONDS));
        assertFalse(observer.observeCreated(PATH), "after the failure a call does not wait either");
        host.shutdown();
    }

    @Test
    void aManagerThatDoesNotComeInTimeLetsTheCallGoOnUntrackedAndALaterCallReachesIt() {
        DeferredObserver observer = new DeferredObserver(200);
        long start = System.nanoTime();
        assertFalse(observer.observeCreated(PATH));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "did not wait for the manager");

        StartedObserver manager = new StartedObserver();
        observer.started(manager);
        assertTrue(observer.observeCreated(PATH));
        assertEquals(List.of("created " + PATH), manager.calls);
    }

    @Test
    void theStartThreadNeverWaitsForItself() {
        DeferredObserver observer = new DeferredObserver(10_000);
        observer.startingOn(Thread.currentThread());
        long start = System.nanoTime();
        assertFalse(observer.observeCreated(PATH));
        assertFalse(observer.observeDeleteOnExit(PATH));
        assertFalse(observer.observeMayCreate(PATH));
        observer.observeCreatedBy(PATH, PathKind.FILE);
        assertReturnedAtOnce(start); // waiting would end only at the 10 s deadline, with the same answers
    }

    private static void assertReturnedAtOnce(long startNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        assertTrue(millis < 5_000, "waited " + millis + " ms for a manager it must not wait for");
    }

    @Test
    void tempguardsOwnFileOperationsAreNoCaptureCandidatesWhileTheManagerStarts() {
        DeferredObserver observer = new DeferredObserver(10_000);
        AgentSpi.enterOwnOperation();
        try {
            long start = System.nanoTime();
            assertFalse(observer.isCaptureCandidate(PATH.toString()));
            assertReturnedAtOnce(start);
        } finally {
            AgentSpi.exitOwnOperation();
        }
        StartedObserver manager = new StartedObserver();
        observer.started(manager);
        assertTrue(observer.isCaptureCandidate(PATH.toString()));
    }

    @Test
    void anInterruptDoesNotEndTheWaitAndIsKeptForTheHost() throws Exception {
        DeferredObserver observer = new DeferredObserver(60_000);
        StartedObserver manager = new StartedObserver();
        Future<Boolean[]> created = host.submit(() -> {
            Thread.currentThread().interrupt();
            boolean tracked = observer.observeCreated(PATH);
            return new Boolean[] {tracked, Thread.interrupted()};
        });
        assertThrows(TimeoutException.class, () -> created.get(300, TimeUnit.MILLISECONDS), "the interrupt ended the wait");
        observer.started(manager);
        Boolean[] result = created.get(10, TimeUnit.SECONDS);
        assertTrue(result[0], "not tracked");
        assertTrue(result[1], "the host's interrupt was lost");
        host.shutdown();
    }

    @Test
    void aWaitingCallIsBoundedByItsDeadlineWhateverInterruptsIt() throws Exception {
        DeferredObserver observer = new DeferredObserver(500);
        Thread self = Thread.currentThread();
        AtomicBoolean stop = new AtomicBoolean();
        Thread interrupter = new Thread(() -> {
            for (int i = 0; i < 20 && !stop.get(); i++) {
                self.interrupt();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        });
        long start = System.nanoTime();
        interrupter.start();
        assertFalse(observer.observeCreated(PATH));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        stop.set(true);
        while (interrupter.isAlive()) LockSupport.parkNanos(1_000_000);
        Thread.interrupted(); // the interrupter's last one, not the test runner's business
        assertTrue(waitedMillis >= 500 && waitedMillis < 1300,
                "waited " + waitedMillis + " ms, deadline 500 ms (a wait restarted by each interrupt takes 1.5 s)");
    }
}
