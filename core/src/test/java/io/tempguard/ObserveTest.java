package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.tempguard.TestManagers.host;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the agent feeds in: observeCreated, observeDeleted, observeMoved. */
class ObserveTest extends ManagerPerTest {

    @Test
    void observeCreatedTracksAPathInsideTheRootsOnceWithItsKind() throws Exception {
        Path f = writeBytes(root.resolve("seen.bin"), 12);
        Path d = Files.createDirectory(root.resolve("seen-dir"));

        assertTrue(host(manager).observeCreated(f));
        assertTrue(host(manager).observeCreated(f), "already tracked: still tracked");
        assertTrue(host(manager).observeCreated(d));

        assertEquals(PathKind.FILE, TestManagers.kindOf(manager, f));
        assertEquals(PathKind.DIRECTORY, TestManagers.kindOf(manager, d));
        TempFileStats s = manager.stats();
        assertEquals(2, s.createdTotal());
        assertEquals(12, s.trackedBytes());
        assertEquals(0, s.unmanagedCreatedTotal());
    }

    @Test
    void observeCreatedOutsideTheRootsOnlyCountsItAsUnmanaged(@TempDir Path outside) throws Exception {
        Path foreign = writeBytes(outside.resolve("foreign.bin"), 3);

        assertFalse(host(manager).observeCreated(foreign));
        assertFalse(host(manager).observeCreated(root), "the root itself is never tracked");
        manager.cleanupAll();

        assertFalse(manager.isTracked(foreign));
        assertTrue(Files.exists(foreign));
        TempFileStats s = manager.stats();
        assertEquals(2, s.unmanagedCreatedTotal());
        assertEquals(0, s.createdTotal());
    }

    @Test
    void observeCreatedOfAPathAlreadyGoneTracksAndCountsNothing() {
        assertFalse(host(manager).observeCreated(root.resolve("vanished")));
        TempFileStats s = manager.stats();
        assertEquals(0, s.createdTotal());
        assertEquals(0, s.unmanagedCreatedTotal());
    }

    @Test
    void observeDeletedStopsTrackingAndCountsAsReleased() throws Exception {
        Path f = manager.createTempFile(root, "f-", ".bin");
        Files.delete(f);

        assertTrue(host(manager).observeDeleted(f));
        assertFalse(host(manager).observeDeleted(f));
        assertFalse(host(manager).observeDeleted(root.resolve("never-tracked")));

        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(1, s.releasedTotal());
        TestManagers.assertInvariant(s);
    }

    @Test
    void aFileMovedToItsFinalPlaceIsNoLongerTrackedSoCleanupNeverDeletesIt() throws Exception {
        Path tmp = writeBytes(manager.createTempFile(root, "download-", ".part"), 1_000);
        Path fin = root.resolve("download.bin");
        Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);

        host(manager).observeMoved(tmp, fin);
        CleanupResult r = manager.cleanupAll();

        assertFalse(manager.isTracked(tmp));
        assertFalse(manager.isTracked(fin));
        assertEquals(0, r.deletedCount());
        assertEquals(1_000, Files.size(fin));
        assertEquals(1, manager.stats().releasedTotal());
    }

    @Test
    void movingOverATrackedTargetReleasesBothNames() throws Exception {
        Path source = writeBytes(manager.createTempFile(root, "new-", ".tmp"), 8);
        Path target = writeBytes(manager.createTempFile(root, "config-", ".txt"), 4);
        Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);

        host(manager).observeMoved(source, target);
        manager.cleanupAll();

        assertEquals(8, Files.size(target));
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(2, s.releasedTotal());
        assertEquals(0, s.deletedTotal());
        TestManagers.assertInvariant(s);
    }

    @Test
    void afterCloseObserveCallsAreIgnored(@TempDir Path outside) throws Exception {
        Path f = Files.createFile(root.resolve("late"));
        manager.close();

        assertFalse(host(manager).observeCreated(f));
        assertFalse(host(manager).observeCreated(outside.resolve("x")));
        assertEquals(0, manager.stats().createdTotal());
        assertEquals(0, manager.stats().unmanagedCreatedTotal());
    }

    @Test
    void agentErrorCountAddsTheFaultsCountedOutsideTheManagerReadAfreshEachTime() {
        AtomicLong escapedFromTheBridge = new AtomicLong(3);
        host(manager).recordAgentError();
        host(manager).countAgentErrorsFrom(escapedFromTheBridge::get);
        assertEquals(4, manager.stats().agentErrorCount());

        escapedFromTheBridge.incrementAndGet();
        assertEquals(5, manager.stats().agentErrorCount(), "the outside count is read at each stats()");
    }

    @Test
    void theObserverIsTheSameObjectEachTimeAndBelongsToItsManager() {
        try (TempFileManager other = TestManagers.create(root)) {
            assertSame(host(manager), host(manager));
            host(other).recordAgentError();
            assertEquals(0, manager.stats().agentErrorCount(), "another manager's fault");
            assertEquals(1, other.stats().agentErrorCount());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRegistryThatSeesTwoHundredThousandPathsCreatedAndDeletedEndsEmpty() throws Exception {
        int n = 200_000;
        // Every path is a real, distinct directory entry: a hard link to one file, made and removed.
        Path base = Files.createFile(root.resolve("base"));
        Path dir = Files.createDirectory(root.resolve("churn"));
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("t" + i);
            Files.createLink(p, base);
            if (!host(manager).observeCreated(p)) throw new AssertionError("not tracked: " + p);
            Files.delete(p);
            if (!host(manager).observeDeleted(p)) throw new AssertionError("not released: " + p);
        }

        TempFileStats s = manager.stats();
        assertEquals(n, s.createdTotal());
        assertEquals(n, s.releasedTotal());
        assertEquals(0, s.trackedCount());
        assertEquals(0, s.trackedBytes());
        assertEquals(Duration.ZERO, s.oldestTrackedAge());
        assertEquals(List.of(), manager.listTracked(Integer.MAX_VALUE), "the age index is empty too");
        assertFalse(manager.isTracked(dir.resolve("t0")));
        assertFalse(manager.isTracked(dir.resolve("t" + (n - 1))));
        assertEquals(List.of(), TestManagers.contents(dir));
    }
}
