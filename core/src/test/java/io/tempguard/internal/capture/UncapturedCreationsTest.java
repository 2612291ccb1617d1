package io.tempguard.internal.capture;

import io.tempguard.PathKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ring of uncaptured creations: newest first, bounded, topmost new path only. */
class UncapturedCreationsTest {
    private static final Path ROOT = Paths.get("/uncaptured-test");

    private static boolean record(UncapturedCreations u, String relative, PathKind kind) {
        Path p = ROOT.resolve(relative);
        return u.record(p, kind, 1_000, p.getNameCount() - ROOT.getNameCount(), "site");
    }

    @Test
    void whatIsCreatedInsideAListedDirectoryIsPartOfIt() {
        UncapturedCreations u = new UncapturedCreations(10);
        assertTrue(record(u, "blockmgr-1", PathKind.DIRECTORY));
        assertFalse(record(u, "blockmgr-1/0a", PathKind.DIRECTORY));
        assertFalse(record(u, "blockmgr-1/0a/shuffle.data", PathKind.FILE));
        assertTrue(record(u, "upload_1.tmp", PathKind.FILE));
        assertTrue(record(u, "blockmgr-2/0a", PathKind.DIRECTORY), "a sibling directory is not inside blockmgr-1");
        assertEquals(3, u.total());
        List<UncapturedCreations.Created> rows = u.newestFirst(10);
        assertEquals(ROOT.resolve("blockmgr-2/0a"), rows.get(0).path());
        assertEquals(ROOT.resolve("upload_1.tmp"), rows.get(1).path());
        assertEquals(PathKind.FILE, rows.get(1).kind());
        assertEquals(ROOT.resolve("blockmgr-1"), rows.get(2).path());
    }

    @Test
    void aFileNeverHidesWhatFollowsItsName() {
        // Nothing can be created inside a file; were the file replaced by a directory, that creation counts.
        UncapturedCreations u = new UncapturedCreations(10);
        assertTrue(record(u, "job", PathKind.FILE));
        assertTrue(record(u, "job/part-0", PathKind.FILE));
        assertEquals(2, u.total());
    }

    @Test
    void theRingKeepsTheNewestAndForgetsEvictedDirectories() {
        UncapturedCreations u = new UncapturedCreations(2);
        assertTrue(record(u, "work", PathKind.DIRECTORY));
        assertTrue(record(u, "a.tmp", PathKind.FILE));
        assertTrue(record(u, "b.tmp", PathKind.FILE)); // evicts "work"
        assertTrue(record(u, "work/x.tmp", PathKind.FILE), "work is no longer listed, so its new file is");
        assertEquals(4, u.total());
        List<UncapturedCreations.Created> rows = u.newestFirst(5);
        assertEquals(2, rows.size());
        assertEquals(ROOT.resolve("work/x.tmp"), rows.get(0).path());
        assertEquals(ROOT.resolve("b.tmp"), rows.get(1).path());
    }

    @Test
    void aDirectoryListedTwiceStaysListedUntilBothAreEvicted() {
        UncapturedCreations u = new UncapturedCreations(3);
        assertTrue(record(u, "d", PathKind.DIRECTORY));
        assertTrue(record(u, "f1", PathKind.FILE));
        assertTrue(record(u, "d", PathKind.DIRECTORY)); // created again after a delete
        assertTrue(record(u, "f2", PathKind.FILE)); // evicts the first "d"
        assertFalse(record(u, "d/inner", PathKind.FILE), "the second d is still in the ring");
    }

    @Test
    void capacityMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UncapturedCreations(0));
        assertTrue(e.getMessage().contains("capacity must be >= 1"), e.getMessage());
    }
}
