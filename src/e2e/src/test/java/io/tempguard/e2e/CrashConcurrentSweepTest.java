package io.tempguard.e2e;

import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety with two sweepers: two JVMs with the agent, started back to back, both sweep on
 * start the same orphan journal (of a killed JVM with 1,000 files and 50 directories). The
 * journal's lock lets exactly one of them have it: every path is deleted once (one sweep reports
 * them all deleted, none already gone), no WARN or ERROR on either side, both exit normally.
 * The agents run at log level info so each tells what its sweep did.
 */
@Timeout(120)
class CrashConcurrentSweepTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "\\[INFO] tempguard orphan sweep of (.+): (\\d+) orphaned journals? swept, (\\d+) live left alone; (.*)");

    @Test
    void twoSweepersAtOnceDeleteEachPathOnce(@TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        Dirs dirs = Dirs.in(base);
        Path journalDir = base.resolve("journals");
        CrashScenario orphan = CrashScenario.killed(jdk, dirs, journalDir, 50, 1_000);

        ChildJvm.Builder builder = CrashScenario.treeHost(jdk, dirs, journalDir, 0, 0, "log=info");
        try (ChildJvm first = builder.start(); ChildJvm second = builder.start()) {
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the orphan's " + orphan.allPaths().size() + " paths",
                    () -> CrashScenario.allGone(orphan.allPaths()) && !Files.exists(orphan.journal)
                            && !summaries(first, second).isEmpty(),
                    () -> first.describe() + "\n" + second.describe());
            first.awaitLine("READY");
            second.awaitLine("READY");
            // Both sweeps start 0.5 s after their agent, within moments of each other; the one that
            // found the journal taken or gone is silent, so give it a moment to finish before the exit.
            Thread.sleep(1_000);
            first.send("exit");
            second.send("exit");
            first.awaitNormalExit();
            second.awaitNormalExit();
            String both = first.describe() + "\n" + second.describe();

            List<String> summaries = summaries(first, second);
            assertEquals(1, summaries.size(), "one of the two swept the orphan, the other found it taken or gone\n" + both);
            Matcher m = SUMMARY.matcher(summaries.get(0));
            assertTrue(m.matches(), summaries.get(0));
            assertEquals(journalDir.toString(), m.group(1));
            assertEquals("1", m.group(2), "journals swept\n" + both);
            String paths = m.group(4);
            assertTrue(paths.startsWith("deleted " + orphan.tracked.size() + " paths "),
                    "every listed path deleted by this sweep: " + paths);
            assertFalse(paths.contains("already gone"), "no path was deleted by the other sweeper: " + paths);
            assertTrue(paths.contains(", 0 failures, 0 skipped"), paths);

            for (ChildJvm host : List.of(first, second)) {
                for (String line : host.stderrLines()) {
                    assertTrue(line.startsWith("[INFO] tempguard"), "no WARN or ERROR: " + line + "\n" + both);
                }
            }
        }
        Dirs.assertGone(orphan.allPaths(), "swept");
        Dirs.assertNoTempLeft(dirs.tmp, "after the sweep and both normal exits");
        assertEquals(List.of(), Journals.list(journalDir), "no journal is left");
    }

    /** The sweep summary lines the two hosts printed (a sweep that found no orphan prints none). */
    private static List<String> summaries(ChildJvm... hosts) {
        List<String> lines = new ArrayList<>();
        for (ChildJvm host : hosts) {
            for (String line : host.stderrLines()) if (line.contains("orphan sweep of")) lines.add(line);
        }
        return lines;
    }
}
