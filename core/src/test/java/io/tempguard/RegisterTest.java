package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static io.tempguard.TestManagers.kindOf;
import static io.tempguard.TestManagers.tracked;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** register(Path) and unregister(Path). */
class RegisterTest extends ManagerPerTest {

    @Test
    void registerTracksAnExistingFileWithItsSize() throws Exception {
        Path f = writeBytes(root.resolve("data.bin"), 1234);

        assertTrue(manager.register(f));

        assertTrue(manager.isTracked(f));
        assertEquals(PathKind.FILE, kindOf(manager, f));
        assertEquals(1234, tracked(manager, f).orElseThrow().sizeBytes());
        TempFileStats s = manager.stats();
        assertEquals(1, s.trackedFiles());
        assertEquals(1234, s.trackedBytes());
        assertEquals(1, s.createdTotal());
    }

    @Test
    void registerIsIdempotentAndCountsOnce() throws Exception {
        Path f = writeBytes(root.resolve("data.bin"), 10);
        Path d = Files.createDirectory(root.resolve("dir"));

        assertTrue(manager.register(f));
        assertFalse(manager.register(f));
        assertFalse(manager.register(root.resolve("dir").resolve("..").resolve("data.bin")), "same path, other spelling");
        assertTrue(manager.register(d));
        assertFalse(manager.register(d));

        TempFileStats s = manager.stats();
        assertEquals(2, s.createdTotal());
        assertEquals(1, s.trackedFiles());
        assertEquals(1, s.trackedDirectories());
        assertEquals(10, s.trackedBytes());
        assertEquals(2, manager.listTracked(10).size());
    }

    @Test
    void registerDecidesTheKindFromWhatIsOnDisk() throws Exception {
        Path d = Files.createDirectory(root.resolve("looks-like-a-file.txt"));
        Path f = Files.createFile(root.resolve("looks-like-a-dir"));

        manager.register(d);
        manager.register(f);

        assertEquals(PathKind.DIRECTORY, kindOf(manager, d));
        assertEquals(PathKind.FILE, kindOf(manager, f));
    }

    @Test
    void registeredSymlinkIsTrackedAsItselfAndCleanupRemovesOnlyTheLink(@TempDir Path outside) throws Exception {
        Path targetDir = Files.createDirectory(outside.resolve("target"));
        Path targetFile = writeBytes(targetDir.resolve("keep.bin"), 500);
        byte[] content = Files.readAllBytes(targetFile);
        Path link = Files.createSymbolicLink(root.resolve("link"), targetDir);

        assertTrue(manager.register(link));
        assertEquals(PathKind.FILE, kindOf(manager, link), "a link is tracked as itself, not as its target directory");
        assertEquals(0, manager.stats().trackedBytes());

        CleanupResult r = manager.cleanupAll();

        assertEquals(List.of(link), r.deleted());
        assertFalse(TestManagers.exists(link));
        assertTrue(Files.isDirectory(targetDir));
        assertArrayEquals(content, Files.readAllBytes(targetFile));
    }

    @Test
    void registerOfAMissingPathThrowsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> manager.register(root.resolve("nope")));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void registerOutsideTheRootsThrowsIllegalArgumentAndLeavesThePathAlone(@TempDir Path outside) throws Exception {
        Path f = writeBytes(outside.resolve("foreign.bin"), 7);

        assertThrows(IllegalArgumentException.class, () -> manager.register(f));
        assertThrows(IllegalArgumentException.class, () -> manager.register(root.resolve("..").resolve(outside.getFileName())
                .resolve("foreign.bin")));
        manager.cleanupAll();

        assertFalse(manager.isTracked(f));
        assertEquals(7, Files.size(f));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void registerOfTheRootItselfThrowsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> manager.register(root));
        assertThrows(IllegalArgumentException.class, () -> manager.register(root.resolve("a").resolve("..")));
        assertTrue(Files.isDirectory(root));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void unregisterStopsTrackingDeletesNothingAndCountsAsReleased() throws Exception {
        Path f = writeBytes(root.resolve("keep.bin"), 64);
        Path d = Files.createDirectory(root.resolve("keep-dir"));
        writeBytes(d.resolve("inner.bin"), 8);
        manager.register(f);
        manager.register(d);

        assertTrue(manager.unregister(f));
        assertTrue(manager.unregister(d));
        assertFalse(manager.unregister(f), "second unregister");
        assertFalse(manager.unregister(root.resolve("never-tracked")));
        CleanupResult r = manager.cleanupAll();

        assertEquals(0, r.deletedCount());
        assertEquals(64, Files.size(f));
        assertEquals(8, Files.size(d.resolve("inner.bin")));
        assertFalse(manager.isTracked(f));
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(0, s.trackedBytes());
        assertEquals(2, s.releasedTotal());
        assertEquals(0, s.deletedTotal());
        TestManagers.assertInvariant(s);
    }

    @Test
    void registerAfterCloseThrowsIllegalState() throws Exception {
        Path f = Files.createFile(root.resolve("late"));
        manager.close();
        assertThrows(IllegalStateException.class, () -> manager.register(f));
        assertTrue(Files.exists(f));
    }
}
