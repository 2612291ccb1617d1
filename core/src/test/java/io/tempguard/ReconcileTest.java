package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** reconcile(): explicit and periodic. */
class ReconcileTest extends ManagerPerTest {

    @Test
    void reconcileDropsPathsDeletedBehindTheManagersBack() throws Exception {
        Path gone = manager.createTempFile(root, "gone-", ".bin");
        Path goneDir = manager.createTempDirectory(root, "gone-dir-");
        Path kept = writeBytes(manager.createTempFile(root, "kept-", ".bin"), 0);
        Files.delete(gone);
        Files.delete(goneDir);

        assertEquals(2, manager.reconcile());

        assertFalse(manager.isTracked(gone));
        assertFalse(manager.isTracked(goneDir));
        assertTrue(manager.isTracked(kept));
        TempFileStats s = manager.stats();
        assertEquals(1, s.trackedFiles());
        assertEquals(0, s.trackedDirectories());
        assertEquals(2, s.releasedTotal());
        TestManagers.assertInvariant(s);
        assertEquals(0, manager.reconcile(), "nothing more to drop");
    }

    @Test
    void reconcileDropsAPathWhoseNameNowBelongsToAnotherFile() throws Exception {
        Path tracked = manager.createTempFile(root, "t-", ".bin");
        Path replacement = writeBytes(root.resolve("replacement"), 9);
        Files.move(replacement, tracked, StandardCopyOption.REPLACE_EXISTING);

        assertEquals(1, manager.reconcile());
        assertFalse(manager.isTracked(tracked));
        manager.cleanupAll();

        assertEquals(9, Files.size(tracked), "the new file is not the manager's to delete");
        assertEquals(1, manager.stats().releasedTotal());
        assertEquals(0, manager.stats().skippedCount());
    }

    @Test
    void reconcileRefreshesFileSizes() throws Exception {
        Path grows = writeBytes(root.resolve("grows.bin"), 10);
        Path shrinks = writeBytes(root.resolve("shrinks.bin"), 500);
        manager.register(grows);
        manager.register(shrinks);
        assertEquals(510, manager.stats().trackedBytes());
        Files.write(grows, new byte[90], StandardOpenOption.APPEND);
        writeBytes(shrinks, 20);

        assertEquals(0, manager.reconcile());

        assertEquals(120, manager.stats().trackedBytes());
        assertEquals(100, TestManagers.tracked(manager, grows).orElseThrow().sizeBytes());
        assertEquals(20, TestManagers.tracked(manager, shrinks).orElseThrow().sizeBytes());
        assertEquals(2, manager.stats().trackedFiles());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void periodicReconcileDropsADeletedPathByItself() throws Exception {
        try (TempFileManager periodic = TempFileManager.create(
                TestManagers.config(root).reconcileInterval(Duration.ofMillis(200)).build())) {
            Path f = periodic.createTempFile(root, "f-", ".bin");
            Path kept = periodic.createTempFile(root, "kept-", ".bin");
            Files.delete(f);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (periodic.isTracked(f)) {
                if (System.nanoTime() > deadline) fail("the periodic reconcile did not drop " + f + " within 10 s");
                Thread.sleep(20);
            }

            assertTrue(periodic.isTracked(kept));
            assertEquals(1, periodic.stats().releasedTotal());
            assertEquals(1, periodic.stats().trackedFiles());
        }
    }
}
