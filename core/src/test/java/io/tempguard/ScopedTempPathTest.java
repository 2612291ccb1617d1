package io.tempguard;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.tempguard.TestManagers.contents;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ScopedTempPath: try-with-resources deletes the path, recursively and safely. */
class ScopedTempPathTest extends ManagerPerTest {

    @Test
    void closingAScopedDirectoryDeletesItRecursively() throws Exception {
        Path dir;
        Path trackedInner;
        Path trackedInnerDir;
        try (ScopedTempPath job = manager.newTempDirectory(root, "job-")) {
            dir = job.path();
            assertEquals(PathKind.DIRECTORY, job.kind());
            assertTrue(manager.isTracked(dir));
            Path a = Files.createDirectories(dir.resolve("a").resolve("b").resolve("c"));
            writeBytes(dir.resolve("top.txt"), 10);
            writeBytes(a.resolve("deep.txt"), 20);
            Files.createDirectories(dir.resolve("empty"));
            trackedInner = manager.createTempFile(a.getParent(), "inner-", ".bin");
            trackedInnerDir = manager.createTempDirectory(dir, "inner-dir-");
            writeBytes(trackedInnerDir.resolve("x"), 30);
        }

        assertFalse(Files.exists(dir));
        assertEquals(List.of(), contents(root));
        assertFalse(manager.isTracked(trackedInner));
        assertFalse(manager.isTracked(trackedInnerDir));
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(3, s.deletedTotal(), "the scoped directory and the two tracked paths inside it");
        TestManagers.assertInvariant(s);
    }

    @Test
    void deleteReportsWhatWasDeletedAndTheBytesFreed() throws Exception {
        ScopedTempPath job = manager.newTempDirectory(root, "job-");
        writeBytes(job.path().resolve("one"), 100);
        writeBytes(Files.createDirectory(job.path().resolve("sub")).resolve("two"), 23);

        CleanupResult r = job.delete();

        assertFalse(r.isDryRun());
        assertEquals(1, r.deletedCount());
        assertEquals(List.of(job.path()), r.deleted());
        assertEquals(123, r.bytesFreed());
        assertEquals(0, r.failureCount());
        assertFalse(Files.exists(job.path()));
    }

    @Test
    void closingAScopedFileDeletesIt() throws Exception {
        Path f;
        try (ScopedTempPath t = manager.newTempFile(root, "spill-", ".bin")) {
            f = t.path();
            assertEquals(PathKind.FILE, t.kind());
            writeBytes(f, 77);
        }
        assertFalse(Files.exists(f));
        assertEquals(1, manager.stats().deletedTotal());
    }

    @Test
    void closingTwiceIsHarmlessAndNeverTouchesANewPathOfTheSameName() throws Exception {
        ScopedTempPath job = manager.newTempDirectory(root, "job-");
        job.close();
        assertFalse(Files.exists(job.path()));

        // Someone else makes a directory under the same name: a second close must leave it alone.
        Files.createDirectory(job.path());
        assertDoesNotThrow(job::close);
        CleanupResult again = job.delete();

        assertEquals(0, again.deletedCount());
        assertTrue(Files.isDirectory(job.path()));
        assertEquals(1, manager.stats().deletedTotal());
        assertTrue(job.toString().contains("closed"), job.toString());
    }

    @Test
    void closingAHandleWhosePathTheHostAlreadyDeletedIsHarmless() throws Exception {
        ScopedTempPath t = manager.newTempFile(root, "gone-", ".bin");
        Files.delete(t.path());

        CleanupResult r = t.delete();

        assertEquals(0, r.deletedCount());
        assertEquals(1, r.alreadyGoneCount());
        assertEquals(0, r.failureCount());
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(1, s.releasedTotal());
    }

    @Test
    void aHandleWhoseDeletionFailsDoesNotThrowAndLeavesThePathTracked() throws Exception {
        ScopedTempPath job = manager.newTempDirectory(root, "job-");
        Path locked = Files.createDirectory(job.path().resolve("locked"));
        Path stuck = writeBytes(locked.resolve("stuck.bin"), 5);
        writeBytes(job.path().resolve("free.bin"), 9);

        try (Undeletable u = Undeletable.protect(stuck)) {
            CleanupResult r = assertDoesNotThrow(job::delete);
            assertDoesNotThrow(job::close);

            assertEquals(1, r.failureCount());
            assertEquals(job.path(), r.failures().get(0).path());
            assertTrue(Files.exists(u.file()));
            assertFalse(Files.exists(job.path().resolve("free.bin")), "what could be deleted was deleted");
            assertTrue(manager.isTracked(job.path()));
            assertEquals(1, manager.stats().cleanupFailureCount());
        }

        CleanupResult later = manager.cleanupAll();
        assertEquals(List.of(job.path()), later.deleted());
        assertFalse(Files.exists(job.path()));
    }
}
