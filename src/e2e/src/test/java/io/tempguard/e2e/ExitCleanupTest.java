package io.tempguard.e2e;

import io.tempguard.e2e.hosts.ExitCleanupHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's exit cleanup in a real JVM that exits normally: what it prints when paths are
 * skipped (issue 9 item 7), and how shutdownTimeout bounds it when the cleanup or a host shutdown
 * hook takes longer (the suite's missing test for the timeout branch).
 */
@Timeout(180)
class ExitCleanupTest {
    /** Time the JVM may take to exit on top of what it must wait for (a loaded 2-core machine). */
    private static final Duration SLACK = Duration.ofSeconds(4);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void fiftySkippedPathsAtExitPrintOneWarnLine(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, ExitCleanupHost.class).agent().tmpdir(dirs.tmp)
                .workDir(dirs.work).args("replaced", "50").start()) {
            host.awaitNormalExit();
            Map<String, String> files = Dirs.printedPaths(host.stdoutLines(), "done", "FILE");
            assertEquals(50, files.size(), host.describe());
            Dirs.assertPresent(files.keySet(), "the host's new files at the old names are not tempguard's to delete");
            List<String> err = host.stderrLines();
            assertEquals(1, err.size(), "one summary line, not one per path\n" + host.describe());
            String line = err.get(0);
            assertTrue(line.startsWith("[WARN] tempguard shutdown cleanup: deleted 0 paths"), line);
            assertTrue(line.contains("50 skipped"), line);
            assertTrue(line.contains("and 47 more"), "the first three are named, the rest counted: " + line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aCleanupThatOutlastsShutdownTimeoutIsCutShortWithOneLine(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        // 30,000 files take well over a second to delete here (100,000 took 4.8 s, measured with
        // shutdownTimeout=1h), far beyond 100 ms, and are quick to create even on a loaded machine;
        // the tree still being there afterwards shows the cut happened.
        try (ChildJvm host = ChildJvm.builder(jdk, ExitCleanupHost.class).agent("shutdownTimeout=100ms")
                .tmpdir(dirs.tmp).workDir(dirs.work).args("bigTree", "30000").start()) {
            host.awaitLine("EXITING");
            long mainReturned = System.nanoTime();
            host.awaitNormalExit();
            Duration exit = Duration.ofNanos(System.nanoTime() - mainReturned);
            assertTrue(exit.compareTo(Duration.ofMillis(100).plus(SLACK)) < 0,
                    "the JVM exited " + exit.toMillis() + " ms after main returned; shutdownTimeout=100ms\n"
                            + host.describe());
            Path tree = Path.of(Dirs.printedPaths(host.stdoutLines(), "done", "DIR").keySet().iterator().next());
            assertTrue(Dirs.exists(tree), "the cleanup was cut short: the tree is still there");
            List<String> err = host.stderrLines();
            assertEquals(1, err.size(), host.describe());
            assertTrue(err.get(0).startsWith("[WARN] tempguard: shutdown cleanup cut short after 100ms; letting the JVM "
                    + "exit with 0 files and 1 directories still tracked; the journal "), err.get(0));
            assertTrue(err.get(0).endsWith(" lists them for a later sweep"), err.get(0));
        }
    }

    /** Issue 13: what a cut-short exit leaves is said with its count and its fate: no journal, no sweep. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aCutShortExitWithoutAJournalSaysNoSweepWillFindWhatIsLeft(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, ExitCleanupHost.class).agent("shutdownTimeout=100ms,journal=false")
                .tmpdir(dirs.tmp).workDir(dirs.work).args("bigTree", "30000").start()) {
            host.awaitNormalExit();
            Path tree = Path.of(Dirs.printedPaths(host.stdoutLines(), "done", "DIR").keySet().iterator().next());
            assertTrue(Dirs.exists(tree), "the cleanup was cut short: the tree is still there");
            List<String> err = host.stderrLines();
            assertEquals(1, err.size(), host.describe());
            assertEquals("[WARN] tempguard: shutdown cleanup cut short after 100ms; letting the JVM exit with 0 files and "
                    + "1 directories still tracked; this JVM keeps no journal (journal=false), so no sweep will find them: "
                    + "they stay on disk", err.get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aHostShutdownHookThatOutlivesShutdownTimeoutDoesNotHoldTheCleanup(Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Duration hook = Duration.ofSeconds(4);
        try (ChildJvm host = ChildJvm.builder(jdk, ExitCleanupHost.class).agent("shutdownTimeout=1s")
                .tmpdir(dirs.tmp).workDir(dirs.work).args("slowHook", Long.toString(hook.toMillis())).start()) {
            host.awaitLine("EXITING");
            long mainReturned = System.nanoTime();
            Map<String, String> files = Dirs.printedPaths(host.stdoutLines(), "done", "FILE");
            // The cleanup stops waiting after 1 s and deletes while the host's hook still sleeps.
            host.awaitStderr(l -> l.contains("still runs after"), "the line saying the cleanup did not wait longer");
            io.tempguard.testkit.Await.until(Duration.ofSeconds(30), "the temp files deleted",
                    () -> files.keySet().stream().noneMatch(p -> Dirs.exists(Path.of(p))), host::describe);
            assertTrue(host.isAlive() && !host.stdoutLines().contains("HOOK DONE"),
                    "deleted before the host's hook ended\n" + host.describe());
            host.awaitNormalExit();
            Duration exit = Duration.ofNanos(System.nanoTime() - mainReturned);
            assertTrue(exit.compareTo(hook.plus(SLACK)) < 0, "exit " + exit.toMillis() + " ms\n" + host.describe());
            assertTrue(host.stdoutLines().contains("HOOK DONE"), "the JVM still let the host's hook finish");
            List<String> err = host.stderrLines();
            assertEquals(List.of("[WARN] tempguard: the host's shutdown hook 'slow-host-hook' still runs after 1s; "
                    + "cleaning up anyway"), err, host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after the exit");
    }
}
