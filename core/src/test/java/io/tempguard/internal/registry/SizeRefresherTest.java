package io.tempguard.internal.registry;

import io.tempguard.internal.fs.BirthTimeSupport;
import io.tempguard.internal.fs.FsAttributes;
import io.tempguard.internal.fs.Roots;
import io.tempguard.internal.fs.SafeDeleter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The size refresh: each slice stays within its budgets and the next one resumes where it stopped. */
class SizeRefresherTest {
    @TempDir
    Path root;

    private final Registry registry = new Registry();
    private final AtomicLong clockMillis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override public long millis() { return clockMillis.get(); }
        @Override public Instant instant() { return Instant.ofEpochMilli(clockMillis.get()); }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    };

    private SafeDeleter deleter() {
        return new SafeDeleter(Roots.of(List.of(root)), new BirthTimeSupport());
    }

    /** {@code n} empty files, tracked while empty, then each written with {@code size} bytes. */
    private List<Entry> trackEmptyThenFill(int n, int size) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = Files.createFile(root.resolve("f" + i));
            entries.add(registry.track(f, FsAttributes.lstat(f), clock.millis()));
        }
        for (int i = 0; i < n; i++) Files.write(root.resolve("f" + i), new byte[size]);
        return entries;
    }

    @Test
    void aSliceMeasuresAtMostItsEntryBudgetAndTheNextResumesWhereItStopped() throws IOException {
        List<Entry> entries = trackEmptyThenFill(250, 10);
        SizeRefresher refresher = new SizeRefresher(registry, deleter(), clock, System::nanoTime, 100,
                Long.MAX_VALUE);
        assertEquals(0, registry.bytes(), "sizes as registered: empty");

        assertFalse(refresher.step(), "250 paths do not fit a budget of 100");
        assertEquals(1000, registry.bytes(), "exactly the budget's 100 paths measured");
        for (int i = 0; i < 250; i++) assertEquals(i < 100 ? 10 : 0, entries.get(i).size(), "entry " + i);
        assertTrue(refresher.inRound());

        assertFalse(refresher.step());
        assertEquals(2000, registry.bytes(), "the second slice took the next 100, not the first again");
        assertTrue(refresher.step(), "the last 50 end the round");
        assertEquals(2500, registry.bytes());
        assertFalse(refresher.inRound());
    }

    @Test
    void aSliceStopsAtItsTimeBudget() throws IOException {
        trackEmptyThenFill(50, 1);
        AtomicLong nanos = new AtomicLong();
        // Each read of the ticker moves it 1 ms on: a 10 ms budget leaves room for about ten paths.
        SizeRefresher refresher = new SizeRefresher(registry, deleter(), clock,
                () -> nanos.addAndGet(1_000_000), Integer.MAX_VALUE, 10_000_000);
        assertFalse(refresher.step());
        long measured = registry.bytes();
        assertTrue(measured >= 1 && measured <= 10, "measured " + measured + " paths within 10 ms");
        while (!refresher.step()) { /* the rest, in further slices */ }
        assertEquals(50, registry.bytes());
    }

    @Test
    void aDirectoryTreeIsMeasuredWithoutCountingItsTrackedFilesTwiceAndAgeCountsFromTheLastCompleteRound()
            throws IOException {
        Path dir = Files.createDirectory(root.resolve("tree"));
        Entry tree = registry.track(dir, FsAttributes.lstat(dir), clock.millis());
        Files.createDirectories(dir.resolve("a/b"));
        Files.write(dir.resolve("a/b/data"), new byte[3000]);
        Path inner = Files.write(dir.resolve("inner"), new byte[0]);
        Entry innerEntry = registry.track(inner, FsAttributes.lstat(inner), clock.millis());
        Files.write(inner, new byte[500]);
        Files.createSymbolicLink(dir.resolve("link"), Files.write(root.resolve("outside"), new byte[7000]));
        SizeRefresher refresher = new SizeRefresher(registry, deleter(), clock);

        clockMillis.addAndGet(Duration.ofSeconds(42).toMillis());
        assertEquals(42, refresher.ageSeconds(), "no round yet: as old as the refresher");
        assertTrue(refresher.step());
        assertEquals(3000, tree.size(), "the tree's own file; the link's target and the tracked file are not in it");
        assertEquals(500, innerEntry.size());
        assertEquals(3500, registry.bytes());
        assertEquals(0, refresher.ageSeconds());
        clockMillis.addAndGet(Duration.ofSeconds(7).toMillis());
        assertEquals(7, refresher.ageSeconds());
    }
}
