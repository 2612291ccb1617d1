package io.tempguard.e2e;

import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 7: an orphan that cannot be deleted (here an immutable file, {@code chattr +i}) is
 * reported once, not by every JVM that starts after it. A killed JVM leaves a file that is then
 * made immutable; the next JVM with the agent sweeps the rest and logs one WARN naming that file;
 * a second one sweeps it again (its journal is rewritten, which the test waits for) and says nothing.
 */
@Timeout(120)
class CrashUndeletableOrphanTest {

    @Test
    void aKnownUnchangedOrphanProblemIsReportedOnceNotOnEveryStart(@TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        Assumptions.assumeTrue(RunAs.isRoot(), "SKIPPED: chattr +i needs root");
        Dirs dirs = Dirs.in(base);
        Path journalDir = base.resolve("journals");
        CrashScenario orphan = CrashScenario.killed(jdk, dirs, journalDir, 1, 4);
        String pinned = orphan.tracked.entrySet().stream().filter(e -> e.getValue().equals("FILE"))
                .map(e -> e.getKey()).findFirst().orElseThrow();
        assertEquals(0, run("chattr", "+i", pinned));
        try {
            List<String> others = orphan.allPaths().stream().filter(p -> !p.equals(pinned)).collect(Collectors.toList());
            String first;
            try (ChildJvm sweeper = CrashScenario.treeHost(jdk, dirs, journalDir, 0, 0).start()) {
                sweeper.awaitLine("READY");
                first = sweeper.awaitStderr(s -> s.contains(pinned), "the sweep's WARN naming " + pinned);
                Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the other paths",
                        () -> CrashScenario.allGone(others), sweeper::describe);
                sweeper.send("exit");
                sweeper.awaitNormalExit();
                List<String> lines = sweeper.stderrLines();
                assertEquals(1, lines.size(), "one line for the orphan's problem\n" + sweeper.describe());
                assertTrue(lines.get(0).startsWith("[WARN] tempguard: sweep of journal " + orphan.journal), lines.get(0));
                assertTrue(lines.get(0).contains("1 path could not be deleted, kept for the next sweep"), lines.get(0));
            }
            assertTrue(Files.exists(Path.of(pinned)));
            assertTrue(Files.exists(orphan.journal), "kept for a later sweep");
            byte[] before = Files.readAllBytes(orphan.journal);

            try (ChildJvm again = CrashScenario.treeHost(jdk, dirs, journalDir, 0, 0).start()) {
                again.awaitLine("READY");
                // Each sweep rewrites the journal (its header's creation time changes): that is the
                // second sweep having run.
                Await.until(CrashScenario.SWEEP_WAIT, "the second sweep to rewrite the orphan's journal",
                        () -> !Arrays.equals(before, contentOf(orphan.journal)), again::describe);
                again.send("exit");
                again.awaitNormalExit();
                assertEquals("", again.stderr(), "the same problem is not reported again\n(first: " + first + ")\n"
                        + again.describe());
            }
            assertTrue(Files.exists(Path.of(pinned)));
            assertFalse(Files.exists(Path.of(others.get(0))));
        } finally {
            run("chattr", "-i", pinned);
        }
    }

    private static byte[] contentOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
