package io.tempguard.e2e;

import io.tempguard.OrphanSweep;
import io.tempguard.SweepResult;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety with two sweepers: two processes sweep the same orphan journal (of a killed JVM
 * with 3,000 files and 50 directories) at the same moment. Both start, load the sweeper, report
 * READY and wait; only when both are ready does the test release them, with one stdin line each.
 * Each reports the wall of its sweep (System.nanoTime, one monotonic clock for all processes on a
 * machine), so the test knows the two sweeps overlapped: the kernel's lock between processes, not
 * a thread lock, must let exactly one of them have the journal. Every path is deleted exactly once
 * (the deleted counts sum to the paths listed, nothing already gone, no failure), and the other
 * sweeper counts the journal as busy, not live.
 */
@Timeout(180)
class CrashConcurrentSweepTest {
    private static final int DIRS = 50;
    private static final int FILES = 3_000;

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void twoProcessesSweepingTheSameOrphanAtOnceDeleteEachPathOnce(RunAs user, Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> sweepTwiceAtOnce(user, jdk, dirs));
    }

    private static void sweepTwiceAtOnce(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);
        CrashScenario orphan = CrashScenario.killed(jdk, user, dirs, journalDir, DIRS, FILES);
        ChildJvm.Builder builder = ChildJvm.builder(jdk, Sweeper.class).runAs(user).tmpdir(dirs.tmp)
                .workDir(dirs.work).classpath(coreClasses(), ChildJvm.hostLib("slf4j-api-1.7.36.jar"))
                .args(journalDir.toString());
        try (ChildJvm first = builder.start(); ChildJvm second = builder.start()) {
            first.awaitLine("READY");
            second.awaitLine("READY");
            first.send("go");
            second.send("go");
            Map<String, Long> a = result(first);
            Map<String, Long> b = result(second);
            String both = first.describe() + "\n" + second.describe();

            assertTrue(a.get("start") < b.get("end") && b.get("start") < a.get("end"),
                    "the two sweeps overlapped in time\n" + both);
            assertEquals(1, a.get("swept") + b.get("swept"), "exactly one sweeper had the journal\n" + both);
            assertEquals(1, a.get("busy") + b.get("busy"), "the other found it busy (locked by a sweeper)\n" + both);
            assertEquals(0, a.get("live") + b.get("live"), "a dead JVM's journal is not live\n" + both);
            assertEquals(orphan.tracked.size(), a.get("deleted") + b.get("deleted"),
                    "each listed path deleted exactly once\n" + both);
            assertEquals(0, a.get("alreadyGone") + b.get("alreadyGone"), "nothing deleted twice\n" + both);
            assertEquals(0, a.get("failed") + b.get("failed") + a.get("problems") + b.get("problems"), both);
            assertEquals(0, first.awaitExit(), both);
            assertEquals(0, second.awaitExit(), both);
        }
        Dirs.assertGone(orphan.allPaths(), "swept");
        assertEquals(List.of(), Journals.list(journalDir), "no journal is left");
    }

    /** The numbers a {@link Sweeper} printed after "RESULT". */
    private static Map<String, Long> result(ChildJvm sweeper) {
        String line = sweeper.awaitStdout(l -> l.startsWith("RESULT "), "the sweep's result");
        Map<String, Long> values = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).split(" ")) {
            String[] kv = field.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }

    private static Path coreClasses() throws URISyntaxException {
        return Paths.get(OrphanSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * A process that sweeps the journal directory {@code args[0]} as the console does, once told
     * to: it prints READY (the sweeper's classes loaded), waits for a line on stdin, sweeps, and
     * prints {@code RESULT} with its counts and the nanoTime at which its sweep started and ended.
     */
    public static final class Sweeper {
        public static void main(String[] args) throws Exception {
            Path dir = Paths.get(args[0]);
            OrphanSweep.sweep(dir.resolveSibling("no-such-journal-dir"), true); // load the classes first
            System.out.println("READY");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long start = System.nanoTime();
            SweepResult r = OrphanSweep.sweep(dir, false);
            long end = System.nanoTime();
            List<String> fields = new ArrayList<>();
            fields.add("start=" + start);
            fields.add("end=" + end);
            fields.add("swept=" + r.journalsSwept());
            fields.add("busy=" + r.journalsBusy());
            fields.add("live=" + r.journalsLive());
            fields.add("deleted=" + r.paths().deletedCount());
            fields.add("alreadyGone=" + r.paths().alreadyGoneCount());
            fields.add("failed=" + r.paths().failureCount());
            fields.add("problems=" + r.problems().size());
            System.out.println("RESULT " + String.join(" ", fields));
            if (!r.problems().isEmpty()) System.err.println(r.problems());
        }
    }
}
