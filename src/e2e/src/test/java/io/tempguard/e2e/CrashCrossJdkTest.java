package io.tempguard.e2e;

import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A journal written on one JDK is swept on the other (issue 9, promises with no test): a JVM with
 * the agent on JDK 17 is killed with SIGKILL and the next JVM, on JDK 25, sweeps what it left; and
 * the reverse. Identities (device, inode, birth time in nanoseconds) must read the same on both.
 */
@Timeout(120)
class CrashCrossJdkTest {

    @ParameterizedTest(name = "written on {0}, swept on {1}")
    @CsvSource({"JDK17, JDK25", "JDK25, JDK17"})
    void aJournalWrittenOnOneJdkIsSweptOnTheOther(Jdk writer, Jdk sweeper, @TempDir Path base) throws Exception {
        writer.require();
        sweeper.require();
        Dirs dirs = Dirs.in(base);
        Path journalDir = base.resolve("journals");
        CrashScenario orphan = CrashScenario.killed(writer, dirs, journalDir, 10, 100);

        try (ChildJvm next = CrashScenario.treeHost(sweeper, dirs, journalDir, 0, 0).start()) {
            next.awaitLine("READY");
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep on " + sweeper + " of what a JVM on " + writer + " left",
                    () -> CrashScenario.allGone(orphan.allPaths()) && !Files.exists(orphan.journal),
                    () -> "journals " + Journals.list(journalDir) + "\n" + next.describe());
            next.send("exit");
            next.awaitNormalExit();
            assertEquals("", next.stderr(), "a clean sweep says nothing at the default log level\n" + next.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after the sweep");
        assertEquals(List.of(), Journals.list(journalDir), "no journal is left");
    }
}
