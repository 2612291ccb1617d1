package io.tempguard;

import io.tempguard.internal.spi.DeleteOnExitAdoption;
import io.tempguard.internal.spi.HostObservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.tempguard.TestManagers.host;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 section 1, in process: what {@code HostObserver.observeDeleteOnExit} takes over and
 * what it leaves to the JDK. (The deletion at exit, the sweep after SIGKILL and the JDK's list are
 * covered with real JVMs and the real agent in the e2e DeleteOnExitAdoptionTest.)
 */
class DeleteOnExitAdoptionTest extends ManagerPerTest {

    private DeleteOnExitAdoption adoption() {
        return ((HostObservations) host(manager)).deleteOnExitAdoption();
    }

    @Test
    void anExistingFileOrDirectoryInsideARootIsTrackedAsOnDiskAndTakenOverOnce() throws Exception {
        Path f = writeBytes(root.resolve("lib.so"), 7);
        Path d = Files.createDirectory(root.resolve("work"));
        Files.write(d.resolve("inside.txt"), new byte[3]);

        assertTrue(host(manager).observeDeleteOnExit(f), "taken over: the caller leaves it off the JDK's list");
        assertTrue(host(manager).observeDeleteOnExit(d));
        assertTrue(host(manager).observeDeleteOnExit(f), "asked twice: still taken over");

        assertEquals(PathKind.FILE, TestManagers.kindOf(manager, f));
        assertEquals(PathKind.DIRECTORY, TestManagers.kindOf(manager, d));
        assertEquals(2, manager.stats().adoptedDeleteOnExitTotal(), "each path counted once");
        assertEquals(2, manager.stats().createdTotal());
        assertEquals(0, adoption().pendingCount());
    }

    @Test
    void anAlreadyTrackedPathIsTakenOverWithoutBeingTrackedTwice() throws Exception {
        Path f = manager.createTempFile(root, "t-", ".tmp");
        assertTrue(host(manager).observeDeleteOnExit(f));
        assertEquals(1, manager.stats().createdTotal());
        assertEquals(1, manager.stats().adoptedDeleteOnExitTotal());
    }

    @Test
    void aPathOutsideEveryRootIsLeftToTheJdk(@TempDir Path outside) throws Exception {
        Path foreign = writeBytes(outside.resolve("foreign.so"), 3);
        assertFalse(host(manager).observeDeleteOnExit(foreign));
        assertFalse(host(manager).observeDeleteOnExit(outside.resolve("not-yet")));
        assertFalse(manager.isTracked(foreign));
        assertEquals(0, adoption().pendingCount(), "nothing outside the roots is remembered");
        assertEquals(0, manager.stats().adoptedDeleteOnExitTotal());
    }

    @Test
    void aPathThatDoesNotExistYetStaysWithTheJdkAndIsTrackedOnceItExists() throws Exception {
        Path later = root.resolve("written-later.bin");
        assertFalse(host(manager).observeDeleteOnExit(later), "not there: the JDK keeps the request");
        assertEquals(1, adoption().pendingCount());
        assertEquals(0, adoption().checkPending(100), "still missing: stays pending");
        assertEquals(1, adoption().pendingCount());

        writeBytes(later, 5);
        assertEquals(1, adoption().checkPending(100));
        assertTrue(manager.isTracked(later));
        assertEquals(0, adoption().pendingCount());
        assertEquals(1, manager.stats().adoptedDeleteOnExitTotal());
    }

    @Test
    void aPendingPathIsAdoptedAtOnceWhenTheAgentSeesItCreated() throws Exception {
        Path later = root.resolve("created.tmp");
        assertFalse(host(manager).observeDeleteOnExit(later));
        writeBytes(later, 1);
        assertTrue(host(manager).observeCreated(later));
        assertEquals(0, adoption().pendingCount());
        assertEquals(1, manager.stats().adoptedDeleteOnExitTotal());
    }

    @Test
    void aTakenOverPathTheHostDeletesIsAdoptedAgainWhenItIsRecreated() throws Exception {
        Path lock = writeBytes(root.resolve("db.lck"), 0);
        assertTrue(host(manager).observeDeleteOnExit(lock));
        Files.delete(lock);
        host(manager).observeDeleted(lock);
        assertFalse(manager.isTracked(lock));
        assertEquals(1, adoption().pendingCount(), "the host asked for the name: the request outlives the file");

        writeBytes(lock, 2);
        assertEquals(1, adoption().checkPending(100));
        assertTrue(manager.isTracked(lock));
        assertEquals(2, manager.stats().adoptedDeleteOnExitTotal());
    }

    @Test
    void pendingPathsAreBoundedAndTheOldestDropped() {
        int over = 3;
        for (int i = 0; i < DeleteOnExitAdoption.MAX_PENDING + over; i++) {
            assertFalse(host(manager).observeDeleteOnExit(root.resolve("never-" + i)));
        }
        assertEquals(DeleteOnExitAdoption.MAX_PENDING, adoption().pendingCount());
        assertEquals(over, adoption().droppedPendingTotal());
    }

    @Test
    void aClosedManagerTakesNothingOver() throws Exception {
        Path f = writeBytes(root.resolve("late.so"), 1);
        manager.close();
        assertFalse(host(manager).observeDeleteOnExit(f));
        assertEquals(0, manager.stats().adoptedDeleteOnExitTotal());
    }
}
