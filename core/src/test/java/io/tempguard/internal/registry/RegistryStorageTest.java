package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The compact storage of the registry (names packed beside an interned parent, a striped table,
 * an intrusive creation order): every path is found again as itself, whatever its parent, length
 * or bytes, and the counters always add up.
 */
class RegistryStorageTest {
    private static FileIdentity id(long ino) {
        return new FileIdentity(7, ino, ino * 1_000 + 1);
    }

    private static List<Path> paths(Registry r) {
        return r.oldestFirst().stream().map(Entry::path).collect(Collectors.toList());
    }

    @Test
    void manyParentsEachKeepTheirOwnNames() {
        Registry r = new Registry();
        List<Path> added = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            for (int f = 0; f < 150; f++) {
                Path p = Paths.get("/storage-test/dir" + d + "/sub/f" + f + ".tmp");
                assertNotNull(r.add(p, PathKind.FILE, id(d * 1000L + f), f, 0));
                added.add(p);
            }
        }
        assertEquals(9_000, r.fileCount());
        for (Path p : added) {
            Entry e = r.get(p);
            assertNotNull(e, p.toString());
            assertEquals(p, e.path());
        }
        assertEquals(added, paths(r), "creation order across parents");
        for (Path p : added) assertNotNull(r.remove(p, Registry.Removal.RELEASED), p.toString());
        assertTrue(r.isEmpty());
        assertTrue(r.oldestFirst().isEmpty());
        assertNull(r.oldest());
    }

    @Test
    void theSameNameUnderDifferentParentsIsTwoEntries() {
        Registry r = new Registry();
        Path a = Paths.get("/storage-test/a/same.bin");
        Path b = Paths.get("/storage-test/b/same.bin");
        Path nested = Paths.get("/storage-test/a/same.bin/same.bin");
        Entry ea = r.add(a, PathKind.DIRECTORY, id(1), 0, 0);
        Entry eb = r.add(b, PathKind.FILE, id(2), 5, 0);
        Entry en = r.add(nested, PathKind.FILE, id(3), 6, 0);

        assertEquals(3, r.counts().files() + r.counts().directories());
        assertSame(ea, r.get(a));
        assertSame(eb, r.get(b));
        assertSame(en, r.get(nested));
        assertSame(eb, r.remove(b, Registry.Removal.DELETED));
        assertNull(r.get(b));
        assertSame(ea, r.get(a), "removing b left a alone");
        assertEquals(PathKind.DIRECTORY, r.get(a).kind());
        assertEquals(6, r.bytes());
    }

    @Test
    void namesOfEveryLengthAndScriptComeBackAsThemselves() {
        Registry r = new Registry();
        List<Path> names = new ArrayList<>();
        for (int len = 1; len <= 70; len++) names.add(Paths.get("/storage-test/len", "x".repeat(len)));
        names.add(Paths.get("/storage-test/u/caf\u00e9-\u65e5\u672c-\ud83d\ude00.tmp"));
        names.add(Paths.get("/storage-test/u/\u00e9".repeat(1) + "\u00e9".repeat(40)));
        names.add(Paths.get("/storage-test/\u65e5\u672c/inner"));
        names.add(Paths.get("/top-level-file"));
        long ino = 0;
        for (Path p : names) assertNotNull(r.add(p, PathKind.FILE, id(++ino), 1, 0), p.toString());
        for (Path p : names) {
            Entry e = r.get(p);
            assertNotNull(e, p.toString());
            assertEquals(p, e.path());
            assertEquals(p.toString(), e.path().toString());
            assertEquals(p.toString(), e.pathText(), "the journal's text of the path");
        }
        assertNull(r.get(Paths.get("/storage-test/len", "x".repeat(71))));
        assertNull(r.get(Paths.get("/storage-test/len", "x".repeat(32) + "y")), "same first 32 bytes, other tail");
        assertEquals(names, paths(r));
    }

    /**
     * Linux names are bytes: two names that are not valid UTF-8 decode to the same text (with
     * U+FFFD), yet they are two files and must stay two entries, each found as itself.
     */
    @Test
    void namesThatAreNotValidTextStayDistinct(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "SKIPPED: needs /bin/sh to make non-UTF-8 names");
        Process p = new ProcessBuilder("/bin/sh", "-c", "cd \"$1\" && : > \"$(printf 'n\\377')\" && : > \"$(printf 'n\\376')\"",
                "sh", dir.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        List<Path> odd;
        try (Stream<Path> listing = Files.list(dir)) {
            odd = listing.collect(Collectors.toList());
        }
        assertEquals(2, odd.size());
        assumeTrue(!odd.get(0).equals(odd.get(1)), "SKIPPED: this JVM's file name encoding merges the two names");
        Registry r = new Registry();
        Entry first = r.add(odd.get(0), PathKind.FILE, id(1), 1, 0);
        Entry second = r.add(odd.get(1), PathKind.FILE, id(2), 2, 0);

        assertNotNull(first);
        assertNotNull(second, "a different name that decodes to the same text is a different path");
        assertSame(first, r.get(odd.get(0)));
        assertSame(second, r.get(odd.get(1)));
        assertEquals(odd.get(0), first.path());
        assertEquals(odd.get(1), second.path());
        assertEquals(odd.get(1).toString(), second.pathText());
        assertTrue(Files.exists(first.path()), "the stored path still names the file on disk");
        assertSame(second, r.remove(odd.get(1), Registry.Removal.RELEASED));
        assertSame(first, r.get(odd.get(0)));
    }

    @Test
    void removedAndAddedAgainGoesToTheEndOfTheOrderAsANewEntry() {
        Registry r = new Registry();
        Path a = Paths.get("/storage-test/o/a");
        Path b = Paths.get("/storage-test/o/b");
        Entry first = r.add(a, PathKind.FILE, id(1), 3, 10);
        r.add(b, PathKind.FILE, id(2), 4, 20);
        assertTrue(r.remove(first, Registry.Removal.DELETED));
        assertTrue(!r.remove(first, Registry.Removal.DELETED), "an entry is removed once");

        Entry again = r.add(a, PathKind.FILE, id(1), 3, 30);

        assertNotNull(again, "tracked again after its removal");
        assertNotEquals(first.seq(), again.seq());
        assertTrue(again.seq() > first.seq());
        assertEquals(List.of(b, a), paths(r));
        assertSame(again, r.get(a));
        assertEquals(0, first.size(), "the removed entry no longer counts");
        assertEquals(7, r.bytes());
        assertEquals(3, r.createdTotal());
        assertEquals(1, r.deletedTotal());
        assertEquals(2, r.trackedForAtLeast(java.time.Duration.ZERO, 30).size());
        assertEquals(List.of(r.get(b)), r.trackedForAtLeast(java.time.Duration.ofMillis(5), 30));
    }

    @Test
    void anIdentityOnAnotherDeviceThanItsParentsIsKeptExactly() {
        Registry r = new Registry();
        Path parentFirst = Paths.get("/storage-test/m/file");
        Path mountPoint = Paths.get("/storage-test/m/mounted");
        r.add(parentFirst, PathKind.FILE, new FileIdentity(7, 1, 1), 0, 0);
        FileIdentity other = new FileIdentity(99, 2, 2);
        FileIdentity millis = FileIdentity.ofMillis(7, 3, 3);
        r.add(mountPoint, PathKind.DIRECTORY, other, 0, 0);
        Path old = Paths.get("/storage-test/m/from-a-journal");
        r.add(old, PathKind.FILE, millis, 0, 0);

        assertEquals(other, r.get(mountPoint).identity());
        assertEquals(millis, r.get(old).identity());
        assertEquals(new FileIdentity(7, 1, 1), r.get(parentFirst).identity());
    }

    /**
     * Four threads add, re-add and remove overlapping paths under shared parents while a fifth
     * iterates; afterwards every counter adds up, and what the table finds is what the order lists.
     */
    @Test
    void countsAddUpUnderConcurrentChange() throws Exception {
        Registry r = new Registry();
        int threads = 4;
        int rounds = 40_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < rounds; i++) {
                        Path p = Paths.get("/storage-test/c/d" + rnd.nextInt(8), "f" + rnd.nextInt(300));
                        switch (rnd.nextInt(4)) {
                            case 0: r.add(p, PathKind.FILE, id(rnd.nextInt(3)), rnd.nextInt(10), i); break;
                            case 1: r.remove(p, Registry.Removal.RELEASED); break;
                            case 2: {
                                Entry e = r.get(p);
                                if (e != null) r.remove(e, Registry.Removal.DELETED);
                                break;
                            }
                            default: r.add(p, PathKind.DIRECTORY, id(5), 0, i);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        Thread reader = new Thread(() -> {
            try {
                start.await();
                while (workers.stream().anyMatch(Thread::isAlive)) {
                    for (Entry e : r.oldestFirst()) assertNotNull(e.path());
                    Registry.Counts c = r.counts();
                    assertEquals(c.created(), c.files() + c.directories() + c.deleted() + c.released() + c.skipped());
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        workers.forEach(Thread::start);
        reader.start();
        start.countDown();
        for (Thread w : workers) w.join();
        reader.join();
        if (failure.get() != null) throw new AssertionError(failure.get());

        Registry.Counts c = r.counts();
        assertEquals(c.created(), c.files() + c.directories() + c.deleted() + c.released() + c.skipped());
        List<Entry> listed = new ArrayList<>(r.oldestFirst());
        assertEquals(c.files() + c.directories(), listed.size());
        Set<Path> seen = new HashSet<>();
        long bytes = 0;
        long previousSeq = Long.MIN_VALUE;
        for (Entry e : listed) {
            assertTrue(seen.add(e.path()), "listed once: " + e.path());
            assertSame(e, r.get(e.path()));
            assertTrue(e.seq() > previousSeq, "creation order");
            previousSeq = e.seq();
            bytes += e.size();
        }
        assertEquals(bytes, r.bytes());
        for (Path p : seen) r.remove(p, Registry.Removal.RELEASED);
        assertTrue(r.isEmpty());
        assertEquals(0, r.bytes());
        assertNull(r.oldest());
    }
}
