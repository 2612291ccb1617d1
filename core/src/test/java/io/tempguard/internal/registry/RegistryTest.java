package io.tempguard.internal.registry;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry alone: counters and both indexes, without a file system. */
class RegistryTest {
    private static final Path P = Paths.get("/registry-test/a.bin");

    private static void assertEmpty(Registry r) {
        assertEquals(0, r.fileCount() + r.directoryCount());
        assertEquals(0, r.bytes());
        assertTrue(r.isEmpty());
        assertTrue(r.entries().isEmpty());
        assertTrue(r.oldestFirst().isEmpty());
        assertNull(r.oldest());
    }

    @Test
    void addingTheSameFileTwiceCountsOnce() {
        Registry r = new Registry();
        FileIdentity id = new FileIdentity(1, 42, 1_000);

        assertNotNull(r.add(P, PathKind.FILE, id, 10, 0));
        assertNull(r.add(P, PathKind.FILE, id, 10, 5));

        assertEquals(1, r.createdTotal());
        assertEquals(1, r.fileCount());
        assertEquals(10, r.bytes());
    }

    @Test
    void anotherFileUnderATrackedNameReleasesTheOldEntryAndTracksTheNewOne() {
        Registry r = new Registry();
        Entry old = r.add(P, PathKind.FILE, new FileIdentity(1, 42, 1_000), 10, 0);

        Entry replacement = r.add(P, PathKind.FILE, new FileIdentity(1, 43, 2_000), 7, 5);

        assertNotNull(replacement);
        assertSame(replacement, r.get(P));
        assertFalse(r.remove(old, Registry.Removal.DELETED), "the old entry is gone already");
        assertEquals(2, r.createdTotal());
        assertEquals(1, r.releasedTotal());
        assertEquals(1, r.fileCount());
        assertEquals(7, r.bytes());
    }

    /**
     * A re-registration whose creation time moved (a JDK that reports mtime as creation time)
     * refreshes the entry in place. A cleanup that had listed the entry before the refresh then
     * removes it through its older object: the bytes must leave the total all the same.
     */
    @Test
    void removingAnEntryThroughItsObjectFromBeforeARefreshReleasesItsBytes() {
        Registry r = new Registry();
        Entry listedByACleanup = r.add(P, PathKind.FILE, new FileIdentity(1, 42, 1_000), 100, 0);
        assertNull(r.add(P, PathKind.FILE, new FileIdentity(1, 42, 2_000), 100, 5), "a refresh, not a new path");
        assertEquals(1, r.oldestFirst().size());
        assertEquals(100, r.bytes());

        assertTrue(r.remove(listedByACleanup, Registry.Removal.DELETED));

        assertEmpty(r);
        assertEquals(1, r.deletedTotal());
        assertEquals(1, r.createdTotal());
    }

    @Test
    void sizeUpdatesAfterARefreshStillCount() {
        Registry r = new Registry();
        r.add(P, PathKind.FILE, new FileIdentity(1, 42, 1_000), 100, 0);
        r.add(P, PathKind.FILE, new FileIdentity(1, 42, 2_000), 100, 5);

        r.updateSize(r.get(P), 250);
        assertEquals(250, r.bytes());
        r.remove(P, Registry.Removal.RELEASED);

        assertEmpty(r);
    }

    @Test
    void twoHundredThousandAddsAndRemovesLeaveBothIndexesEmpty() {
        Registry r = new Registry();
        for (int i = 0; i < 200_000; i++) {
            Path p = Paths.get("/registry-test/p" + i);
            Entry e = r.add(p, i % 7 == 0 ? PathKind.DIRECTORY : PathKind.FILE, new FileIdentity(1, i, i), i % 100, i);
            if (i % 2 == 0) {
                assertSame(e, r.remove(p, Registry.Removal.RELEASED));
            } else {
                assertTrue(r.remove(e, Registry.Removal.DELETED));
            }
        }
        assertEmpty(r);
        assertEquals(200_000, r.createdTotal());
        assertEquals(100_000, r.releasedTotal());
        assertEquals(100_000, r.deletedTotal());
    }

    @Test
    void oldestFirstFollowsRegistrationOrder() {
        Registry r = new Registry();
        Path a = Paths.get("/registry-test/a");
        Path b = Paths.get("/registry-test/b");
        Path c = Paths.get("/registry-test/c");
        r.add(b, PathKind.FILE, new FileIdentity(1, 2, 0), 0, 10);
        r.add(a, PathKind.FILE, new FileIdentity(1, 1, 0), 0, 20);
        r.add(c, PathKind.DIRECTORY, new FileIdentity(1, 3, 0), 0, 30);
        r.remove(a, Registry.Removal.RELEASED);

        assertEquals(List.of(b, c), r.oldestFirst().stream().map(Entry::path).collect(java.util.stream.Collectors.toList()));
        assertEquals(b, r.oldest().path());
    }
}
