package io.tempguard;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sizes: a tracked file inside a tracked directory counts once; listing refreshes file sizes. */
class MeasureAndListTest extends ManagerPerTest {

    @Test
    void aTrackedFileInsideATrackedDirectoryIsMeasuredOnce() throws Exception {
        Path dir = manager.createTempDirectory(root, "work-");
        Path tracked = manager.createTempFile(dir, "tracked-", ".bin");
        Files.write(tracked, new byte[1000]);
        Files.write(dir.resolve("untracked.bin"), new byte[10]);

        assertEquals(1010, manager.measureTrackedBytes());
        assertEquals(1010, manager.stats().trackedBytes());
        assertEquals(1010, manager.previewCleanup(java.time.Duration.ZERO).bytesFreed());
        assertEquals(1010, manager.cleanupAll().bytesFreed());
    }

    @Test
    void listingReadsTheCurrentSizeOfEachListedFile() throws Exception {
        Path f = manager.createTempFile(root, "grows-", ".log");
        assertEquals(0, manager.stats().trackedBytes(), "created empty");
        Files.write(f, new byte[4321]);

        List<TrackedPath> listed = manager.listTracked(10);

        assertEquals(4321, listed.get(0).sizeBytes());
        assertEquals(4321, manager.stats().trackedBytes(), "the listing updated the last-measured total");
    }
}
