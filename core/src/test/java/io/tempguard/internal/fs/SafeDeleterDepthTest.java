package io.tempguard.internal.fs;

import io.tempguard.CleanupResult;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 (promises with no test): {@link SafeDeleter#MAX_DEPTH}. Each level of the walk holds a
 * directory handle open, so a tree deeper than 256 levels is deleted down to the limit and the
 * deeper part is left in place and reported, without a StackOverflowError or a crash.
 */
class SafeDeleterDepthTest {
    @TempDir
    Path root;

    private TempFileManager manager;

    @BeforeEach
    void open() {
        manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root).jmx(false).shutdownCleanup(false)
                .reconcileInterval(Duration.ZERO).journal(false).sweepOnStart(false).build());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** {@code levels} nested directories "d" under {@code top}, with a file "f" in {@code top} and each; deepest first. */
    private static List<Path> chain(Path top, int levels) throws Exception {
        List<Path> dirs = new ArrayList<>();
        Path dir = top;
        dirs.add(dir);
        Files.write(dir.resolve("f"), "level 0".getBytes(StandardCharsets.UTF_8));
        for (int level = 1; level <= levels; level++) {
            // Relative to the parent's real path each time: a deep absolute path is still well under PATH_MAX here.
            dir = Files.createDirectory(dir.resolve("d"));
            Files.write(dir.resolve("f"), ("level " + level).getBytes(StandardCharsets.UTF_8));
            dirs.add(dir);
        }
        return dirs;
    }

    @Test
    void aTree300LevelsDeepIsDeletedDownTo256LevelsAndTheDeeperPartIsLeftAndReported() throws Exception {
        Path job = manager.createTempDirectory(root, "deep-");
        List<Path> levels = chain(job, 300);

        CleanupResult r = manager.cleanupAll();

        assertEquals(1, r.failureCount(), r::toString);
        assertEquals(job, r.failures().get(0).path());
        Path firstTooDeep = levels.get(SafeDeleter.MAX_DEPTH);
        assertEquals(firstTooDeep + ": more than 256 levels deep; left in place", r.failures().get(0).reason());
        for (int level = 0; level <= 300; level++) {
            Path f = levels.get(level).resolve("f");
            assertTrue(Files.isDirectory(levels.get(level), LinkOption.NOFOLLOW_LINKS), "level " + level + " stays");
            if (level < SafeDeleter.MAX_DEPTH) {
                assertFalse(Files.exists(f, LinkOption.NOFOLLOW_LINKS), "the file at level " + level + " is deleted");
            } else {
                assertEquals("level " + level, Files.readString(f), "the file at level " + level + " is left in place");
            }
        }
        assertEquals(1, manager.listTracked(10).size(), "it stays tracked");
    }

    @Test
    void aTree200LevelsDeepIsDeletedCompletely() throws Exception {
        Path job = manager.createTempDirectory(root, "deep-");
        chain(job, 200);

        CleanupResult r = manager.cleanupAll();

        assertEquals(List.of(job), r.deleted(), r::toString);
        assertEquals(0, r.failureCount(), r::toString);
        long bytes = 0;
        for (int level = 0; level <= 200; level++) bytes += ("level " + level).length();
        assertEquals(bytes, r.bytesFreed(), "the bytes of every level's file");
        assertFalse(Files.exists(job, LinkOption.NOFOLLOW_LINKS));
    }
}
