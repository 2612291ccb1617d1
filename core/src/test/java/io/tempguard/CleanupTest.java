package io.tempguard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.tempguard.TestManagers.contents;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cleanupAll, cleanupOlderThan and previewCleanup. */
class CleanupTest {
    @TempDir
    Path root;

    private final TestClock clock = new TestClock();
    private TempFileManager manager;

    @AfterEach
    void close() {
        if (manager != null) manager.close();
    }

    private TempFileManager manager() {
        manager = TestManagers.create(root, clock);
        return manager;
    }

    /** a/ a/b/ a/b/c/ tracked, each with a tracked and an untracked file. */
    private final class Tree {
        final Path a;
        final Path b;
        final Path c;
        final List<Path> trackedFiles = new ArrayList<>();
        long bytes;

        Tree(TempFileManager m) throws Exception {
            a = m.createTempDirectory(root, "a");
            b = m.createTempDirectory(a, "b");
            c = m.createTempDirectory(b, "c");
            int size = 100;
            for (Path level : List.of(a, b, c)) {
                trackedFiles.add(writeBytes(m.createTempFile(level, "tracked-", ".bin"), size));
                writeBytes(level.resolve("untracked.bin"), size + 1);
                bytes += size + size + 1;
                size *= 10;
            }
            Files.createDirectory(c.resolve("untracked-empty-dir"));
        }
    }

    @Test
    void cleanupAllDeletesFilesFirstThenDirectoriesDeepestFirst() throws Exception {
        TempFileManager m = manager();
        Tree t = new Tree(m);

        CleanupResult r = m.cleanupAll();

        assertEquals(List.of(), contents(root));
        assertEquals(6, r.deletedCount());
        assertEquals(Set.copyOf(t.trackedFiles), Set.copyOf(r.deleted().subList(0, 3)), "files first");
        assertEquals(List.of(t.c, t.b, t.a), r.deleted().subList(3, 6), "then directories, deepest first");
        assertEquals(t.bytes, r.bytesFreed());
        assertEquals(0, r.failureCount());
        assertEquals(0, r.skippedCount());
        assertEquals(0, r.alreadyGoneCount());
        assertTrue(r.isClean());
        TempFileStats s = m.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(6, s.deletedTotal());
        TestManagers.assertInvariant(s);
    }

    @Test
    void aStuckFileDeepInsideIsReportedForEachTrackedDirectoryDeepestFirst() throws Exception {
        TempFileManager m = manager();
        Tree t = new Tree(m);
        Path stuck = writeBytes(Files.createDirectory(t.c.resolve("locked")).resolve("stuck.bin"), 1);

        try (Undeletable u = Undeletable.protect(stuck)) {
            CleanupResult r = m.cleanupAll();

            assertEquals(List.of(t.c, t.b, t.a),
                    r.failures().stream().map(CleanupResult.Problem::path).collect(Collectors.toList()));
            assertTrue(r.failures().get(0).reason().contains("stuck.bin"), r.failures().get(0).reason());
            assertEquals(Set.copyOf(t.trackedFiles), Set.copyOf(r.deleted()), "only the tracked files could go");
            assertEquals(List.of(t.a, t.b, t.c, stuck.getParent(), u.file()), contents(root), "all else is gone");
            assertEquals(3, m.stats().trackedDirectories());
        }
        assertEquals(List.of(t.c, t.b, t.a), m.cleanupAll().deleted());
        assertEquals(List.of(), contents(root));
    }

    @Test
    void cleanupAllWithNothingTrackedDoesNothing() throws Exception {
        TempFileManager m = manager();
        Path untracked = writeBytes(root.resolve("untracked"), 3);

        CleanupResult r = m.cleanupAll();

        assertEquals(0, r.deletedCount() + r.failureCount() + r.skippedCount() + r.alreadyGoneCount());
        assertTrue(Files.exists(untracked));
    }

    @Test
    void aPathAlreadyGoneCountsAsDoneNotAsAFailure() throws Exception {
        TempFileManager m = manager();
        Path gone = m.createTempFile(root, "gone-", ".bin");
        Path goneDir = m.createTempDirectory(root, "gone-dir-");
        Path kept = writeBytes(m.createTempFile(root, "kept-", ".bin"), 10);
        Files.delete(gone);
        Files.delete(goneDir);

        CleanupResult r = m.cleanupAll();

        assertEquals(2, r.alreadyGoneCount());
        assertEquals(List.of(kept), r.deleted());
        assertEquals(0, r.failureCount());
        TempFileStats s = m.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(1, s.deletedTotal());
        assertEquals(2, s.releasedTotal());
        assertEquals(0, s.cleanupFailureCount());
        TestManagers.assertInvariant(s);
    }

    @Test
    void aPathThatCouldNotBeDeletedStaysTrackedAndALaterCleanupDeletesIt() throws Exception {
        TempFileManager m = manager();
        Path locked = Files.createDirectory(root.resolve("locked"));
        Path stuck = writeBytes(m.createTempFile(locked, "stuck-", ".bin"), 11);
        Path other = writeBytes(m.createTempFile(root, "other-", ".bin"), 22);

        try (Undeletable u = Undeletable.protect(stuck)) {
            CleanupResult r = assertDoesNotThrow(m::cleanupAll);

            assertEquals(1, r.failureCount());
            assertEquals(stuck, r.failures().get(0).path());
            assertFalse(r.failures().get(0).reason().isBlank());
            assertFalse(r.isClean());
            assertEquals(List.of(other), r.deleted());
            assertTrue(Files.exists(u.file()));
            assertTrue(m.isTracked(stuck));
            assertEquals(1, m.stats().cleanupFailureCount());
        }

        CleanupResult later = m.cleanupAll();

        assertEquals(List.of(stuck), later.deleted());
        assertEquals(11, later.bytesFreed());
        assertFalse(Files.exists(stuck));
        TempFileStats s = m.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(2, s.deletedTotal());
        assertEquals(1, s.cleanupFailureCount());
        TestManagers.assertInvariant(s);
    }

    @Test
    void cleanupNeverThrowsEvenWhenTheRootItselfVanished() throws Exception {
        Path inner = Files.createDirectory(root.resolve("inner-root"));
        manager = TestManagers.create(inner, clock);
        manager.createTempFile(inner, "f", ".bin");
        Path d = manager.createTempDirectory(inner, "d");
        manager.createTempFile(d, "g", ".bin");
        try (Stream<Path> walk = Files.walk(inner)) {
            walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(inner));

        CleanupResult r = assertDoesNotThrow(manager::cleanupAll);

        assertEquals(3, r.alreadyGoneCount());
        assertEquals(0, r.failureCount());
        assertEquals(0, manager.stats().trackedCount());
    }

    @Test
    void cleanupOlderThanDeletesOnlyPathsTrackedLongEnough() throws Exception {
        TempFileManager m = manager();
        Path old = writeBytes(m.createTempFile(root, "old-", ".bin"), 40);
        Path oldDir = m.createTempDirectory(root, "old-dir-");
        writeBytes(oldDir.resolve("inside"), 2);
        clock.advance(Duration.ofMinutes(10));
        Path sixMinutesOld = m.createTempFile(root, "six-", ".bin");
        clock.advance(Duration.ofMinutes(5));
        Path young = m.createTempFile(root, "young-", ".bin");
        clock.advance(Duration.ofMinutes(1));

        CleanupResult r = m.cleanupOlderThan(Duration.ofMinutes(8));

        assertEquals(Set.of(old, oldDir), new HashSet<>(r.deleted()));
        assertEquals(42, r.bytesFreed());
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldDir));
        assertTrue(Files.exists(sixMinutesOld));
        assertTrue(Files.exists(young));

        CleanupResult boundary = m.cleanupOlderThan(Duration.ofMinutes(6));
        assertEquals(List.of(sixMinutesOld), boundary.deleted(), "tracked for exactly the age: old enough");
        assertTrue(Files.exists(young));
        assertEquals(1, m.stats().trackedFiles());
    }

    @Test
    void aYoungTrackedFileGoneWithAnOldTrackedDirectoryLeavesTheRegistryAndOnlyUntrackedDirectoriesGoUnnamed() throws Exception {
        TempFileManager m = manager();
        Path job = m.createTempDirectory(root, "job-");
        Path plain = Files.createDirectory(job.resolve("plain"));
        for (int i = 0; i < 50; i++) writeBytes(plain.resolve("untracked-" + i), 10);
        clock.advance(Duration.ofMinutes(10));
        Path young = writeBytes(m.createTempFile(plain, "young-", ".bin"), 7);
        assertEquals(2, m.stats().trackedFiles() + m.stats().trackedDirectories());

        CleanupResult r = m.cleanupOlderThan(Duration.ofMinutes(5));

        assertFalse(Files.exists(job));
        assertEquals(Set.of(job, young), new HashSet<>(r.deleted()), "the young file went with the directory: told so");
        assertEquals(50 * 10 + 7, r.bytesFreed());
        assertEquals(0, m.stats().trackedFiles() + m.stats().trackedDirectories(), "nothing left tracked");
    }

    @Test
    void negativeAgeIsRejected() {
        TempFileManager m = manager();
        assertThrows(IllegalArgumentException.class, () -> m.cleanupOlderThan(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> m.previewCleanup(Duration.ofSeconds(-1)));
    }

    @Test
    void previewCleanupReportsWhatWouldBeDeletedAndDeletesNothing() throws Exception {
        TempFileManager m = manager();
        Tree t = new Tree(m);
        List<Path> before = contents(root);
        TempFileStats statsBefore = m.stats();

        CleanupResult preview = m.previewCleanup(Duration.ZERO);

        assertTrue(preview.isDryRun());
        assertTrue(preview.summary().startsWith("would delete"), preview.summary());
        assertEquals(6, preview.deletedCount());
        assertEquals(Set.of(t.a, t.b, t.c, t.trackedFiles.get(0), t.trackedFiles.get(1), t.trackedFiles.get(2)),
                new HashSet<>(preview.deleted()));
        assertEquals(t.bytes, preview.bytesFreed(), "each byte counted once although paths nest");
        assertEquals(before, contents(root));
        assertEquals(statsBefore.toString(), m.stats().toString());

        CleanupResult real = m.cleanupAll();
        assertFalse(real.isDryRun());
        assertEquals(preview.deletedCount(), real.deletedCount());
        assertEquals(preview.bytesFreed(), real.bytesFreed());
    }

    @Test
    void previewCleanupHonoursTheAge() throws Exception {
        TempFileManager m = manager();
        Path old = writeBytes(m.createTempFile(root, "old-", ".bin"), 5);
        clock.advance(Duration.ofHours(2));
        Path young = writeBytes(m.createTempFile(root, "young-", ".bin"), 7);

        CleanupResult preview = m.previewCleanup(Duration.ofHours(1));

        assertTrue(preview.isDryRun());
        assertEquals(List.of(old), preview.deleted());
        assertEquals(5, preview.bytesFreed());
        assertTrue(Files.exists(old));
        assertTrue(Files.exists(young));
        assertEquals(2, m.stats().trackedFiles());
    }
}
