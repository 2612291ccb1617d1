package io.tempguard.internal.fs;

import io.tempguard.CleanupResult;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2: no deletion enters or removes a mount point, whatever its device. Real mounts,
 * so root only (skipped visibly otherwise). The data bound into the tree lies outside the roots
 * and must come out untouched; everything else in the tracked tree is deleted; the mount point
 * and its parents stay, reported with the reason "mount point; left in place".
 */
class SafeDeleterMountTest {
    @TempDir
    Path root;

    /** Outside the managed roots, on the same file system as {@code root}: the data a bind mount shows. */
    @TempDir
    Path outside;

    private final Mounts mounts = new Mounts();
    private TempFileManager manager;

    @BeforeEach
    void open() {
        Mounts.requireRoot();
        manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root).jmx(false).shutdownCleanup(false)
                .reconcileInterval(Duration.ZERO).journal(false).sweepOnStart(false).build());
    }

    @AfterEach
    void close() throws IOException {
        try {
            if (manager != null) manager.close();
        } finally {
            mounts.close();
        }
    }

    /** A directory outside the roots with files two levels deep; returns it. */
    private Path data() throws IOException {
        Path data = Files.createDirectory(outside.resolve("data"));
        write(data.resolve("a.txt"), "precious a");
        write(Files.createDirectories(data.resolve("deep/er")).resolve("b.txt"), "precious b");
        return data;
    }

    private static final List<String> DATA = List.of("a.txt", "deep", "deep/er", "deep/er/b.txt");

    private static void assertDataIntact(Path data) throws IOException {
        assertEquals(DATA, contents(data), "the bound data outside the roots");
        assertEquals("precious a", Files.readString(data.resolve("a.txt")));
        assertEquals("precious b", Files.readString(data.resolve("deep/er/b.txt")));
    }

    /** Ordinary content next to the mount point, which must go. */
    private static void fill(Path dir) throws IOException {
        write(dir.resolve("mine.txt"), "temp");
        write(Files.createDirectories(dir.resolve("sub/inner")).resolve("x.txt"), "temp");
    }

    @Test
    void aBindMountOfASameFileSystemDirectoryInsideATrackedDirectoryIsNeitherEnteredNorRemoved() throws Exception {
        Path data = data();
        Path job = manager.createTempDirectory(root, "job-");
        Path mnt = Files.createDirectory(job.resolve("mnt"));
        fill(job);
        mounts.bind(data, mnt);
        assertEquals(FsAttributes.identity(job).device(), FsAttributes.identity(mnt).device(),
                "a bind mount of the same file system has the same device: the device check alone cannot see it");

        CleanupResult r = manager.cleanupAll();

        assertDataIntact(data);
        assertEquals(List.of("mnt"), names(job), "only the mount point is left in the tracked directory");
        assertMountPointFailure(r, job, mnt);
        assertEquals(1, manager.listTracked(10).size(), "the tracked directory stays tracked for a later cleanup");

        mounts.close();
        CleanupResult after = manager.cleanupAll();
        assertEquals(List.of(job), after.deleted(), "once unmounted, the next cleanup finishes");
        assertFalse(Files.exists(job, LinkOption.NOFOLLOW_LINKS));
        assertDataIntact(data);
    }

    @Test
    void aMountPointThreeLevelsDownIsLeftInPlaceWithItsParentsAndEverythingElseGoes() throws Exception {
        Path data = data();
        Path job = manager.createTempDirectory(root, "job-");
        Path mnt = Files.createDirectories(job.resolve("a/b/mnt"));
        fill(job);
        fill(job.resolve("a/b"));
        write(job.resolve("a/side.txt"), "temp");
        mounts.bind(data, mnt);

        CleanupResult r = manager.cleanupAll();

        assertDataIntact(data);
        assertEquals(List.of("a", "a/b", "a/b/mnt"), contents(job).stream().filter(p -> !p.startsWith("a/b/mnt/"))
                .collect(Collectors.toList()), "the mount point and its parents, nothing else");
        assertMountPointFailure(r, job, mnt);
    }

    @Test
    void aBindMountedFileInsideATrackedDirectoryIsNotUnlinkedAndTheRestGoes() throws Exception {
        Path precious = write(outside.resolve("precious.txt"), "keep me");
        Path job = manager.createTempDirectory(root, "job-");
        Path f = write(job.resolve("f"), "placeholder");
        fill(job);
        mounts.bind(precious, f);

        CleanupResult r = manager.cleanupAll();

        assertEquals("keep me", Files.readString(precious));
        assertEquals(List.of("f"), names(job));
        assertMountPointFailure(r, job, f);
    }

    @Test
    void aTrackedDirectoryThatIsItselfAMountPointIsLeftAlone() throws Exception {
        Path data = data();
        Path job = Files.createDirectory(root.resolve("job"));
        mounts.bind(data, job);
        // Registered once mounted: the identity recorded is the mounted root's, so the identity check passes.
        assertTrue(manager.register(job));

        CleanupResult r = manager.cleanupAll();

        assertDataIntact(data);
        assertEquals(1, r.failureCount(), r::toString);
        assertEquals(job, r.failures().get(0).path());
        assertEquals("mount point; left in place", r.failures().get(0).reason());
    }

    @Test
    void aTrackedDirectoryMountedOverAfterTrackingIsReportedAsAMountPointAndDeletedOnceUnmounted() throws Exception {
        Path data = data();
        Path job = manager.createTempDirectory(root, "job-");
        mounts.bind(data, job);

        CleanupResult r = manager.cleanupAll();

        assertDataIntact(data);
        assertEquals(List.of(job + ": mount point; left in place"), r.failures().stream().map(Object::toString)
                .collect(Collectors.toList()));
        mounts.close();
        assertEquals(List.of(job), manager.cleanupAll().deleted());
        assertDataIntact(data);
    }

    @Test
    void aTmpfsMountInsideATrackedDirectoryIsStillRefused() throws Exception {
        Path job = manager.createTempDirectory(root, "job-");
        Path mnt = mounts.tmpfs(Files.createDirectory(job.resolve("mnt")));
        write(mnt.resolve("on-tmpfs.txt"), "keep");
        fill(job);

        CleanupResult r = manager.cleanupAll();

        assertEquals("keep", Files.readString(mnt.resolve("on-tmpfs.txt")));
        assertEquals(List.of("mnt", "mnt/on-tmpfs.txt"), contents(job));
        assertEquals(1, r.failureCount(), r::toString);
        assertEquals(mnt + ": mount point of another file system; left in place", r.failures().get(0).reason());
    }

    @Test
    void aDryRunAndTheSweepersDeleterRefuseTheMountPointToo() throws Exception {
        Path data = data();
        Path job = Files.createDirectory(root.resolve("job"));
        Path mnt = Files.createDirectory(job.resolve("mnt"));
        fill(job);
        FileIdentity identity = FsAttributes.identity(job);
        mounts.bind(data, mnt);
        // The deleter the sweeper and the reaper use, built as they build it.
        SafeDeleter deleter = new SafeDeleter(Roots.of(List.of(root)), new BirthTimeSupport());

        DeleteOutcome preview = deleter.delete(job, identity, true, SafeDeleter.IGNORE);
        assertEquals(DeleteOutcome.Status.FAILED, preview.status());
        assertEquals(-1, deleter.measure(job, identity, p -> false), "a tree holding a mount point cannot be measured");
        DeleteOutcome outcome = deleter.delete(job, identity, false, SafeDeleter.IGNORE);

        assertEquals(DeleteOutcome.Status.FAILED, outcome.status());
        assertEquals(mnt + ": mount point; left in place", outcome.reason());
        assertDataIntact(data);
        assertEquals(List.of("mnt"), names(job));
    }

    private static void assertMountPointFailure(CleanupResult r, Path tracked, Path mountPoint) {
        assertEquals(1, r.failureCount(), r::toString);
        assertEquals(tracked, r.failures().get(0).path());
        assertEquals(mountPoint + ": mount point; left in place", r.failures().get(0).reason());
        assertTrue(r.deleted().isEmpty(), r::toString);
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Names directly in {@code dir}, sorted. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Every path under {@code dir} relative to it, sorted, links not followed. */
    static List<String> contents(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
