package io.tempguard.internal.journal;

import io.tempguard.testkit.RunAs;
import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalWriterTest {
    @TempDir
    Path tmp;

    private final ProcessIdentity owner = new ProcessIdentity(4242, 1_700_000_000_000L);

    private JournalWriter writer(Registry registry, Path dir) {
        return writer(registry, dir, Runnable::run);
    }

    private JournalWriter writer(Registry registry, Path dir, java.util.concurrent.Executor background) {
        JournalWriter w = new JournalWriter(dir, 0, owner,
                Collections.singletonList(tmp.resolve("root")), background);
        registry.setListener(w);
        return w;
    }

    private static Entry add(Registry registry, Path path, long inode) {
        return registry.add(path, PathKind.FILE, new FileIdentity(1, inode, 1000 + inode), 0, System.currentTimeMillis());
    }

    /** Reads the journal through a copy: closing a channel on the live file would drop the writer's lock. */
    static JournalReader.Contents readCopy(Path journal) throws IOException {
        Path copy = journal.resolveSibling("copy-" + System.nanoTime());
        Files.copy(journal, copy);
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
            return JournalReader.read(ch);
        } finally {
            Files.delete(copy);
        }
    }

    static Set<String> listed(JournalReader.Contents c) {
        return c.listed().stream().map(l -> l.path().toString()).collect(Collectors.toSet());
    }

    /**
     * Issue 11 section 1: at exit with shutdown cleanup off, the journal is narrowed to the paths the
     * host handed to File.deleteOnExit before they are deleted, so a sweep after an exit cut short
     * deletes those and nothing the host meant to keep; later records of other paths stay out.
     */
    @Test
    void narrowedAtExitItListsOnlyThePathsMarkedForDeletionAtExit() throws IOException {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        Path kept = tmp.resolve("root/kept");
        Path marked = tmp.resolve("root/marked.so");
        add(registry, kept, 21);
        add(registry, marked, 22);
        assertEquals(Registry.Mark.MARKED, registry.markDeleteAtExit(marked));
        assertEquals(Set.of(kept.toString(), marked.toString()), listed(readCopy(w.file())));

        w.keepOnlyDeleteAtExit();
        assertTrue(w.healthy(), w.status());
        assertEquals(Set.of(marked.toString()), listed(readCopy(w.file())), "only the marked path is listed");
        add(registry, tmp.resolve("root/late"), 23);
        registry.remove(registry.get(kept), Registry.Removal.RELEASED);
        JournalReader.Contents after = readCopy(w.file());
        assertNull(after.problem());
        assertEquals(Set.of(marked.toString()), listed(after), "nothing unmarked is recorded after narrowing");

        w.finish(true); // the marked path is still live (as if its deletion failed): kept for the sweep
        assertEquals(Set.of(marked.toString()), listed(readCopy(w.file())));
    }

    @Test
    void recordsRegistrationsAndUnregistrationsInOrderWithIdentities() throws IOException {
        Registry registry = new Registry();
        Path dir = tmp.resolve("journals");
        JournalWriter w = writer(registry, dir);
        w.open();
        assertTrue(w.healthy(), w.status());
        Path a = tmp.resolve("root/a");
        Path b = tmp.resolve("root/b");
        Entry ea = add(registry, a, 11);
        add(registry, b, 12);
        registry.remove(ea, Registry.Removal.RELEASED);
        assertEquals(Set.of(a.toString(), b.toString()), listed(readCopy(w.file())),
                "a removal is held back until the next record or maintenance pass (more listed than tracked, never less)");
        w.check(); // the maintenance pass writes it

        JournalReader.Contents c = readCopy(w.file());
        assertNull(c.problem());
        assertEquals(owner.pid(), c.owner().pid());
        assertEquals(owner.startMillis(), c.owner().startMillis());
        assertEquals(List.of(tmp.resolve("root")), c.roots());
        assertEquals(Set.of(b.toString()), listed(c));
        JournalReader.Listed lb = c.listed().iterator().next();
        assertEquals(1, lb.identity().device());
        assertEquals(12, lb.identity().inode());
        assertEquals(1012, lb.identity().birthTimeNanos());
        assertEquals(PathKind.FILE, lb.kind());
        w.finish(false);
    }

    /** Names that are not ASCII take the strict UTF-8 decoder, ASCII ones the short way: both come back as written. */
    @Test
    void namesThatAreNotAsciiAreReadBackAsWritten() throws IOException {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        Path accented = tmp.resolve("root/caf\u00e9-\u00fc.tmp");
        Path wide = tmp.resolve("root/\u6e29\u5ea6-\ud83d\ude00.tmp");
        Path plain = tmp.resolve("root/plain.tmp");
        Path gone = tmp.resolve("root/gone-\u00e9.tmp");
        add(registry, accented, 21);
        add(registry, wide, 22);
        add(registry, plain, 23);
        registry.remove(add(registry, gone, 24), Registry.Removal.RELEASED);
        w.check(); // writes the removal, held back until the next record or this pass

        JournalReader.Contents c = readCopy(w.file());
        assertNull(c.problem());
        assertEquals(Set.of(accented.toString(), wide.toString(), plain.toString()), listed(c));
        w.finish(false);
    }

    @Test
    void pathsTrackedBeforeTheJournalOpenedAreWrittenWhenItOpens() throws IOException {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        add(registry, tmp.resolve("root/early"), 1); // before open: listener ignores it
        w.open();
        add(registry, tmp.resolve("root/late"), 2);
        assertEquals(Set.of(tmp.resolve("root/early").toString(), tmp.resolve("root/late").toString()),
                listed(readCopy(w.file())));
        w.finish(false);
    }

    /**
     * With a delayed background open (the agent's start), the first tracked path opens the journal
     * in the call that tracks it: when that call returns, a kill leaves the path journaled.
     */
    @Test
    void armedToOpenAtTheFirstPathTheJournalOpensInThatCallAndListsIt() throws IOException {
        Registry registry = new Registry();
        Path dir = tmp.resolve("journals");
        JournalWriter w = writer(registry, dir);
        w.openAtFirstPath();
        assertFalse(w.healthy(), "not open before a path is tracked: " + w.status());
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                assertFalse(files.findAny().isPresent(), "no journal file yet");
            }
        }

        add(registry, tmp.resolve("root/first"), 1);

        assertTrue(w.healthy(), w.status());
        assertEquals(Set.of(tmp.resolve("root/first").toString()), listed(readCopy(w.file())));
        add(registry, tmp.resolve("root/second"), 2);
        assertEquals(Set.of(tmp.resolve("root/first").toString(), tmp.resolve("root/second").toString()),
                listed(readCopy(w.file())));
        w.open(); // the delayed open, late: changes nothing
        assertEquals(2, listed(readCopy(w.file())).size());
        w.finish(false);
    }

    @Test
    void aSecondManagerInTheSameProcessTakesTheNextFreeName() throws IOException {
        Registry first = new Registry();
        Registry second = new Registry();
        Path dir = tmp.resolve("journals");
        JournalWriter a = writer(first, dir);
        JournalWriter b = writer(second, dir); // same instance number: another copy of tempguard in this JVM
        a.open();
        b.open();
        assertTrue(a.healthy() && b.healthy(), a.status() + " / " + b.status());
        assertEquals(JournalWriter.fileName(owner, 0), a.file().getFileName().toString());
        assertEquals(JournalWriter.fileName(owner, 1), b.file().getFileName().toString());
        a.finish(false);
        b.finish(false);
    }

    @Test
    void journalDirectoryAndFileAreOwnerOnly() throws IOException {
        Registry registry = new Registry();
        Path dir = tmp.resolve("journals");
        JournalWriter w = writer(registry, dir);
        w.open();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(w.file())));
        w.finish(false);
    }

    @Test
    void compactionKeepsTheJournalBoundedByLiveEntries() throws IOException {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        Set<String> live = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            Path p = tmp.resolve("root/some-rather-long-temp-file-name-" + i + ".tmp");
            Entry e = add(registry, p, i);
            if (i % 1000 == 0) {
                live.add(p.toString()); // a few stay
            } else {
                registry.remove(e, Registry.Removal.RELEASED);
            }
        }
        assertTrue(w.healthy(), w.status());
        long size = Files.size(w.file());
        long liveBytes = 0;
        for (String p : live) {
            liveBytes += JournalFormat.recordSize(JournalFormat.registerPayloadLength(JournalFormat.pathBytes(Path.of(p))));
        }
        // 200,000 register+unregister records would take ~25 MB. The journal keeps two regions of at
        // most four times the live entries plus one 32 KiB step each (see JournalRegions).
        assertTrue(size <= 8 * liveBytes + 2 * JournalWriter.INITIAL_REGION + 4096, "journal grew to " + size + " bytes for " + liveBytes + " live bytes");
        w.check(); // writes the last removals, held back until the next record or this pass
        assertEquals(live, listed(readCopy(w.file())));
        w.finish(false);
    }

    @Test
    void underConcurrentChurnAndBackgroundCompactionTheJournalListsExactlyWhatIsTracked() throws Exception {
        Registry registry = new Registry();
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            JournalWriter w = writer(registry, tmp.resolve("journals"), background);
            w.open();
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(workers.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        Entry e = add(registry, tmp.resolve("root/t" + thread + "-" + i), thread * 1_000_000L + i);
                        if (i % 500 != 0) registry.remove(e, Registry.Removal.RELEASED);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            background.submit(() -> { }).get(10, java.util.concurrent.TimeUnit.SECONDS); // let queued work finish
            Set<String> tracked = registry.entries().stream().map(e -> e.path().toString()).collect(Collectors.toSet());
            assertEquals(8 * 40, tracked.size());
            assertTrue(w.healthy(), w.status());
            w.check(); // writes the last removals, held back until the next record or this pass
            assertEquals(tracked, listed(readCopy(w.file())));
            w.finish(false);
        } finally {
            workers.shutdownNow();
            background.shutdownNow();
        }
    }

    @Test
    void growsWhenManyEntriesAreLive() throws IOException {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        long fresh = Files.size(w.file());
        for (int i = 0; i < 5_000; i++) add(registry, tmp.resolve("root/live-" + i), i);
        assertTrue(Files.size(w.file()) > fresh, "5,000 live entries do not fit a fresh journal's regions");
        assertEquals(5_000, readCopy(w.file()).listed().size());
        w.finish(false);
    }

    @Test
    void aThreadWithItsInterruptFlagSetNeitherBreaksTheJournalNorLosesItsFlag() throws Exception {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        Thread.currentThread().interrupt(); // the host's business: an interruptible channel would close itself
        try {
            for (int i = 0; i < 5_000; i++) add(registry, tmp.resolve("root/while-interrupted-" + i), i); // grows
            assertTrue(Thread.currentThread().isInterrupted(), "the host's interrupt flag must survive");
        } finally {
            Thread.interrupted();
        }
        assertTrue(w.healthy(), w.status());
        assertEquals(0, w.errorCount());
        assertEquals(5_000, readCopy(w.file()).listed().size());
        w.finish(false);
    }

    @Test
    void theBackgroundThreadMakesRoomBeforeTheHostRunsOut() throws Exception {
        Registry registry = new Registry();
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            JournalWriter w = writer(registry, tmp.resolve("journals"), background);
            w.open();
            long fresh = Files.size(w.file());
            // Entries that stay live, until just past three quarters of the first region: the host
            // still has room, but the background is asked to make more (they will not fit in place).
            int record = JournalFormat.recordSize(JournalFormat.registerPayloadLength(
                    JournalFormat.pathBytes(tmp.resolve("root/fill-00000"))));
            int count = JournalWriter.INITIAL_REGION * 3 / 4 / record + 2;
            assertTrue((long) count * record + 4 < JournalWriter.INITIAL_REGION, "must not need room inline");
            for (int i = 0; i < count; i++) add(registry, tmp.resolve(String.format("root/fill-%05d", i)), i);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (Files.size(w.file()) == fresh && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(Files.size(w.file()) > fresh, "the journal grew ahead of need, with no host call waiting");
            assertEquals(count, readCopy(w.file()).listed().size());
            w.finish(false);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void churnWithFewLiveEntriesCompactsInPlaceWithoutNewFiles() throws Exception {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        Object inode = Files.readAttributes(w.file(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        long size = Files.size(w.file());
        Entry kept = add(registry, tmp.resolve("root/kept"), 1);
        for (int i = 0; i < 100_000; i++) {
            registry.remove(add(registry, tmp.resolve("root/churn-" + i), 10 + i), Registry.Removal.RELEASED);
        }
        // Thousands of region switches, yet the same file: no file was created, renamed or deleted.
        assertEquals(inode, Files.readAttributes(w.file(), java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        assertEquals(size, Files.size(w.file()));
        w.check(); // writes the last removals, held back until the next record or this pass
        assertEquals(Set.of(kept.path().toString()), listed(readCopy(w.file())));
        w.finish(false);
    }

    @Test
    void finishDeletesTheJournalOrKeepsWhatIsStillTracked() throws IOException {
        Registry registry = new Registry();
        JournalWriter w = writer(registry, tmp.resolve("journals"));
        w.open();
        add(registry, tmp.resolve("root/left"), 1);
        w.finish(true);
        assertTrue(Files.exists(w.file()), "kept: something is still tracked");
        assertEquals(Set.of(tmp.resolve("root/left").toString()), listed(readCopy(w.file())));

        Registry empty = new Registry();
        Path dir2 = tmp.resolve("journals2");
        JournalWriter w2 = writer(empty, dir2);
        w2.open();
        Entry e = add(empty, tmp.resolve("root/x"), 2);
        empty.remove(e, Registry.Removal.DELETED);
        w2.finish(true);
        assertFalse(Files.exists(w2.file()), "nothing tracked: the journal is deleted");
    }

    @Test
    void aTornLastRecordIsDetectedAndTheRecordsBeforeItAreRead() throws Exception {
        JournalFixture f = JournalFixture.of(owner, List.of(tmp));
        for (int i = 0; i < 3; i++) f.register(tmp.resolve("p" + i), PathKind.FILE, new FileIdentity(1, i, 0));
        byte[] all = f.bytes();
        int cut = f.recordStart(2) + 10; // in the middle of the third record
        byte[] torn = new byte[cut];
        System.arraycopy(all, 0, torn, 0, cut);
        JournalReader.Contents c = JournalReader.parse(ByteBuffer.wrap(torn));
        assertFalse(c.unreadable());
        assertEquals(Set.of(tmp.resolve("p0").toString(), tmp.resolve("p1").toString()), listed(c));
        assertNotNull(c.problem());
        assertTrue(c.problem().contains("record 3"), c.problem());
    }

    @Test
    void aRecordWithABadChecksumEndsTheLog() {
        JournalFixture f = JournalFixture.of(owner, List.of(tmp));
        for (int i = 0; i < 3; i++) f.register(tmp.resolve("p" + i), PathKind.FILE, new FileIdentity(1, i, 0));
        byte[] bytes = f.bytes();
        bytes[f.recordStart(1) + 12] ^= 0x5A; // flip bits inside the second record's payload
        JournalReader.Contents c = JournalReader.parse(ByteBuffer.wrap(bytes));
        assertEquals(Set.of(tmp.resolve("p0").toString()), listed(c));
        assertTrue(c.problem().contains("checksum"), c.problem());
    }

    @Test
    void garbageIsUnreadableWithAReason() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        JournalReader.Contents c = JournalReader.parse(ByteBuffer.wrap(garbage));
        assertTrue(c.unreadable());
        assertTrue(c.problem().contains("not a tempguard journal"), c.problem());
    }

    @Test
    void aDirectoryWritableByOthersIsRefusedAndJournalingStaysOff() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("open-to-all"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        JournalDirectory.RefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                JournalDirectory.RefusedException.class, () -> JournalDirectory.verify(dir));
        assertTrue(e.getMessage().contains("writable by other users"), e.getMessage());

        Registry registry = new Registry();
        JournalWriter w = writer(registry, dir);
        w.open();
        assertFalse(w.healthy());
        assertTrue(w.status().startsWith("off: "), w.status());
        assertEquals(1, w.errorCount());
        add(registry, tmp.resolve("root/still-tracked"), 1); // no exception, tracked in memory
        assertEquals(1, registry.fileCount());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written into a refused directory");
        }
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        Path dir;
        if (RunAs.isRoot()) {
            dir = Files.createDirectory(tmp.resolve("someone-elses"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Process chown = new ProcessBuilder("chown", "nobody", dir.toString()).inheritIO().start();
            assertEquals(0, chown.waitFor(), "chown nobody failed");
        } else {
            dir = Path.of("/usr"); // owned by root, not by this user
        }
        JournalDirectory.RefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                JournalDirectory.RefusedException.class, () -> JournalDirectory.verify(dir));
        assertTrue(e.getMessage().contains("owned by another user"), e.getMessage());
    }

    @Test
    void aSymbolicLinkIsRefusedAsTheJournalDirectory() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        JournalDirectory.RefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                JournalDirectory.RefusedException.class, () -> JournalDirectory.verify(link));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

}
