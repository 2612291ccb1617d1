package io.tempguard.e2e;

import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety, the main scenario: a JVM with the agent creates 1,000 temp files and 50 nested
 * temp directories (some holding untracked files) and is killed with SIGKILL; everything stays on
 * disk, and so does its journal. The next JVM with the agent (same temp and journal directories)
 * sweeps the orphan on its own within seconds, as the user running the tests and as an
 * unprivileged one (whose journal was refused before issue 9 item 1), on each JDK: every path the dead JVM left is gone, its journal
 * too, while the sweeping JVM's own temp files and journal are untouched until its normal exit.
 */
@Timeout(120)
class CrashKillAndSweepTest {
    private static final int DIRS = 50;
    private static final int FILES = 1_000;

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void theNextJvmSweepsWhatAKilledJvmLeft(RunAs user, Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> sweepAfterKill(user, jdk, dirs));
    }

    private static void sweepAfterKill(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        // In the user's own temp directory: the agent creates it, and must trust it (issue 9 item 1:
        // an unprivileged user's own directory was refused, so nothing was ever swept).
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);

        CrashScenario orphan = CrashScenario.killed(jdk, user, dirs, journalDir, DIRS, FILES);
        assertEquals("rwx------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(journalDir, LinkOption.NOFOLLOW_LINKS)),
                "the agent creates the journal directory owner-only");
        assertEquals(DIRS, orphan.tracked.values().stream().filter("DIRECTORY"::equals).count());
        assertTrue(orphan.tracked.keySet().stream().anyMatch(p -> Path.of(p).getParent().getParent().getParent()
                .startsWith(dirs.tmp)), "some directories nest at least two levels deep");
        assertFalse(orphan.untracked.isEmpty(), "untracked files inside the temp directories");

        try (ChildJvm sweeper = CrashScenario.treeHost(jdk, user, dirs, journalDir, 2, 5).start()) {
            sweeper.awaitLine("READY");
            Map<String, String> own = CrashScenario.trackedOf(sweeper);
            assertEquals(7, own.size(), sweeper.describe());

            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the killed JVM's " + orphan.allPaths().size()
                            + " paths and its journal",
                    () -> CrashScenario.allGone(orphan.allPaths()) && !Files.exists(orphan.journal),
                    () -> "left: " + orphan.allPaths().stream().filter(p -> Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)).count()
                            + " paths; journals " + Journals.list(journalDir) + "\n" + sweeper.describe());

            Dirs.assertPresent(own.keySet(), "the sweeping JVM's own temp paths, while it runs");
            Path ownJournal = Journals.of(journalDir, sweeper.pid());
            assertNotNull(ownJournal, "the sweeping JVM's own journal, while it runs: " + Journals.list(journalDir));
            assertEquals(own, Journals.read(ownJournal).listed, "what the sweeping JVM's own journal lists");
            assertEquals(List.of(ownJournal), Journals.list(journalDir), "the only journal left");
            assertTrue(sweeper.isAlive(), sweeper.describe());

            sweeper.send("exit");
            sweeper.awaitNormalExit();
            assertEquals("", sweeper.stderr(), "a clean sweep says nothing at the default log level\n"
                    + sweeper.describe());
            Dirs.assertGone(own.keySet(), "the sweeping JVM's own paths at its normal exit");
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after the sweep and the sweeper's normal exit");
        Dirs.assertEmpty(journalDir, "no journal is left");
    }
}
