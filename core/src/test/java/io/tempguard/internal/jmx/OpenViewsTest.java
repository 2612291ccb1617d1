package io.tempguard.internal.jmx;

import io.tempguard.CleanupReport;
import io.tempguard.CleanupResult;
import io.tempguard.SweepReport;
import io.tempguard.SweepResult;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.internal.cleanup.CleanupResultBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two list limits: what an in-process result keeps, and what of it crosses JMX. Counts stay exact. */
class OpenViewsTest {

    @Test
    void anInProcessResultKeepsTenThousandPathsPerListAndCountsTheRest() {
        CleanupResultBuilder b = new CleanupResultBuilder(false);
        int n = CleanupResult.MAX_LISTED_IN_PROCESS + 5;
        for (int i = 0; i < n; i++) {
            b.deleted(path(i));
            b.failed(path(i), "busy");
            b.skipped(path(i), "moved");
        }
        CleanupResult r = b.build();

        assertEquals(10_000, CleanupResult.MAX_LISTED_IN_PROCESS);
        assertEquals(List.of((long) n, (long) n, (long) n), List.of(r.deletedCount(), r.failureCount(), r.skippedCount()));
        assertEquals(List.of(10_000, 10_000, 10_000), List.of(r.deleted().size(), r.failures().size(), r.skipped().size()));
    }

    @Test
    void theJmxViewListsTheFirstThousandOfEachListWithExactCounts() {
        CleanupResultBuilder b = new CleanupResultBuilder(true);
        for (int i = 0; i < 1_500; i++) {
            b.deleted(path(i));
            b.failed(path(i), "busy " + i);
            b.skipped(path(i), "moved " + i);
        }
        CleanupResult r = b.build();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) problems.add("journal " + i + ": torn");

        CleanupReport report = r.toReport();
        SweepReport sweep = OpenViews.sweep(new SweepResult(true, 3, 1, 0, 2, problems, r));

        assertEquals(1_000, TempFileManagerMXBean.MAX_LISTED_OVER_JMX);
        assertEquals(List.of(1_500L, 1_500L, 1_500L),
                List.of(report.getDeletedCount(), report.getFailureCount(), report.getSkippedCount()));
        assertEquals(List.of(1_000, 1_000, 1_000),
                List.of(report.getDeleted().size(), report.getFailures().size(), report.getSkipped().size()));
        assertEquals(path(999).toString(), report.getDeleted().get(999));
        assertEquals(path(999).toString(), report.getFailures().get(999).getPath());
        assertEquals("moved 999", report.getSkipped().get(999).getReason());
        assertEquals(r.summary(), report.getSummary());
        assertEquals(true, report.isDryRun());
        assertEquals(1_000, sweep.getProblems().size());
        assertEquals(List.of(3, 1, 0, 2), List.of(sweep.getJournalsSwept(), sweep.getJournalsLive(),
                sweep.getJournalsSetAside(), sweep.getJournalsBusy()));
        assertEquals(1_500L, sweep.getPaths().getDeletedCount());
        assertEquals(1_000, sweep.getPaths().getDeleted().size());
    }

    /** What JConsole's result dialog reads first: one line with the counts, bytes and time. */
    @Test
    void cleanupAndSweepReportsCarryTheirOneLineSummary() {
        CleanupResultBuilder b = new CleanupResultBuilder(false);
        for (int i = 0; i < 6; i++) b.deleted(path(i));
        b.bytesFreed(4096);
        CleanupResult r = b.build();

        CleanupReport report = r.toReport();
        SweepReport sweep = OpenViews.sweep(new SweepResult(false, 2, 1, 0, 0, List.of(), r));

        assertTrue(report.getSummary().matches("deleted 6 paths \\(4\\.0 KiB\\), 0 failures, 0 skipped in \\d+ ms"),
                report.getSummary());
        assertTrue(sweep.getSummary().matches("2 orphaned journals swept, 1 live left alone; "
                + "deleted 6 paths \\(4\\.0 KiB\\), 0 failures, 0 skipped in \\d+ ms"), sweep.getSummary());
    }

    private static Path path(int i) {
        return Paths.get("/tmp/tg-views/p" + i);
    }
}
