package io.tempguard.e2e;

import io.tempguard.e2e.hosts.SpillHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal holds a removal back until its next write (at most a second). A JVM killed right
 * after its host deleted temp files leaves a journal that still lists them; when the same user's
 * other files have taken some of those names meanwhile (ext4 hands out a freed inode number at
 * once), the next JVM's sweep deletes none of them, their identity not being the temp files', and
 * says so in one WARN line. Real
 * JVMs as root and as an unprivileged user, SIGKILL, the real sweep on start.
 */
@Timeout(180)
class CrashAfterDeletesTest {
    private static final int FILES = 20;
    private static final int TAKEN = 5;

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void filesThatTookTheNamesOfDeletedTempFilesSurviveTheSweep(RunAs user, Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> killAfterDeletesThenSweep(user, jdk, dirs));
    }

    private static void killAfterDeletesThenSweep(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);
        List<Path> taken = new ArrayList<>();
        Path journal = null;
        // The maintenance pass writes held-back removals every second: a kill that comes after it
        // finds nothing held back (safe, but not this test's case), so try again, up to 3 times.
        for (int attempt = 0; attempt < 3 && taken.isEmpty(); attempt++) {
            try (ChildJvm host = ChildJvm.builder(jdk, SpillHost.class).agent(CrashScenario.options(journalDir))
                    .tmpdir(dirs.tmp).workDir(dirs.work).runAs(user).start()) {
                host.awaitLine("READY");
                host.send("create " + FILES);
                host.awaitLine("CREATED " + FILES);
                Path own = Journals.of(journalDir, host.pid());
                assertNotNull(own, "the host's journal: " + Journals.list(journalDir) + "\n" + host.describe());
                List<String> created = new ArrayList<>(Journals.read(own).listed.keySet());
                assertEquals(FILES, created.size(), host.describe());

                host.send("delete");
                host.awaitLine("DELETED " + FILES);
                List<Path> others = new ArrayList<>();
                for (int i = 0; i < TAKEN; i++) { // the same user's files, under the deleted temp files' names
                    Path other = Files.write(Path.of(created.get(i)), ("kept " + i).getBytes(StandardCharsets.UTF_8));
                    CrashScenario.giveTo(user, other);
                    others.add(other);
                }
                assertEquals(137, host.kill(), host.describe());
                if (Journals.read(own).listed.keySet().containsAll(created)) { // the removals were held back
                    taken = others;
                    journal = own;
                } else {
                    for (Path p : others) Files.delete(p);
                    Files.deleteIfExists(own);
                }
            }
        }
        assertFalse(taken.isEmpty(), "no kill came before the maintenance pass wrote the removals (3 attempts)");

        Path killedJournal = journal;
        try (ChildJvm sweeper = ChildJvm.builder(jdk, SpillHost.class).agent(CrashScenario.options(journalDir))
                .tmpdir(dirs.tmp).workDir(dirs.work).runAs(user).start()) {
            sweeper.awaitLine("READY");
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the killed JVM's journal",
                    () -> !Files.exists(killedJournal),
                    () -> "journals " + Journals.list(journalDir) + "\n" + sweeper.describe());
            for (int i = 0; i < TAKEN; i++) {
                assertEquals("kept " + i, Files.readString(taken.get(i)), "a file that took a deleted temp file's name");
            }
            sweeper.send("exit");
            sweeper.awaitNormalExit();
            // One line for the episode, naming the refusal (here the inode number was often the same,
            // only the birth time's nanoseconds differed).
            List<String> err = sweeper.stderrLines();
            assertEquals(1, err.size(), sweeper.describe());
            assertTrue(err.get(0).startsWith("[WARN] tempguard: sweep of journal " + killedJournal) && err.get(0)
                    .contains(TAKEN + " paths left alone") && err.get(0).contains("identity changed since it was tracked"),
                    err.get(0));
        }
        for (Path p : taken) Files.delete(p);
        Dirs.assertNoTempLeft(dirs.tmp, "after the sweep and the sweeper's normal exit");
    }
}
