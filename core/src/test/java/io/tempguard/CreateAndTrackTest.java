package io.tempguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static io.tempguard.TestManagers.contents;
import static io.tempguard.TestManagers.kindOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** createTempFile / createTempDirectory: same semantics as java.nio.file.Files, and the result is tracked. */
class CreateAndTrackTest extends ManagerPerTest {

    @Test
    void createTempFileInDirectoryCreatesAnEmptyFileTrackedAsFile() throws Exception {
        Path f = manager.createTempFile(root, "pre-", ".suf");

        assertTrue(Files.isRegularFile(f));
        assertEquals(0, Files.size(f));
        assertEquals(root, f.getParent());
        String name = f.getFileName().toString();
        assertTrue(name.startsWith("pre-") && name.endsWith(".suf"), name);
        assertTrue(manager.isTracked(f));
        assertEquals(PathKind.FILE, kindOf(manager, f));
        TempFileStats s = manager.stats();
        assertEquals(1, s.trackedFiles());
        assertEquals(0, s.trackedDirectories());
        assertEquals(1, s.createdTotal());
    }

    @Test
    void createTempDirectoryInDirectoryCreatesAnEmptyDirectoryTrackedAsDirectory() throws Exception {
        Path sub = Files.createDirectory(root.resolve("sub"));
        Path d = manager.createTempDirectory(sub, "work-");

        assertTrue(Files.isDirectory(d));
        assertEquals(List.of(), contents(d));
        assertEquals(sub, d.getParent());
        assertTrue(d.getFileName().toString().startsWith("work-"));
        assertEquals(PathKind.DIRECTORY, kindOf(manager, d));
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedFiles());
        assertEquals(1, s.trackedDirectories());
        assertEquals(1, s.createdTotal());
    }

    @Test
    void nullPrefixAndSuffixBehaveLikeFiles() throws Exception {
        Path ours = manager.createTempFile(root, null, null);
        Path theirs = Files.createTempFile(root, null, null);
        String theirSuffix = theirs.getFileName().toString().replaceAll("^[0-9]+", "");

        assertTrue(ours.getFileName().toString().endsWith(theirSuffix),
                "Files gave " + theirs.getFileName() + ", the manager " + ours.getFileName());
        assertTrue(manager.isTracked(ours));
        assertFalse(manager.isTracked(theirs));
    }

    @Test
    void fileAttributesArePassedThroughToTheCreatedPaths() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "SKIPPED: needs a POSIX file system");
        Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-------");
        Set<PosixFilePermission> dirMode = PosixFilePermissions.fromString("rwx------");

        Path f = manager.createTempFile(root, "a", ".b", PosixFilePermissions.asFileAttribute(fileMode));
        Path d = manager.createTempDirectory(root, "d", PosixFilePermissions.asFileAttribute(dirMode));

        assertEquals(fileMode, Files.getPosixFilePermissions(f));
        assertEquals(dirMode, Files.getPosixFilePermissions(d));
        assertEquals(2, manager.stats().createdTotal());
    }

    @Test
    void missingDirectoryInsideTheRootFailsWithTheSameExceptionAsFiles() {
        Path missing = root.resolve("missing");
        Class<? extends Throwable> forFile = thrownBy(() -> Files.createTempFile(missing, "p", ".s"));
        Class<? extends Throwable> forDir = thrownBy(() -> Files.createTempDirectory(missing, "p"));

        assertThrows(forFile, () -> manager.createTempFile(missing, "p", ".s"));
        assertThrows(forDir, () -> manager.createTempDirectory(missing, "p"));
        assertThrows(forFile, () -> manager.newTempFile(missing, "p", ".s"));
        assertThrows(forDir, () -> manager.newTempDirectory(missing, "p"));

        assertFalse(Files.exists(missing));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void prefixOrSuffixWithSlashIsRejectedLikeFiles() throws Exception {
        Class<? extends Throwable> expected = thrownBy(() -> Files.createTempFile(root, "a/b", null));
        assertEquals(IllegalArgumentException.class, expected, "what Files does, which the manager must match");

        assertThrows(expected, () -> manager.createTempFile(root, "a/b", null));
        assertThrows(thrownBy(() -> Files.createTempFile(root, "a", "/b")), () -> manager.createTempFile(root, "a", "/b"));
        assertThrows(thrownBy(() -> Files.createTempDirectory(root, "a/b")), () -> manager.createTempDirectory(root, "a/b"));

        assertEquals(List.of(), contents(root));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void directoryOutsideTheRootsIsRejectedAndNothingIsCreated(@TempDir Path outside) throws Exception {
        // The same directory spelled through the root: ../ must not smuggle a path in.
        Path sneaky = root.resolve("x").resolve("..").resolve("..").resolve(outside.getFileName());
        assertEquals(outside, sneaky.normalize(), "both @TempDirs live in java.io.tmpdir");

        for (Path dir : List.of(outside, sneaky, root.getParent())) {
            assertThrows(IllegalArgumentException.class, () -> manager.createTempFile(dir, "p", ".s"), dir::toString);
            assertThrows(IllegalArgumentException.class, () -> manager.createTempDirectory(dir, "p"), dir::toString);
            assertThrows(IllegalArgumentException.class, () -> manager.newTempFile(dir, "p", ".s"), dir::toString);
            assertThrows(IllegalArgumentException.class, () -> manager.newTempDirectory(dir, "p"), dir::toString);
        }

        assertEquals(List.of(), contents(outside));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void noDirectoryOverloadsThrowIllegalStateWhenJavaIoTmpdirIsOutsideTheRoots() {
        // root is a directory inside java.io.tmpdir, so java.io.tmpdir itself is not managed.
        assertFalse(TempFileManagerConfig.defaultTempDirectory().startsWith(root));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> manager.createTempFile("p", ".s"));
        assertTrue(e.getMessage().contains("java.io.tmpdir"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> manager.createTempDirectory("p"));
        assertThrows(IllegalStateException.class, () -> manager.newTempFile("p", ".s"));
        assertThrows(IllegalStateException.class, () -> manager.newTempDirectory("p"));
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void noDirectoryOverloadsCreateInJavaIoTmpdirWhenItIsARoot() throws Exception {
        Path tmp = TempFileManagerConfig.defaultTempDirectory();
        Path f = null;
        Path d = null;
        try (TempFileManager m = TempFileManager.create(TestManagers.config(tmp).build())) {
            f = m.createTempFile("tempguard-test-", ".bin");
            d = m.createTempDirectory("tempguard-test-");

            assertTrue(Files.isRegularFile(f));
            assertTrue(Files.isDirectory(d));
            assertEquals(tmp, f.getParent());
            assertEquals(tmp, d.getParent());
            assertEquals(PathKind.FILE, kindOf(m, f));
            assertEquals(PathKind.DIRECTORY, kindOf(m, d));
            assertThrows(thrownBy(() -> Files.createTempFile("a/b", null)), () -> m.createTempFile("a/b", null));

            CleanupResult r = m.cleanupAll();
            assertEquals(2, r.deletedCount());
            assertFalse(Files.exists(f));
            assertFalse(Files.exists(d));
        } finally {
            if (f != null) Files.deleteIfExists(f);
            if (d != null) Files.deleteIfExists(d);
        }
    }

    @Test
    void creatingAfterCloseThrowsIllegalState() {
        manager.close();
        assertTrue(manager.isClosed());
        assertThrows(IllegalStateException.class, () -> manager.createTempFile(root, "p", ".s"));
        assertThrows(IllegalStateException.class, () -> manager.createTempDirectory(root, "p"));
        assertEquals(List.of(), contents(root));
    }

    @Test
    void closeDeletesEverythingTrackedAndIsIdempotent() throws Exception {
        Path f = manager.createTempFile(root, "p", ".s");
        Path d = manager.createTempDirectory(root, "d");
        Files.write(d.resolve("inner"), new byte[10]);

        manager.close();
        manager.close();

        assertFalse(Files.exists(f));
        assertFalse(Files.exists(d));
        assertEquals(2, manager.stats().deletedTotal());
    }

    private static Class<? extends Throwable> thrownBy(Executable filesCall) {
        try {
            filesCall.execute();
        } catch (Throwable t) {
            return t.getClass();
        }
        throw new AssertionError("expected java.nio.file.Files to throw");
    }
}
