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

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety with damaged journals: a killed JVM's journal cut off in the middle of its last
 * record (as a kill during a write, or a lost page, leaves it), and a file of garbage named like a
 * journal. A sweep over JMX neither crashes nor stops: the torn journal's valid records are swept
 * and the path of its torn record stays; the garbage is renamed {@code *.corrupt} for inspection;
 * both problems are named in the SweepReport and in WARN lines on the sweeping host's stderr; a
 * second sweep finds nothing more to do; the host exits normally.
 */
@Timeout(120)
class CrashTornJournalTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(RunAs.class)
    void aTornJournalIsSweptUpToItsTearAndGarbageIsSetAside(RunAs user, @TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        CrashScenario.runAs(user, base, dirs -> run(user, jdk, dirs));
    }

    /**
     * A killed JVM's journal with one byte changed inside a record in the middle of its log (a bad
     * sector, not a kill): the sweep resumes after that record, so every other path is swept, the
     * damaged record's path stays, and the problem says where reading resumed.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(RunAs.class)
    void aJournalDamagedInTheMiddleIsSweptAroundItsDamagedRecord(RunAs user, @TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        CrashScenario.runAs(user, base, dirs -> runDamagedInTheMiddle(user, jdk, dirs));
    }

    private static void runDamagedInTheMiddle(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.base.resolve("journals");
        CrashScenario orphan = CrashScenario.killed(jdk, user, dirs, journalDir, 5, 30);
        Journals.Journal before = Journals.read(orphan.journal);
        int middle = before.records.size() / 2;
        Journals.Record damaged = null;
        for (int i = middle; i < before.records.size() - 1 && damaged == null; i++) {
            Journals.Record r = before.records.get(i);
            if (r.register() && Path.of(r.path()).getParent().equals(dirs.tmp)
                    && "FILE".equals(orphan.tracked.get(r.path()))) {
                damaged = r;
            }
        }
        assertTrue(damaged != null, "a file's record in the middle of the log: " + before.records);
        int damagedAt = before.records.indexOf(damaged);
        Journals.Record next = before.records.get(damagedAt + 1);
        byte[] bytes = Files.readAllBytes(orphan.journal);
        bytes[damaged.start() + 12] ^= 0x01; // inside the record's identity: its checksum fails
        Files.write(orphan.journal, bytes);
        List<String> validPaths = new ArrayList<>(orphan.allPaths());
        validPaths.remove(damaged.path());

        try (ChildJvm sweeper = CrashScenario.treeHost(jdk, user, dirs, journalDir, 0, 0, "sweepOnStart=false").start()) {
            sweeper.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(sweeper.pid())) {
                SweepReport report = jmx.awaitManager().sweepOrphans();
                String all = report.getSummary() + "\n" + report.getProblems() + "\n" + sweeper.describe();
                assertEquals(1, report.getJournalsSwept(), all);
                assertEquals(List.of(orphan.journal + ": record " + (damagedAt + 1) + " at offset "
                        + damaged.start() + " fails its checksum (torn write?); " + damagedAt
                        + " records before it were read; reading resumed at offset " + next.start() + ", where "
                        + (before.records.size() - damagedAt - 1) + " more records were read"),
                        report.getProblems(), all);
                assertEquals(validPaths.size() - orphan.untracked.size(), report.getPaths().getDeletedCount(),
                        "every path of a valid record, before and after the damage, once\n" + all);
                assertEquals(0, report.getPaths().getFailureCount(), all);
                Dirs.assertGone(validPaths, "the paths of the valid records");
                Dirs.assertPresent(List.of(damaged.path()), "the path of the damaged record");
                assertFalse(Files.exists(orphan.journal), "the damaged journal is done with");
            }
            sweeper.send("exit");
            sweeper.awaitNormalExit();
        }
        Dirs.assertNoTempLeft(dirs.tmp, "only the damaged record's file stays", Path.of(damaged.path()).getFileName().toString());
    }

    /** The scenario, with its child JVMs running as {@code user}. */
    private static void run(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.base.resolve("journals");
        CrashScenario orphan = CrashScenario.killed(jdk, user, dirs, journalDir, 5, 30);

        // Cut the journal in the middle of its last record.
        Journals.Journal before = Journals.read(orphan.journal);
        Journals.Record last = before.lastRecord();
        assertTrue(last.register(), "the last record registers the last file");
        Path lastPath = Path.of(last.path());
        assertEquals(dirs.tmp, lastPath.getParent(), "the last file lies directly in the temp directory");
        assertTrue(Files.size(orphan.journal) > before.end, "the journal has its zero-filled tail");
        long cut = last.start() + (last.end() - last.start()) / 2;
        try (FileChannel ch = FileChannel.open(orphan.journal, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
        }
        assertEquals(cut, Files.size(orphan.journal));
        List<String> validPaths = new ArrayList<>(orphan.allPaths());
        validPaths.remove(lastPath.toString());

        // A file of garbage named like the journal of a process that never ran.
        Path garbage = journalDir.resolve("journal-99999999-1.tgj");
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 'X';
        Files.write(garbage, noise);
        CrashScenario.giveTo(user, garbage); // planted by the user itself: another user's file is left alone
        Path corrupt = journalDir.resolve("journal-99999999-1.tgj.corrupt");

        try (ChildJvm sweeper = CrashScenario.treeHost(jdk, user, dirs, journalDir, 0, 0, "sweepOnStart=false").start()) {
            sweeper.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(sweeper.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                SweepReport report = manager.sweepOrphans();
                String all = report.getSummary() + "\n" + report.getProblems() + "\n" + sweeper.describe();
                assertEquals(1, report.getJournalsSwept(), "the torn journal is swept\n" + all);
                assertEquals(1, report.getJournalsSetAside(), "the garbage is set aside\n" + all);
                assertEquals(0, report.getJournalsLive(), all);
                assertEquals(2, report.getProblems().size(), "one problem per damaged file\n" + all);
                assertTrue(report.getProblems().stream().anyMatch(p -> p.contains(garbage.toString())
                        && p.contains("not a readable journal") && p.contains(corrupt.getFileName().toString())), all);
                assertTrue(report.getProblems().stream().anyMatch(p -> p.contains(orphan.journal.toString())
                        && p.contains("cut short")), all);
                assertEquals(validPaths.size() - orphan.untracked.size(), report.getPaths().getDeletedCount(),
                        "every path of a valid record, once\n" + all);
                assertEquals(0, report.getPaths().getFailureCount(), all);
                assertEquals(0, report.getPaths().getSkippedCount(), all);

                Dirs.assertGone(validPaths, "the paths of the valid records");
                Dirs.assertPresent(List.of(lastPath.toString()), "the path of the torn record");
                assertFalse(Files.exists(garbage), "the garbage no longer has a journal's name");
                assertArrayEquals(noise, Files.readAllBytes(corrupt), "the garbage, renamed, as it was");
                assertFalse(Files.exists(orphan.journal), "the torn journal is done with");

                // Both problems are told on the host's stderr, naming the files.
                assertTrue(sweeper.stderrLines().stream().anyMatch(l -> l.startsWith("[WARN] tempguard")
                        && l.contains(garbage.toString())), "a WARN line naming " + garbage + "\n" + all);
                assertTrue(sweeper.stderrLines().stream().anyMatch(l -> l.startsWith("[WARN] tempguard")
                        && l.contains(orphan.journal.toString())), "a WARN line naming " + orphan.journal + "\n" + all);

                SweepReport again = manager.sweepOrphans();
                assertEquals(0, again.getJournalsSwept(), again.getSummary());
                assertEquals(0, again.getJournalsSetAside(), "a *.corrupt file is left alone: " + again.getSummary());
                assertEquals(List.of(), again.getProblems(), again.getSummary());
                assertEquals(0, again.getPaths().getDeletedCount(), again.getSummary());
            }
            sweeper.send("exit");
            sweeper.awaitNormalExit();
            for (String line : sweeper.stderrLines()) {
                assertTrue(line.startsWith("[WARN] tempguard"), "only the sweep's warnings on stderr: " + line
                        + "\n" + sweeper.describe());
            }
            assertEquals(2, sweeper.stderrLines().size(), "one WARN line per damaged file\n" + sweeper.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "only the torn record's file stays", lastPath.getFileName().toString());
        assertEquals(List.of(corrupt.getFileName().toString()), Dirs.list(journalDir), "what the journal directory holds");
    }
}
