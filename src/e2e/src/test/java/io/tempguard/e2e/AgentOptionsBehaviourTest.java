package io.tempguard.e2e;

import io.tempguard.e2e.hosts.ExitCleanupHost;
import io.tempguard.e2e.hosts.RootsHost;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each agent option does in a real JVM (the parsing itself is unit-tested in the agent
 * module): shutdownCleanup=false, jmx=false, journal=false, several roots, and each log level.
 * shutdownTimeout is in {@link ExitCleanupTest}.
 */
@Timeout(120)
class AgentOptionsBehaviourTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void shutdownCleanupOffLeavesTheFilesAfterExit(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, RootsHost.class).agent("shutdownCleanup=false").tmpdir(dirs.tmp)
                .workDir(dirs.work).args("exit", dirs.tmp.toString(), dirs.tmp.toString()).start()) {
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
            Map<String, String> files = Dirs.printedPaths(host.stdoutLines(), "done", "FILE");
            assertEquals(2, files.size());
            Dirs.assertPresent(files.keySet(), "shutdownCleanup=false: tempguard deletes nothing at exit");
        }
        // The journal goes at a clean exit either way: a later sweep must not delete what was kept.
        assertEquals(List.of(), Dirs.list(dirs.tmp.resolve(Dirs.STATE_DIR)), "no journal left");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void severalRootsAreEachManagedAndNothingOutside(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path a = dirs.dir("root-a");
        Path b = dirs.dir("root-b");
        try (ChildJvm host = ChildJvm.builder(jdk, RootsHost.class).agent("roots=" + a + ":" + b).tmpdir(dirs.tmp)
                .workDir(dirs.work).args("wait", a.toString(), b.toString(), dirs.out.toString()).start()) {
            host.awaitLine("READY");
            List<String> files = new ArrayList<>(Dirs.printedPaths(host.stdoutLines(), "done", "FILE").keySet());
            try (Jmx jmx = Jmx.connect(host.pid())) {
                Map<String, String> tracked = Jmx.trackedKinds(jmx.awaitManager());
                assertEquals(List.of(files.get(0), files.get(1)), new ArrayList<>(tracked.keySet()),
                        "the files in both roots are tracked, the one outside is not");
                assertEquals(1, jmx.awaitManager().getUnmanagedCreatedTotal(), "the one outside counts as unmanaged");
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
            Dirs.assertGone(files.subList(0, 2), "deleted at exit in each root");
            Dirs.assertPresent(files.subList(2, 3), "outside the roots: never deleted");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void jmxOffRegistersNoMBean(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, RootsHost.class).agent("jmx=false,log=debug").tmpdir(dirs.tmp)
                .workDir(dirs.work).args("wait", dirs.tmp.toString()).start()) {
            host.awaitLine("READY");
            // The MBean would be registered on the maintenance thread right after the journal opens.
            host.awaitStderr(l -> l.contains("tempguard: journal ") && l.endsWith(" open"), "the journal opening");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < until) {
                    assertFalse(jmx.isRegistered(), "jmx=false: " + Jmx.OBJECT_NAME + " must not be registered");
                    Thread.sleep(100);
                }
            }
            host.send("exit");
            host.awaitNormalExit();
            assertFalse(host.stderr().contains("registered MBean"), host.describe());
            Dirs.assertNoTempLeft(dirs.tmp, "the cleanup at exit still ran");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void journalOffWritesNoJournalSoNothingIsSweptAfterSigkill(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path journals = dirs.dir("journals");
        List<String> files;
        try (ChildJvm host = ChildJvm.builder(jdk, RootsHost.class)
                .agent("journal=false,journalDir=" + journals).tmpdir(dirs.tmp).workDir(dirs.work)
                .args("wait", dirs.tmp.toString()).start()) {
            host.awaitLine("READY");
            files = new ArrayList<>(Dirs.printedPaths(host.stdoutLines(), "done", "FILE").keySet());
            try (Jmx jmx = Jmx.connect(host.pid())) {
                assertEquals(1, jmx.awaitManager().getTrackedFileCount(), "the file is tracked");
                assertFalse(jmx.awaitManager().isJournalHealthy());
            }
            assertEquals(List.of(), Dirs.list(journals), "journal=false: no journal file");
            assertEquals(137, host.kill());
        }
        // A later JVM with the journal on sweeps the directory: there is nothing for it to find.
        try (ChildJvm sweeper = ChildJvm.builder(jdk, RootsHost.class).agent("journalDir=" + journals + ",log=info")
                .tmpdir(dirs.tmp).workDir(dirs.work).args("wait").start()) {
            sweeper.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(sweeper.pid())) {
                jmx.awaitManager();
                Await.until(Duration.ofSeconds(30), "the sweeper's own journal (its start is done)",
                        () -> Dirs.list(journals).size() == 1, sweeper::describe);
            }
            sweeper.send("exit");
            sweeper.awaitNormalExit();
            assertFalse(sweeper.stderr().contains("orphan sweep of"), "nothing was swept\n" + sweeper.describe());
        }
        Dirs.assertPresent(files, "no journal recorded it, so nothing could sweep it");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void eachLogLevelPrintsWhatItsThresholdLetsThrough(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        for (String level : List.of("off", "error", "warn", "info", "debug")) {
            Dirs dirs = Dirs.in(Files.createDirectory(base.resolve(level)));
            try (ChildJvm host = ChildJvm.builder(jdk, ExitCleanupHost.class).agent("log=" + level).tmpdir(dirs.tmp)
                    .workDir(dirs.work).args("replaced", "1").start()) {
                host.awaitNormalExit();
                List<String> err = host.stderrLines();
                String warn = "[WARN] tempguard shutdown cleanup: deleted 0 paths";
                boolean hasWarn = err.stream().anyMatch(l -> l.startsWith(warn));
                boolean hasInfo = err.stream().anyMatch(l -> l.startsWith("[INFO] tempguard ") && l.contains(" active"));
                boolean hasDebug = err.stream().anyMatch(l -> l.startsWith("[DEBUG] tempguard"));
                String why = "log=" + level + "\n" + host.describe();
                switch (level) {
                    case "off":
                    case "error":
                        assertEquals(List.of(), err, why); // nothing at ERROR happened
                        break;
                    case "warn":
                        assertEquals(1, err.size(), why);
                        assertTrue(hasWarn, why);
                        break;
                    case "info":
                        assertTrue(hasWarn && hasInfo && !hasDebug, why);
                        assertTrue(err.stream().allMatch(l -> l.startsWith("[WARN] ") || l.startsWith("[INFO] ")), why);
                        break;
                    default:
                        assertTrue(hasWarn && hasInfo && hasDebug, why);
                        assertTrue(err.stream().anyMatch(l -> l.startsWith("[DEBUG] tempguard: not deleting ")),
                                "debug lists each skipped path\n" + why);
                        break;
                }
            }
        }
    }
}
