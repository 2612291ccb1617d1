package io.tempguard.internal.cleanup;

import io.tempguard.CleanupResult;
import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.fs.SafeDeleter;
import io.tempguard.internal.registry.Registry;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: a cleanup run as bands of tasks on two threads (tracked files grouped by parent,
 * tracked directories one per task) deletes exactly what the one-by-one cleanup deleted and keeps
 * every safety rule: a replaced file, a link to outside, a mount point inside a tracked directory
 * (root only) are all left as before, and the counts and bytes are exact.
 */
class ParallelCleanupTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private Registry registry;
    private Cleaner cleaner;

    @BeforeEach
    void open() {
        registry = new Registry();
        cleaner = new Cleaner(registry, new SafeDeleter(Roots.of(List.of(root)), new BirthTimeSupport()));
    }

    private void track(Path p) throws IOException {
        registry.track(Registry.key(p), FsAttributes.lstat(p), 0);
    }

    private static Path write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void twoThreadsDeleteTrackedDirectoriesAndFileGroupsWithEveryCheckKept() throws Exception {
        Path precious = write(outside.resolve("precious"), "keep me");
        List<Path> gone = new ArrayList<>();
        long bytes = 0;
        for (int d = 0; d < 8; d++) { // tracked directories, walked in parallel
            Path dir = Files.createDirectory(root.resolve("dir" + d));
            for (int f = 0; f < 30; f++) write(dir.resolve("sub" + (f % 3)).resolve("f" + f), "12345");
            bytes += 30 * 5;
            Files.createSymbolicLink(dir.resolve("link"), precious);
            Path innerTracked = write(dir.resolve("inner-tracked"), "xy");
            track(innerTracked); // a tracked file inside a tracked directory: deleted in the files band
            bytes += 2;
            track(dir);
            gone.add(dir);
        }
        for (int g = 0; g < 4; g++) { // individually tracked files of four untracked directories
            for (int f = 0; f < 25; f++) {
                Path file = write(root.resolve("group" + g).resolve("t" + f), "abc");
                track(file);
                gone.add(file);
                bytes += 3;
            }
        }
        Path replaced = write(root.resolve("group0").resolve("replaced"), "old");
        track(replaced);
        Files.delete(replaced);
        write(root.resolve("group0").resolve("replaced.new"), "new file");
        Files.move(root.resolve("group0").resolve("replaced.new"), replaced);
        Path swapped = write(root.resolve("group1").resolve("swapped"), "old");
        track(swapped);
        Files.delete(swapped);
        Files.createSymbolicLink(swapped, precious);

        CleanupResult r = cleaner.runDeletion(registry.entries(), "test", 2);

        for (Path p : gone) assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), p + " deleted");
        assertEquals("keep me", Files.readString(precious), "no link followed");
        assertEquals("new file", Files.readString(replaced), "the file now at a tracked name is not ours");
        assertTrue(Files.isSymbolicLink(swapped), "a link at a tracked file's name is not the tracked file");
        assertEquals(8 + 8 + 100, r.deletedCount(), r.summary());
        assertEquals(2, r.skippedCount(), r.summary());
        assertEquals(0, r.failureCount(), r.summary());
        assertEquals(bytes, r.bytesFreed(), "each byte counted once");
        assertTrue(registry.isEmpty(), "deleted and skipped paths are no longer tracked");
    }

    @Test
    void aMountPointInsideOneOfTheParallelDirectoriesIsLeftInPlaceAndTheOthersGo() throws Exception {
        Assumptions.assumeTrue(RunAs.isRoot(), "SKIPPED: mounting needs root (mount --bind)");
        Path data = write(outside.resolve("data").resolve("precious"), "keep me").getParent();
        List<Path> dirs = new ArrayList<>();
        for (int d = 0; d < 6; d++) {
            Path dir = Files.createDirectory(root.resolve("dir" + d));
            for (int f = 0; f < 20; f++) write(dir.resolve("f" + f), "x");
            track(dir);
            dirs.add(dir);
        }
        Path mnt = Files.createDirectory(dirs.get(3).resolve("mnt"));
        run("mount", "--bind", data.toString(), mnt.toString());
        try {
            CleanupResult r = cleaner.runDeletion(registry.entries(), "test", 2);

            assertEquals("keep me", Files.readString(data.resolve("precious")), "the bound data is untouched");
            assertEquals(1, r.failureCount(), r.summary());
            assertTrue(r.failures().get(0).reason().contains("mount point; left in place"), r.failures().toString());
            assertEquals(List.of(mnt), listing(dirs.get(3)), "only the mount point is left in its directory");
            for (int d = 0; d < dirs.size(); d++) {
                if (d != 3) assertFalse(Files.exists(dirs.get(d)), dirs.get(d) + " deleted");
            }
            assertEquals(1, registry.counts().directories(), "the directory holding the mount stays tracked");
        } finally {
            run("umount", mnt.toString());
        }
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    /**
     * The candidates are a snapshot: a path released (unregistered) after it was taken, while the
     * file is still there with the same identity, must not be deleted by the cleanup working from
     * that snapshot. The entry itself says it is no longer tracked.
     */
    @Test
    void aPathReleasedAfterTheCandidatesWereTakenIsLeftAlone() throws Exception {
        Path kept = write(root.resolve("group/kept.txt"), "released: the host's now");
        Path deleted = write(root.resolve("group/deleted.txt"), "still tracked");
        Path keptDir = Files.createDirectories(root.resolve("kept-dir"));
        write(keptDir.resolve("inside.txt"), "inside a released directory");
        for (Path p : List.of(kept, deleted, keptDir)) track(p);
        List<io.tempguard.internal.registry.Entry> candidates = new ArrayList<>(registry.oldestFirst());
        assertEquals(3, candidates.size());

        registry.remove(kept, Registry.Removal.RELEASED);
        registry.remove(keptDir, Registry.Removal.RELEASED);
        CleanupResult result = cleaner.run(candidates, false);

        assertTrue(Files.exists(kept, LinkOption.NOFOLLOW_LINKS), "a released file is never deleted");
        assertTrue(Files.exists(keptDir.resolve("inside.txt"), LinkOption.NOFOLLOW_LINKS),
                "a released directory is never deleted");
        assertFalse(Files.exists(deleted, LinkOption.NOFOLLOW_LINKS), "the tracked one beside it goes");
        assertEquals(1, result.deletedCount(), result.summary());
        assertEquals(0, result.failureCount() + result.skippedCount(), result.summary());
        assertTrue(registry.isEmpty());
    }

    /**
     * One directory of more files than a task holds is cut into several tasks that run on both
     * threads; every file still gets its own identity check: the one replaced after tracking stays.
     */
    @Test
    void aLargeDirectoryIsSharedByBothThreadsWithEveryFileChecked() throws Exception {
        Path dir = Files.createDirectories(root.resolve("big"));
        int count = 2 * DeletionPlan.FILES_PER_TASK + 100;
        for (int i = 0; i < count; i++) track(Files.createFile(dir.resolve("f" + i)));
        Path replaced = dir.resolve("f" + (count - 7));
        Files.delete(replaced);
        Files.writeString(replaced, "another file under a tracked name");
        List<io.tempguard.internal.registry.Entry> candidates = new ArrayList<>(registry.oldestFirst());
        assertEquals(3, DeletionPlan.bands(candidates).get(0).size(), "three tasks for one directory");

        CleanupResult result = cleaner.run(candidates, false);

        assertEquals(count - 1, result.deletedCount(), result.summary());
        assertEquals(1, result.skippedCount(), result.summary());
        try (java.util.stream.Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(replaced), left.collect(java.util.stream.Collectors.toList()));
        }
        assertEquals("another file under a tracked name", Files.readString(replaced));
    }
}
