package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.DeleteOnExitAdoptHost;
import io.tempguard.e2e.hosts.ManyDeleteOnExitHost;
import io.tempguard.e2e.hosts.TempTreeHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 section 1 with real JVMs and the real agent ({@link DeleteOnExitAdoptHost}): a path
 * handed to File.deleteOnExit inside the roots is tracked and deleted at exit by tempguard, also a
 * directory that still holds files (the JDK cannot delete it) and also with shutdownCleanup=false;
 * it is swept after a SIGKILL, also when deleteOnExit came before the file existed; only what
 * tempguard did not take over stays on the JDK's list (its size is read in the host); a path
 * outside the roots, everything with adoptDeleteOnExit=false, and every request whose interception
 * fails, stays the JDK's. The SIGKILL sweep and the journal narrowed at exit run their children as
 * the user running the tests and as uid 65534 (root hides permission bugs in both).
 */
@Timeout(120)
class DeleteOnExitAdoptedPathsTest {
    private static final String OPEN_JAVA_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";

    /** The paths the host printed, by kind (LATER, DIR, EXISTING, OUTSIDE, KEPT). */
    private static Map<String, Path> printed(ChildJvm host) {
        Map<String, Path> paths = new LinkedHashMap<>();
        for (String line : host.stdoutLines()) {
            if (!line.startsWith("PATH ")) continue;
            String[] parts = line.split(" ", 3);
            paths.put(parts[1], Path.of(parts[2]));
        }
        assertEquals(List.of("LATER", "DIR", "EXISTING", "OUTSIDE", "KEPT"), List.copyOf(paths.keySet()), host.describe());
        return paths;
    }

    private static ChildJvm.Builder host(Jdk jdk, Dirs dirs) {
        return host(jdk, RunAs.CURRENT_USER, dirs);
    }

    private static ChildJvm.Builder host(Jdk jdk, RunAs user, Dirs dirs) {
        return ChildJvm.builder(jdk, DeleteOnExitAdoptHost.class).tmpdir(dirs.tmp).workDir(dirs.work).runAs(user)
                .jvmArgs(OPEN_JAVA_IO).args(dirs.out.resolve("outside.txt").toString());
    }

    private static String hookLine(ChildJvm host) {
        return host.stdoutLines().stream().filter(l -> l.startsWith("HOOK ")).findFirst()
                .orElseThrow(() -> new AssertionError("no HOOK line\n" + host.describe()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void atDefaultsTempguardDeletesTheAdoptedPathsAtExitAndTheJdkListHoldsOnlyTheRest(Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Map<String, Path> p;
        try (ChildJvm h = host(jdk, dirs).agent().start()) {
            h.awaitLine("READY");
            p = printed(h);
            // On the JDK's list: the path that did not exist yet (kept there until tempguard saw it)
            // and the one outside the roots. Without the agent: all four requests.
            assertEquals("HOOK 2", hookLine(h), "the JDK's DeleteOnExitHook list\n" + h.describe());
            try (Jmx jmx = Jmx.connect(h.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                Await.until(Duration.ofSeconds(10), "the path written after deleteOnExit to be adopted",
                        () -> manager.getAdoptedDeleteOnExitTotal() == 3,
                        () -> "AdoptedDeleteOnExitTotal " + manager.getAdoptedDeleteOnExitTotal());
                assertEquals(0, manager.getAgentErrorCount());
            }
            h.send("exit");
            h.awaitNormalExit();
            assertEquals("", h.stderr(), h.describe());
        }
        assertFalse(Dirs.exists(p.get("DIR")), "the directory still holding files is deleted by tempguard");
        assertFalse(Dirs.exists(p.get("OUTSIDE")), "the JDK still deletes the path outside the roots");
        Dirs.assertNoTempLeft(dirs.tmp, "after a normal exit");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withShutdownCleanupOffTheAdoptedPathsAreStillDeletedAndNothingElse(Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Map<String, Path> p;
        try (ChildJvm h = host(jdk, dirs).agent("shutdownCleanup=false").start()) {
            h.awaitLine("READY");
            p = printed(h);
            assertEquals("HOOK 2", hookLine(h), h.describe());
            h.send("exit");
            h.awaitNormalExit();
            assertEquals("", h.stderr(), h.describe());
        }
        assertFalse(Dirs.exists(p.get("OUTSIDE")));
        Dirs.assertNoTempLeft(dirs.tmp, "the host asked for these deletions; the temp file it did not hand to "
                + "deleteOnExit is kept, as shutdownCleanup=false says", p.get("KEPT").getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withAdoptDeleteOnExitOffEveryRequestStaysTheJdks(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Map<String, Path> p;
        try (ChildJvm h = host(jdk, dirs).agent("adoptDeleteOnExit=false").start()) {
            h.awaitLine("READY");
            p = printed(h);
            assertEquals("HOOK 4", hookLine(h), "all four requests on the JDK's list\n" + h.describe());
            try (Jmx jmx = Jmx.connect(h.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(0, manager.getAdoptedDeleteOnExitTotal());
                assertTrue(manager.listTracked(0).stream().noneMatch(t -> t.getPath().equals(p.get("DIR").toString())));
            }
            h.send("exit");
            h.awaitNormalExit();
            assertEquals("", h.stderr(), h.describe());
        }
        assertFalse(Dirs.exists(p.get("OUTSIDE")));
        // The JDK deletes files and empty directories only: the directory that holds files stays.
        Dirs.assertNoTempLeft(dirs.tmp, "the JDK's own behaviour", "work-dir");
    }

    /**
     * With shutdownCleanup=false and an exit cut short by shutdownTimeout, the paths not deleted yet
     * stay in the journal for the sweep, with their count in one WARN line; the journal lists only
     * them, so the sweep never deletes the temp file the host meant to keep.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void anExitCutShortLeavesTheRestToTheSweepAndNothingElse(RunAs user, Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> cutShortThenSwept(user, jdk, dirs));
    }

    private static void cutShortThenSwept(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);
        // As ExitCleanupTest: 30,000 paths outlast 100 ms of deleting. (A timeout of 1 ms could cut the
        // cleanup short while a birth-time probe file exists, where the file system shows no birth
        // time: the next probe there removes it, but this test checks that nothing else is left.)
        int count = 30_000;
        Path kept;
        List<Path> journals;
        try (ChildJvm h = ChildJvm.builder(jdk, ManyDeleteOnExitHost.class).tmpdir(dirs.tmp).workDir(dirs.work)
                .runAs(user).agent("shutdownCleanup=false,shutdownTimeout=100ms,jmx=false").args(Integer.toString(count)).start()) {
            h.awaitLine("READY");
            kept = Path.of(h.stdoutLines().stream().filter(l -> l.startsWith("KEPT ")).findFirst().orElseThrow()
                    .substring(5));
            h.send("exit");
            h.awaitNormalExit();
            assertTrue(h.stderr().contains("shutdown cleanup cut short after 100ms")
                    && h.stderr().contains("File.deleteOnExit paths not deleted yet"), h.describe());
            journals = Journals.list(journalDir);
        }
        long left = manyLeft(dirs.tmp);
        assertTrue(left > 0, "the exit was cut short: some of the " + count + " are left");
        assertEquals(1, journals.size(), "the journal stays for the sweep: " + journals);
        Journals.Journal j = Journals.read(journals.get(0));
        assertTrue(j.listed.keySet().stream().allMatch(p -> Path.of(p).getFileName().toString().startsWith("many-")),
                "the journal lists only the deleteOnExit paths, never the kept temp file: " + j.listed.keySet().stream()
                        .filter(p -> !Path.of(p).getFileName().toString().startsWith("many-")).collect(Collectors.toList()));
        assertTrue(j.listed.size() >= left, j.listed.size() + " listed, " + left + " left");

        try (ChildJvm next = ChildJvm.builder(jdk, TempTreeHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .runAs(user).args("1", "1").start()) {
            next.awaitLine("READY");
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the deleteOnExit paths left by the cut-short exit",
                    () -> manyLeft(dirs.tmp) == 0, () -> manyLeft(dirs.tmp) + " left\n" + next.describe());
            next.send("exit");
            next.awaitNormalExit();
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the kept temp file is never swept", kept.getFileName().toString());
    }

    private static long manyLeft(Path tmp) {
        return Dirs.list(tmp).stream().filter(n -> n.startsWith("many-")).count();
    }

    static Stream<Arguments> faultModes() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) {
            for (String mode : List.of("true", "escape")) all.add(Arguments.of(jdk, mode));
        }
        return all.stream();
    }

    /**
     * Fails open: with a fault in every interception (test-only switch; {@code escape}: thrown past
     * the agent's handler, caught by the bridge) each deleteOnExit request reaches the JDK's list as
     * without the agent, and each fault is counted in AgentErrorCount.
     */
    @ParameterizedTest(name = "{0} injectFault={1}")
    @MethodSource("faultModes")
    void aFaultInTheInterceptionLeavesEveryRequestToTheJdkAndIsCounted(Jdk jdk, String mode, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Map<String, Path> p;
        try (ChildJvm h = host(jdk, dirs).agent().jvmArgs("-Dtempguard.test.injectFault=" + mode).start()) {
            h.awaitLine("READY");
            p = printed(h);
            assertEquals("HOOK 4", hookLine(h), "every request on the JDK's list\n" + h.describe());
            try (Jmx jmx = Jmx.connect(h.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(5, manager.getAgentErrorCount(), "four deleteOnExit requests and one createTempFile");
                assertEquals(0, manager.getAdoptedDeleteOnExitTotal());
            }
            h.send("exit");
            h.awaitNormalExit();
            if (mode.equals("escape")) {
                assertEquals("", h.stderr(), "escaped faults are counted by the bridge, not logged");
            } else {
                assertTrue(h.stderr().contains("internal error in deleteOnExit interception"), h.describe());
            }
        }
        assertFalse(Dirs.exists(p.get("LATER")), "the JDK deleted it");
        assertFalse(Dirs.exists(p.get("EXISTING")), "the JDK deleted it");
        assertFalse(Dirs.exists(p.get("OUTSIDE")), "the JDK deleted it");
        assertTrue(Dirs.exists(p.get("DIR")), "the JDK cannot delete a directory that holds files");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void afterASigkillTheNextJvmSweepsTheAdoptedPathsAlsoTheOneWrittenAfterDeleteOnExit(RunAs user, Jdk jdk,
            @TempDir Path base) throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> killedThenSwept(user, jdk, dirs));
    }

    private static void killedThenSwept(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);
        Map<String, Path> p;
        try (ChildJvm victim = host(jdk, user, dirs).agent().start()) {
            victim.awaitLine("READY");
            p = printed(victim);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put(p.get("LATER").toString(), "FILE");
            expected.put(p.get("DIR").toString(), "DIRECTORY");
            expected.put(p.get("EXISTING").toString(), "FILE");
            expected.put(p.get("KEPT").toString(), "FILE");
            CrashScenario.awaitJournalListing(victim, journalDir, expected);
            assertEquals(137, victim.kill(), victim.describe());
        }
        for (String kind : List.of("LATER", "DIR", "EXISTING", "OUTSIDE", "KEPT")) {
            assertTrue(Dirs.exists(p.get(kind)), "a killed JVM deletes nothing: " + kind);
        }
        try (ChildJvm next = ChildJvm.builder(jdk, TempTreeHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .runAs(user).args("1", "1").start()) {
            next.awaitLine("READY");
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the adopted paths",
                    () -> !Dirs.exists(p.get("LATER")) && !Dirs.exists(p.get("DIR")) && !Dirs.exists(p.get("EXISTING")),
                    () -> "left: " + Dirs.list(dirs.tmp) + "; journals " + Journals.list(journalDir) + "\n"
                            + next.describe());
            next.send("exit");
            next.awaitNormalExit();
            assertEquals("", next.stderr(), next.describe());
        }
        assertTrue(Dirs.exists(p.get("OUTSIDE")), "outside the roots: never tracked, never swept");
        Dirs.assertNoTempLeft(dirs.tmp, "after the sweep and a normal exit");
    }
}
