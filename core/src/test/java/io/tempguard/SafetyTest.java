package io.tempguard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static io.tempguard.TestManagers.exists;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deletion never follows links, never leaves the root and never deletes a file that replaced a tracked one. */
class SafetyTest {
    @TempDir
    Path root;

    /** Outside every root: nothing here may ever be deleted. */
    @TempDir
    Path outside;

    private TempFileManager manager;

    @BeforeEach
    void open() {
        manager = TestManagers.create(root);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static Path write(Path file, String text) throws Exception {
        return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file);
    }

    @Test
    void symlinkInsideATrackedDirectoryToAFileOutsideRemovesOnlyTheLink() throws Exception {
        Path precious = write(outside.resolve("precious.txt"), "do not delete");
        Path dir = manager.createTempDirectory(root, "work-");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), precious);
        Path nestedLink = Files.createSymbolicLink(Files.createDirectory(dir.resolve("sub")).resolve("again"), precious);

        CleanupResult r = manager.cleanupAll();

        assertEquals(List.of(dir), r.deleted());
        assertFalse(exists(link));
        assertFalse(exists(nestedLink));
        assertFalse(exists(dir));
        assertEquals("do not delete", read(precious));
    }

    @Test
    void symlinkInsideATrackedDirectoryToADirectoryOutsideLeavesThatDirectoryAndItsContent() throws Exception {
        Path victim = Files.createDirectory(outside.resolve("victim"));
        Path inner = write(Files.createDirectory(victim.resolve("deep")).resolve("data.txt"), "keep me");
        Path dir = manager.createTempDirectory(root, "work-");
        Files.createSymbolicLink(dir.resolve("to-victim"), victim);

        CleanupResult r = manager.cleanupAll();

        assertEquals(0, r.failureCount());
        assertFalse(exists(dir));
        assertEquals("keep me", read(inner));
        assertEquals(List.of(victim.resolve("deep"), inner), TestManagers.contents(victim));
    }

    @Test
    void aTrackedFileReplacedByAnotherFileUnderTheSameNameIsSkippedNotDeleted() throws Exception {
        Path tracked = write(manager.createTempFile(root, "report-", ".txt"), "original");
        // Create the replacement first, then move it over: it is guaranteed another inode.
        Path replacement = write(root.resolve("replacement.tmp"), "the user's new file");
        Files.move(replacement, tracked, StandardCopyOption.REPLACE_EXISTING);

        CleanupResult r = assertDoesNotThrow(manager::cleanupAll);

        assertEquals(1, r.skippedCount());
        assertEquals(tracked, r.skipped().get(0).path());
        assertTrue(r.skipped().get(0).reason().contains("identity"), r.skipped().get(0).reason());
        assertEquals(0, r.deletedCount());
        assertEquals("the user's new file", read(tracked));
        assertFalse(manager.isTracked(tracked), "a skipped path is no longer tracked");
        TempFileStats s = manager.stats();
        assertEquals(1, s.skippedCount());
        TestManagers.assertInvariant(s);
    }

    @Test
    void aTrackedDirectoryReplacedByAnotherDirectoryIsSkipped() throws Exception {
        Path tracked = manager.createTempDirectory(root, "work-");
        Path other = Files.createDirectory(root.resolve("other"));
        Path content = write(other.resolve("content.txt"), "new owner");
        Files.delete(tracked);
        Files.move(other, tracked);

        CleanupResult r = manager.cleanupAll();

        assertEquals(1, r.skippedCount());
        assertEquals("new owner", read(tracked.resolve("content.txt")));
        assertFalse(exists(content));
    }

    @Test
    void aTrackedDirectoryReplacedByASymlinkToAnOutsideDirectoryDeletesNothingBehindTheLink() throws Exception {
        Path victim = Files.createDirectory(outside.resolve("victim"));
        Path inner = write(victim.resolve("data.txt"), "keep me");
        Path tracked = manager.createTempDirectory(root, "work-");
        write(tracked.resolve("mine.txt"), "mine");
        Path trackedInside = manager.createTempFile(tracked, "inner-", ".bin");
        write(victim.resolve(trackedInside.getFileName()), "same name as a tracked file");
        // Make the link while the directory still exists (another inode for sure), then swap it in.
        Path pending = Files.createSymbolicLink(root.resolve("pending-link"), victim);
        Files.delete(trackedInside);
        Files.delete(tracked.resolve("mine.txt"));
        Files.delete(tracked);
        Files.move(pending, tracked);

        CleanupResult r = assertDoesNotThrow(manager::cleanupAll);

        assertEquals(0, r.deletedCount());
        assertEquals(2, r.skippedCount(), r.skipped().toString());
        assertEquals("keep me", read(inner));
        assertEquals("same name as a tracked file", read(victim.resolve(trackedInside.getFileName())));
        assertTrue(Files.isSymbolicLink(tracked));
        assertEquals(0, manager.stats().trackedCount());
    }

    @Test
    void aParentDirectorySwappedForASymlinkDoesNotLeadCleanupOutsideTheRoot() throws Exception {
        Path parent = Files.createDirectory(root.resolve("parent"));
        Path tracked = write(manager.createTempFile(parent, "f-", ".txt"), "mine");
        Path victim = Files.createDirectory(outside.resolve("victim"));
        Path twin = write(victim.resolve(tracked.getFileName()), "outside twin");
        Path pending = Files.createSymbolicLink(root.resolve("pending-link"), victim);
        Files.delete(tracked);
        Files.delete(parent);
        Files.move(pending, parent);

        CleanupResult r = manager.cleanupAll();

        assertEquals(0, r.deletedCount());
        assertEquals(1, r.skippedCount(), "a parent that is a link now is refused");
        assertTrue(r.skipped().get(0).reason().contains("parent"), r.skipped().get(0).reason());
        assertEquals("outside twin", read(twin));
    }

    @Test
    void creatingThroughASymlinkedDirectoryThatLeavesTheRootIsRefusedAndCreatesNothing() throws Exception {
        Path victim = Files.createDirectory(outside.resolve("victim"));
        Path link = Files.createSymbolicLink(root.resolve("link"), victim);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> manager.createTempFile(link, "through-", ".txt"));
        assertTrue(e.getMessage().contains(victim.toRealPath().toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> manager.createTempDirectory(link, "through-"));
        assertEquals(List.of(), TestManagers.contents(victim));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void anUndeletablePathIsReportedAsAFailureAndStaysTracked() throws Exception {
        Path dir = manager.createTempDirectory(root, "work-");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Path stuck = writeBytes(locked.resolve("stuck.bin"), 3);
        Path free = writeBytes(dir.resolve("free.bin"), 17);
        Path trackedFile = writeBytes(manager.createTempFile(root, "f-", ".bin"), 4);

        try (Undeletable u = Undeletable.protect(stuck)) {
            CleanupResult r = assertDoesNotThrow(manager::cleanupAll);

            assertEquals(1, r.failureCount());
            CleanupResult.Problem problem = r.failures().get(0);
            assertEquals(dir, problem.path());
            assertTrue(problem.reason().contains("stuck.bin"), problem.reason());
            assertEquals(List.of(trackedFile), r.deleted());
            assertEquals(4 + 17, r.bytesFreed(), "bytes of what was removed before the failure count");
            assertFalse(exists(free));
            assertTrue(exists(u.file()));
            assertTrue(manager.isTracked(dir));
            TempFileStats s = manager.stats();
            assertEquals(1, s.cleanupFailureCount());
            assertEquals(1, s.trackedDirectories());
            TestManagers.assertInvariant(s);
        }
        assertEquals(List.of(dir), manager.cleanupAll().deleted());
        assertFalse(exists(dir));
    }
}
