package io.tempguard.e2e;

import io.tempguard.e2e.hosts.SqliteHost;
import io.tempguard.e2e.hosts.TempTreeHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 section 1 with the real sqlite-jdbc from Maven Central: it extracts its native library
 * ({@code sqlite-<version>-<uuid>-libsqlitejdbc.so}) and a {@code .lck} file into
 * {@code java.io.tmpdir} and hands both to File.deleteOnExit, so after a SIGKILL or an OOM kill
 * both stay forever (sqlite-jdbc issue 1140). With the agent at defaults: a normal exit leaves
 * nothing; after a SIGKILL the next JVM with the agent sweeps both; the host's stdout is the same
 * as without the agent.
 */
@Timeout(180)
class DeleteOnExitSqliteTest {
    private static final String DB = "jdbc:sqlite::memory:";

    private static ChildJvm.Builder sqliteHost(Jdk jdk, RunAs user, Dirs dirs, String... args) {
        return ChildJvm.builder(jdk, SqliteHost.class).tmpdir(dirs.tmp).workDir(dirs.work).runAs(user)
                .classpath(ChildJvm.hostLib("sqlite-jdbc-3.54.1.0.jar")).args(args);
    }

    /** What sqlite-jdbc left in {@code tmp}: its extracted libraries and lock files. */
    private static List<String> sqliteFiles(Path tmp) {
        return Dirs.list(tmp).stream().filter(n -> n.startsWith("sqlite-")).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aNormalExitLeavesNothingAndTheHostPrintsWhatItPrintsWithoutTheAgent(Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs plainDirs = Dirs.in(Files.createDirectory(base.resolve("plain")));
        String plainOut;
        String plainErr; // JDK 25 warns about sqlite-jdbc's System.load: the same with and without the agent
        try (ChildJvm plain = sqliteHost(jdk, RunAs.CURRENT_USER, plainDirs, DB).start()) {
            plain.awaitNormalExit();
            plainOut = plain.stdout();
            plainErr = plain.stderr();
        }
        assertTrue(plainOut.contains("ROWS 3 alpha,beta,gamma"), plainOut);

        Dirs dirs = Dirs.in(Files.createDirectory(base.resolve("agent")));
        try (ChildJvm host = sqliteHost(jdk, RunAs.CURRENT_USER, dirs, DB).agent().start()) {
            host.awaitNormalExit();
            assertEquals(plainOut, host.stdout(), "the host's stdout with the agent vs without it");
            assertEquals(plainErr, host.stderr(), "the agent adds nothing to stderr\n" + host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "nothing of sqlite-jdbc is left in java.io.tmpdir after a normal exit");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void afterASigkillTheNextJvmSweepsTheExtractedLibraryAndItsLockFile(RunAs user, Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> sweepAfterKill(user, jdk, dirs));
    }

    private static void sweepAfterKill(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);
        List<String> left;
        try (ChildJvm victim = sqliteHost(jdk, user, dirs, DB, "wait").agent().start()) {
            victim.awaitLine("READY");
            left = sqliteFiles(dirs.tmp);
            assertEquals(2, left.size(), "sqlite-jdbc extracted its library and its lock file: " + left);
            assertTrue(left.stream().anyMatch(n -> n.endsWith(".so")) && left.stream().anyMatch(n -> n.endsWith(".lck")),
                    left.toString());
            Map<String, String> expected = left.stream()
                    .collect(Collectors.toMap(n -> dirs.tmp.resolve(n).toString(), n -> "FILE"));
            // Both were handed to deleteOnExit once they existed: tracked and journaled at once.
            CrashScenario.awaitJournalListing(victim, journalDir, expected);
            assertEquals(137, victim.kill(), victim.describe());
        }
        assertEquals(left, sqliteFiles(dirs.tmp), "a killed JVM deletes nothing: sqlite-jdbc's files stay");

        // Any JVM with the agent sweeps them; this one does not load sqlite-jdbc at all.
        try (ChildJvm next = ChildJvm.builder(jdk, TempTreeHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .runAs(user).args("1", "1").start()) {
            next.awaitLine("READY");
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of sqlite-jdbc's library and lock file",
                    () -> sqliteFiles(dirs.tmp).isEmpty(),
                    () -> "left: " + sqliteFiles(dirs.tmp) + "; journals " + Journals.list(journalDir) + "\n"
                            + next.describe());
            next.send("exit");
            next.awaitNormalExit();
            assertEquals("", next.stderr(), next.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after the sweep and a normal exit");
    }

    /** The same kill without the agent: sqlite-jdbc's files stay, so the test above measures something real. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withoutTheAgentASigkillLeavesThemForever(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm victim = sqliteHost(jdk, RunAs.CURRENT_USER, dirs, DB, "wait").start()) {
            victim.awaitLine("READY");
            assertEquals(137, victim.kill(), victim.describe());
        }
        assertEquals(2, sqliteFiles(dirs.tmp).size(), Dirs.list(dirs.tmp).toString());
        try (ChildJvm next = sqliteHost(jdk, RunAs.CURRENT_USER, dirs, DB).start()) {
            next.awaitNormalExit();
        }
        assertEquals(2, sqliteFiles(dirs.tmp).size(), "even a later sqlite-jdbc keeps them (its lock file exists)");
    }
}
