package io.tempguard.e2e;

import io.tempguard.SweepReport;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.RunAs;
import io.tempguard.e2e.support.Journals;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety never touches the living: JVM A (agent) creates temp paths and stays alive; JVM B
 * (agent, same temp and journal directories) sweeps on start and once more over JMX, and finds
 * A's journal live: A's paths and journal stay as they were. When A exits normally, its paths and
 * its journal go.
 */
@Timeout(120)
class CrashLiveJournalTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(RunAs.class)
    void aLiveJvmsJournalSurvivesAnotherJvmsSweep(RunAs user, @TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        CrashScenario.runAs(user, base, dirs -> run(user, jdk, dirs));
    }

    /** The scenario, with its child JVMs running as {@code user}. */
    private static void run(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.base.resolve("journals");

        try (ChildJvm a = CrashScenario.treeHost(jdk, user, dirs, journalDir, 5, 30).start()) {
            a.awaitLine("READY");
            Map<String, String> aPaths = CrashScenario.trackedOf(a);
            List<String> aUntracked = List.copyOf(Dirs.printedPaths(a.stdoutLines(), "READY", "UNTRACKED").keySet());
            Path aJournal = CrashScenario.awaitJournalListing(a, journalDir, aPaths);
            try (Jmx jmx = Jmx.connect(a.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertTrue(manager.isJournalHealthy(), manager.getJournalStatus());
                assertEquals(0, manager.getJournalErrorCount(), manager.getJournalStatus());
                assertTrue(manager.getJournalStatus().contains(aJournal.toString()),
                        "JournalStatus names the journal: " + manager.getJournalStatus());
            }

            try (ChildJvm b = CrashScenario.treeHost(jdk, user, dirs, journalDir, 0, 0).start()) {
                b.awaitLine("READY");
                SweepReport report;
                try (Jmx jmx = Jmx.connect(b.pid())) {
                    report = jmx.awaitManager().sweepOrphans();
                }
                String all = report.getSummary() + " " + report.getProblems() + "\n" + b.describe();
                assertEquals(1, report.getJournalsLive(), "A's journal, found live (B's own is not counted)\n" + all);
                assertEquals(0, report.getJournalsSwept(), all);
                assertEquals(0, report.getJournalsSetAside(), all);
                assertEquals(List.of(), report.getProblems(), all);
                assertEquals(0, report.getPaths().getDeletedCount(), all);

                Dirs.assertPresent(aPaths.keySet(), "A's tracked paths while A lives");
                Dirs.assertPresent(aUntracked, "A's untracked files while A lives");
                assertEquals(aPaths, Journals.read(aJournal).listed, "A's journal after B's sweeps");
                assertTrue(a.isAlive(), a.describe());

                b.send("exit");
                b.awaitNormalExit();
                assertEquals("", b.stderr(), "B's stderr\n" + b.describe());
            }
            Dirs.assertPresent(aPaths.keySet(), "A's tracked paths after B's exit");

            a.send("exit");
            a.awaitNormalExit();
            assertEquals("", a.stderr(), "A's stderr\n" + a.describe());
            Dirs.assertGone(aPaths.keySet(), "A's paths at its normal exit");
            Dirs.assertGone(aUntracked, "the untracked files inside A's directories, with them");
            assertFalse(Files.exists(aJournal), "A's journal at its normal exit");
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after both normal exits");
        assertEquals(List.of(), Journals.list(journalDir), "no journal is left");
    }
}
