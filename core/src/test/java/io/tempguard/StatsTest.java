package io.tempguard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static io.tempguard.TestManagers.host;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact statistics, listTracked and measureTrackedBytes. */
class StatsTest {
    @TempDir
    Path root;

    private final TestClock clock = new TestClock();
    private TempFileManager manager;

    @BeforeEach
    void open() {
        manager = TestManagers.create(root, clock);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aNewManagerHasAllCountersAtZero() {
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount() + s.trackedBytes() + s.createdTotal() + s.deletedTotal() + s.releasedTotal()
                + s.cleanupFailureCount() + s.skippedCount() + s.unmanagedCreatedTotal() + s.agentErrorCount());
        assertEquals(Duration.ZERO, s.oldestTrackedAge());
    }

    /**
     * stats() is one point in time: while two threads register, unregister and delete paths, every
     * snapshot obeys created == tracked + deleted + released + skipped (separately read counters
     * do not: a reader lands between one counter's update and the next's).
     */
    @Test
    void everySnapshotObeysTheInvariantWhileOtherThreadsChurn() throws Exception {
        try (Churn churn = new Churn(manager, root, 2)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long reads = 0;
            while (reads < 200_000 || churn.operations() < 5_000) {
                TempFileStats s = manager.stats();
                assertEquals(s.createdTotal(), s.trackedCount() + s.deletedTotal() + s.releasedTotal() + s.skippedCount(),
                        "snapshot #" + reads + ": " + s);
                reads++;
                if (System.nanoTime() > deadline) break;
            }
            churn.assertNoFailure();
            assertTrue(churn.operations() > 0, "the churn ran");
        }
    }

    @Test
    void statisticsAreExactAfterMixedOperations(@TempDir Path outside) throws Exception {
        Instant start = clock.instant();
        Path f1 = manager.createTempFile(root, "f1-", ".bin");                 // tracked file
        clock.advance(Duration.ofSeconds(30));
        Path d1 = manager.createTempDirectory(root, "d1-");                     // tracked directory
        Path r1 = writeBytes(root.resolve("r1.bin"), 700);
        manager.register(r1);                                                    // tracked file, 700 bytes
        Path r2 = writeBytes(root.resolve("r2.bin"), 50);
        manager.register(r2);
        manager.unregister(r2);                                                  // released #1
        try (ScopedTempPath s = manager.newTempFile(root, "s-", ".bin")) {       // deleted #1
            writeBytes(s.path(), 5);
        }
        Path h = manager.createTempFile(root, "h-", ".bin");
        Files.delete(h);
        host(manager).observeDeleted(h);                                               // released #2
        Path m = manager.createTempFile(root, "m-", ".bin");
        Files.move(m, root.resolve("final.bin"));
        host(manager).observeMoved(m, root.resolve("final.bin"));                      // released #3
        ScopedTempPath x = manager.newTempFile(root, "x-", ".bin");
        Path other = writeBytes(root.resolve("other.bin"), 3);
        Files.move(other, x.path(), StandardCopyOption.REPLACE_EXISTING);
        x.close();                                                               // skipped #1
        Path locked = Files.createDirectory(root.resolve("locked"));
        ScopedTempPath u = manager.newTempFile(locked, "u-", ".bin");           // stays tracked after a failure
        host(manager).observeCreated(outside.resolve("unmanaged-1"));
        host(manager).observeCreated(outside.resolve("unmanaged-2"));                 // unmanaged x2
        host(manager).recordAgentError();
        clock.advance(Duration.ofSeconds(65));

        try (Undeletable lock = Undeletable.protect(u.path())) {
            u.close();                                                           // failure #1
            assertTrue(Files.exists(lock.file()));

            TempFileStats s = manager.stats();
            assertEquals(3, s.trackedFiles(), "f1, r1, u");
            assertEquals(1, s.trackedDirectories(), "d1");
            assertEquals(700, s.trackedBytes());
            assertEquals(9, s.createdTotal(), "f1 d1 r1 r2 s h m x u");
            assertEquals(1, s.deletedTotal());
            assertEquals(3, s.releasedTotal());
            assertEquals(1, s.skippedCount());
            assertEquals(1, s.cleanupFailureCount());
            assertEquals(2, s.unmanagedCreatedTotal());
            assertEquals(1, s.agentErrorCount());
            assertEquals(Duration.ofSeconds(95), s.oldestTrackedAge());
            assertEquals(Duration.between(start, clock.instant()), s.oldestTrackedAge());
            TestManagers.assertInvariant(s);

            CleanupResult r = manager.cleanupAll();
            assertEquals(List.of(f1, r1, d1), r.deleted());
            s = manager.stats();
            assertEquals(1, s.trackedFiles());
            assertEquals(0, s.trackedDirectories());
            assertEquals(4, s.deletedTotal());
            assertEquals(2, s.cleanupFailureCount());
            assertEquals(Duration.ofSeconds(65), s.oldestTrackedAge(), "u is the oldest left");
            TestManagers.assertInvariant(s);
        }

        manager.cleanupAll();
        TempFileStats s = manager.stats();
        assertEquals(0, s.trackedCount());
        assertEquals(0, s.trackedBytes());
        assertEquals(5, s.deletedTotal());
        assertEquals(Duration.ZERO, s.oldestTrackedAge());
        TestManagers.assertInvariant(s);
    }

    @Test
    void listTrackedReturnsOldestFirstWithKindSizeAndAgeAndRespectsTheLimit() throws Exception {
        Instant t0 = clock.instant();
        Path a = writeBytes(root.resolve("a.bin"), 11);
        manager.register(a);
        clock.advance(Duration.ofSeconds(10));
        Path b = manager.createTempDirectory(root, "b-");
        clock.advance(Duration.ofSeconds(10));
        Path c = writeBytes(root.resolve("c.bin"), 33);
        manager.register(c);
        clock.advance(Duration.ofSeconds(5));

        List<TrackedPath> all = manager.listTracked(10);

        assertEquals(List.of(a, b, c), all.stream().map(TrackedPath::path).collect(Collectors.toList()));
        assertEquals(List.of(PathKind.FILE, PathKind.DIRECTORY, PathKind.FILE),
                all.stream().map(TrackedPath::kind).collect(Collectors.toList()));
        assertEquals(List.of(11L, 0L, 33L), all.stream().map(TrackedPath::sizeBytes).collect(Collectors.toList()));
        assertEquals(List.of(Duration.ofSeconds(25), Duration.ofSeconds(15), Duration.ofSeconds(5)),
                all.stream().map(TrackedPath::age).collect(Collectors.toList()));
        assertEquals(t0, all.get(0).trackedSince());
        assertEquals(t0.plusSeconds(20), all.get(2).trackedSince());

        assertEquals(List.of(a, b), manager.listTracked(2).stream().map(TrackedPath::path).collect(Collectors.toList()));
        assertEquals(List.of(), manager.listTracked(0));
        assertEquals(List.of(), manager.listTracked(-1));

        manager.unregister(a);
        assertEquals(List.of(b, c), manager.listTracked(10).stream().map(TrackedPath::path).collect(Collectors.toList()));
        assertEquals(Duration.ofSeconds(15), manager.stats().oldestTrackedAge());
    }

    @Test
    void measureTrackedBytesWalksDirectoriesAndUpdatesTrackedBytes(@TempDir Path outside) throws Exception {
        Path dir = manager.createTempDirectory(root, "tree-");
        writeBytes(dir.resolve("one.bin"), 100);
        Path sub = Files.createDirectories(dir.resolve("x").resolve("y"));
        writeBytes(sub.resolve("two.bin"), 2_000);
        writeBytes(dir.resolve("x").resolve("three.bin"), 30_000);
        Path big = writeBytes(outside.resolve("big.bin"), 50_000);
        Files.createSymbolicLink(dir.resolve("link-to-big"), big);
        Path file = writeBytes(root.resolve("file.bin"), 5);
        manager.register(file);
        assertEquals(5, manager.stats().trackedBytes(), "a directory counts 0 until measured");

        long measured = manager.measureTrackedBytes();

        assertEquals(32_105, measured, "links are not followed");
        assertEquals(32_105, manager.stats().trackedBytes());
        assertEquals(32_100, TestManagers.tracked(manager, dir).orElseThrow().sizeBytes());

        Files.write(file, new byte[10], StandardOpenOption.APPEND);
        Files.delete(dir.resolve("one.bin"));
        assertEquals(32_015, manager.measureTrackedBytes());
        assertEquals(32_015, manager.stats().trackedBytes());
        assertTrue(Files.exists(sub.resolve("two.bin")), "measuring deletes nothing");
    }
}
