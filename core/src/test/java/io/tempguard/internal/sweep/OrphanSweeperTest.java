package io.tempguard.internal.sweep;

import io.tempguard.testkit.RunAs;
import io.tempguard.SweepResult;
import io.tempguard.internal.journal.JournalFixture;
import io.tempguard.internal.journal.ProcessIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OrphanSweeperTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path journals;
    private Path outside;
    private final List<Path> immutable = new ArrayList<>();
    private final List<Path> mounts = new ArrayList<>();

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        journals = Files.createDirectory(tmp.resolve("journals"));
        Files.setPosixFilePermissions(journals, PosixFilePermissions.fromString("rwx------"));
        outside = Files.createDirectory(tmp.resolve("outside"));
    }

    @AfterEach
    void undo() throws Exception {
        for (Path p : immutable) run("chattr", "-i", p.toString());
        for (Path m : mounts) run("umount", m.toString());
    }

    private SweepResult sweep(boolean dryRun) {
        return new OrphanSweeper(journals, ProcessIdentity.current(), dryRun).sweep();
    }

    private Path file(Path dir, String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sweepsWhatADeadJvmListedAndRemovesItsJournal() throws Exception {
        Path a = file(root, "a.tmp", "aaaa");
        Path d = Files.createDirectory(root.resolve("work"));
        Path nested = Files.createDirectories(d.resolve("x/y"));
        file(nested, "deep.bin", "0123456789");
        Path journal = JournalFixture.ofDeadProcess(List.of(root)).register(a).register(d).writeTo(journals);

        SweepResult r = sweep(false);

        assertEquals(1, r.journalsSwept(), r.summary());
        assertEquals(2, r.paths().deletedCount(), r.summary());
        assertEquals(14, r.paths().bytesFreed());
        assertFalse(Files.exists(a));
        assertFalse(Files.exists(d));
        assertFalse(Files.exists(journal), "the swept journal is removed");
        assertTrue(r.isClean(), r.problems().toString());
    }

    @Test
    void aDryRunReportsAndDeletesNothing() throws Exception {
        Path a = file(root, "a.tmp", "aaaa");
        Path journal = JournalFixture.ofDeadProcess(List.of(root)).register(a).writeTo(journals);
        SweepResult r = sweep(true);
        assertEquals(1, r.paths().deletedCount());
        assertEquals(4, r.paths().bytesFreed());
        assertTrue(Files.exists(a));
        assertTrue(Files.exists(journal));
    }

    @Test
    void aDryRunCountsAListedFileInsideAListedDirectoryOnce() throws Exception {
        Path dir = Files.createDirectory(root.resolve("work"));
        Path inner = file(dir, "inner.tmp", "0123456789");
        file(dir, "untracked", "abc");
        JournalFixture.ofDeadProcess(List.of(root)).register(dir).register(inner).writeTo(journals);

        SweepResult preview = sweep(true);
        SweepResult real = sweep(false);

        assertEquals(13, real.paths().bytesFreed());
        assertEquals(real.paths().bytesFreed(), preview.paths().bytesFreed(), "a preview promises what the sweep frees");
    }

    @Test
    void unregisteredPathsAreNotSwept() throws Exception {
        Path kept = file(root, "kept.txt", "keep me");
        JournalFixture.ofDeadProcess(List.of(root)).register(kept).unregister(kept).writeTo(journals);
        SweepResult r = sweep(false);
        assertEquals(0, r.paths().deletedCount());
        assertTrue(Files.exists(kept));
    }

    @Test
    void aReplacedFileAndADirectorySwappedForASymlinkAreLeftAlone() throws Exception {
        Path replaced = file(root, "replaced.tmp", "old");
        Path dir = Files.createDirectory(root.resolve("dir"));
        JournalFixture fixture = JournalFixture.ofDeadProcess(List.of(root)).register(replaced).register(dir);
        // After the kill: a different file under the same name (created first: a new inode for sure) ...
        Path other = file(root, "other.tmp", "new content");
        Files.move(other, replaced, StandardCopyOption.REPLACE_EXISTING);
        // ... and the directory replaced by a link to a directory outside the temp root holding a file.
        Files.delete(dir);
        Path precious = file(outside, "precious.txt", "do not delete");
        Files.createSymbolicLink(dir, outside);
        fixture.writeTo(journals);

        SweepResult r = sweep(false);

        assertEquals(2, r.paths().skippedCount(), r.summary() + " " + r.paths().skipped());
        assertEquals(0, r.paths().deletedCount());
        assertEquals("new content", Files.readString(replaced));
        assertTrue(Files.exists(precious));
        assertTrue(Files.isSymbolicLink(dir));
    }

    @Test
    void pathsOutsideTheJournalsRootsAreNeverDeleted() throws Exception {
        Path victim = file(outside, "victim.txt", "outside");
        JournalFixture.ofDeadProcess(List.of(root)).register(victim).writeTo(journals);
        SweepResult r = sweep(false);
        assertEquals(1, r.paths().skippedCount());
        assertTrue(r.paths().skipped().get(0).reason().contains("outside the managed roots"));
        assertTrue(Files.exists(victim));
    }

    @Test
    void aTornJournalIsSweptUpToTheTearAndReported() throws Exception {
        Path a = file(root, "a", "1");
        Path b = file(root, "b", "2");
        Path c = file(root, "c", "3");
        JournalFixture f = JournalFixture.ofDeadProcess(List.of(root)).register(a).register(b).register(c);
        byte[] all = f.bytes();
        int cut = f.recordStart(2) + 7;
        Path journal = journals.resolve(io.tempguard.internal.journal.JournalWriter.fileName(f.owner(), 0));
        Files.write(journal, java.util.Arrays.copyOf(all, cut));

        SweepResult r = sweep(false);

        assertFalse(Files.exists(a));
        assertFalse(Files.exists(b));
        assertTrue(Files.exists(c), "the torn record is not trusted");
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains(journal.getFileName().toString()), r.problems().get(0));
        assertFalse(Files.exists(journal));
    }

    @Test
    void aGarbageJournalIsSetAsideNotDeleted() throws Exception {
        Path garbage = journals.resolve("journal-999999-1.tgj");
        byte[] noise = new byte[2048];
        new java.util.Random(1).nextBytes(noise);
        Files.write(garbage, noise);

        SweepResult r = sweep(false);

        assertEquals(1, r.journalsSetAside());
        assertFalse(Files.exists(garbage));
        Path aside = journals.resolve("journal-999999-1.tgj.corrupt");
        assertTrue(Files.exists(aside), "kept aside for inspection");
        assertTrue(r.problems().get(0).contains("journal-999999-1.tgj"), r.problems().toString());
        assertEquals(0, sweep(false).journalsSetAside(), "a set-aside file is not looked at again");
    }

    @Test
    void aJournalWhoseOwnerStillRunsIsLeftAloneEvenWithoutItsLock() throws Exception {
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            long start = alive.info().startInstant().orElseThrow().toEpochMilli();
            Path a = file(root, "of-a-live-process", "x");
            Path journal = JournalFixture.of(new ProcessIdentity(alive.pid(), start), List.of(root)).register(a)
                    .writeTo(journals);
            SweepResult r = sweep(false);
            assertEquals(0, r.journalsSwept());
            assertEquals(1, r.journalsLive());
            assertTrue(Files.exists(a));
            assertTrue(Files.exists(journal));
        } finally {
            alive.destroyForcibly().waitFor();
        }
    }

    @Test
    void failuresStayInTheJournalAndTheNextSweepRetriesThem() throws Exception {
        assumeTrue(RunAs.isRoot(), "SKIPPED: chattr +i needs root: retry-after-failure sweep test");
        Path dir = Files.createDirectory(root.resolve("stuck"));
        Path pinned = file(dir, "pinned", "x");
        Path free = file(root, "free", "y");
        Path journal = JournalFixture.ofDeadProcess(List.of(root)).register(dir).register(free).writeTo(journals);
        assertEquals(0, run("chattr", "+i", pinned.toString()));
        immutable.add(pinned);

        SweepResult first = sweep(false);
        assertEquals(1, first.paths().failureCount(), first.summary());
        assertTrue(first.paths().failures().get(0).reason().contains("pinned"), first.paths().failures().toString());
        assertFalse(Files.exists(free));
        assertTrue(Files.exists(journal), "kept for the next sweep");

        run("chattr", "-i", pinned.toString());
        immutable.clear();
        SweepResult second = sweep(false);
        assertEquals(1, second.paths().deletedCount(), second.summary());
        assertEquals(0, second.paths().alreadyGoneCount(), "only the failed path was kept in the journal");
        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(journal));
    }

    @Test
    void aMountPointInsideATrackedDirectoryIsNotEntered() throws Exception {
        assumeTrue(RunAs.isRoot(), "SKIPPED: mounting needs root: mount-point sweep test");
        Path dir = Files.createDirectory(root.resolve("with-mount"));
        file(dir, "mine", "delete me");
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString()));
        mounts.add(mnt);
        Path onOtherFs = file(mnt, "other-fs.txt", "not mine");
        JournalFixture.ofDeadProcess(List.of(root)).register(dir).writeTo(journals);

        SweepResult r = sweep(false);

        assertTrue(Files.exists(onOtherFs), "nothing on the mounted file system is deleted");
        assertFalse(Files.exists(dir.resolve("mine")));
        assertEquals(1, r.paths().failureCount(), r.summary());
        assertTrue(r.paths().failures().get(0).reason().contains("mount point"), r.paths().failures().toString());
    }

    @Test
    void twoConcurrentSweepsDeleteEachPathOnce() throws Exception {
        List<Path> files = new ArrayList<>();
        JournalFixture f = JournalFixture.ofDeadProcess(List.of(root));
        for (int i = 0; i < 300; i++) {
            Path p = file(root, "f" + i, "z");
            files.add(p);
            f.register(p);
        }
        f.writeTo(journals);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<SweepResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return sweep(false);
                }));
            }
            go.countDown();
            long deleted = 0;
            for (Future<SweepResult> fr : results) {
                SweepResult r = fr.get(60, TimeUnit.SECONDS);
                assertEquals(0, r.paths().failureCount(), r.summary());
                assertTrue(r.problems().isEmpty(), r.problems().toString());
                deleted += r.paths().deletedCount();
            }
            assertEquals(300, deleted, "each path deleted exactly once across both sweeps");
            for (Path p : files) assertFalse(Files.exists(p));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJournalDirectoryOthersCanWriteIsNotSwept() throws Exception {
        Path a = file(root, "a", "1");
        JournalFixture.ofDeadProcess(List.of(root)).register(a).writeTo(journals);
        Files.setPosixFilePermissions(journals, PosixFilePermissions.fromString("rwxrwxrwx"));
        SweepResult r = sweep(false);
        assertTrue(Files.exists(a), "a journal anyone could have planted must not be trusted");
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("writable by other users"), r.problems().get(0));
    }


    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
