package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.UncapturedPathRow;
import io.tempguard.e2e.hosts.SparkLikeHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11 item 2 and 3 with a Spark-like host ({@link SparkLikeHost}): {@code blockmgr-<uuid>/0a/}
 * made with {@code File.mkdirs} and filled, {@code upload_<id>.tmp} written with a
 * {@code FileOutputStream}. With a matching capture rule both are tracked, gone at a normal exit
 * and swept after a SIGKILL (as root and as uid 65534); without one they are left alone and listed
 * as uncaptured. A file that existed before, overwritten by the host, and what it creates outside
 * the roots, are never tracked or deleted.
 */
@Timeout(120)
class CaptureSparkLikeTest {
    private static final String RULES = "capture=blockmgr-*:upload_*.tmp";
    private static final String ORIGINAL = "there before the host started";

    /** What one host run printed. */
    private static final class Run {
        final String blockmgr;
        final List<String> blocks;
        final String upload;
        final List<String> outside;
        /** What the host made with createTemp*: tracked with or without a rule. */
        final Map<String, String> temps = new LinkedHashMap<>();

        Run(ChildJvm host) {
            Map<String, String> printed = Dirs.printedPaths(host.stdoutLines(), "READY", "BLOCKMGR", "BLOCK", "UPLOAD",
                    "OUTSIDE", "PRE", "TEMPFILE", "TEMPDIR");
            printed.forEach((path, kind) -> {
                if (kind.startsWith("TEMP")) temps.put(path, kind.equals("TEMPDIR") ? "DIRECTORY" : "FILE");
            });
            blockmgr = only(printed, "BLOCKMGR");
            upload = only(printed, "UPLOAD");
            blocks = all(printed, "BLOCK");
            outside = all(printed, "OUTSIDE");
        }

        Map<String, String> captured() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(blockmgr, "DIRECTORY");
            m.put(upload, "FILE");
            return m;
        }

        /** Everything a rule captures plus the temp files. */
        Map<String, String> tracked() {
            Map<String, String> m = captured();
            m.putAll(temps);
            return m;
        }

        /** What the capture APIs made. */
        List<String> created() {
            List<String> all = new ArrayList<>(blocks);
            all.add(blockmgr);
            all.add(upload);
            return all;
        }

        List<String> createdAndTemps() {
            List<String> all = created();
            all.addAll(temps.keySet());
            return all;
        }

        private static String only(Map<String, String> printed, String kind) {
            List<String> found = all(printed, kind);
            assertEquals(1, found.size(), kind + " in " + printed);
            return found.get(0);
        }

        private static List<String> all(Map<String, String> printed, String kind) {
            List<String> found = new ArrayList<>();
            printed.forEach((path, k) -> {
                if (k.equals(kind)) found.add(path);
            });
            return found;
        }
    }

    private static Path preexisting(Dirs dirs, RunAs user) throws Exception {
        Path pre = Files.writeString(dirs.tmp.resolve("upload_preexisting.tmp"), ORIGINAL);
        CrashScenario.giveTo(user, pre);
        return pre;
    }

    private static ChildJvm.Builder host(Jdk jdk, RunAs user, Dirs dirs, Path pre, String... options) {
        return ChildJvm.builder(jdk, SparkLikeHost.class)
                .agent(CrashScenario.options(dirs.tmp.resolve(Dirs.STATE_DIR), options))
                .tmpdir(dirs.tmp).workDir(dirs.work).runAs(user).args(dirs.out.toString(), pre.toString());
    }

    private static String describe(List<UncapturedPathRow> rows) {
        List<String> out = new ArrayList<>();
        for (UncapturedPathRow r : rows) out.add(r.getKind() + " " + r.getPath() + " by " + r.getSite());
        return out.toString();
    }

    private static void assertOverwrittenAndKept(Path pre) throws Exception {
        assertEquals("overwritten by the host", Files.readString(pre, StandardCharsets.UTF_8),
                "the pre-existing file matching a rule: overwritten by the host, never deleted");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withARuleBothAreTrackedAndGoneAtExit(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path pre = preexisting(dirs, RunAs.CURRENT_USER);
        Run run;
        try (ChildJvm host = host(jdk, RunAs.CURRENT_USER, dirs, pre, RULES).start()) {
            host.awaitLine("READY");
            run = new Run(host);
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(run.tracked(), Jmx.trackedKinds(manager),
                        "the topmost directory mkdirs created, the upload and the temp files; not the pre-existing file, "
                                + "nothing outside");
                assertEquals(0, manager.getUncapturedCreatedTotal(),
                        () -> "the blocks go with their directory; uncaptured: " + describe(manager.listUncaptured(10)));
                assertEquals("blockmgr-*:upload_*.tmp", manager.getCaptureRules());
                assertEquals(0, manager.getAgentErrorCount());
            }
            Dirs.assertPresent(run.createdAndTemps(), "while the host runs");
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertGone(run.createdAndTemps(), "captured paths and temp files are deleted at the normal exit");
        Dirs.assertPresent(run.outside, "creations outside the roots: never tracked");
        assertOverwrittenAndKept(pre);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withoutARuleTheyAreLeftAloneAndListedAsUncaptured(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path pre = preexisting(dirs, RunAs.CURRENT_USER);
        Run run;
        try (ChildJvm host = host(jdk, RunAs.CURRENT_USER, dirs, pre).start()) {
            host.awaitLine("READY");
            run = new Run(host);
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(run.temps, Jmx.trackedKinds(manager), "no rule: only the temp files are tracked");
                List<String> rows = new ArrayList<>();
                for (UncapturedPathRow r : manager.listUncaptured(0)) rows.add(r.getKind() + " " + r.getPath());
                assertEquals(List.of("FILE " + run.upload, "DIRECTORY " + run.blockmgr), rows,
                        "newest first, the topmost new directory only; not the pre-existing file, nothing outside");
                assertEquals(2, manager.getUncapturedCreatedTotal(), "the temp files are not uncaptured creations");
                assertEquals(2, manager.getStats().getUncapturedCreatedTotal());
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertPresent(run.created(), "uncaptured paths are never deleted");
        Dirs.assertGone(run.temps.keySet(), "the temp files are, at exit");
        Dirs.assertPresent(run.outside, "outside the roots");
        assertOverwrittenAndKept(pre);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("io.tempguard.e2e.CrashScenario#usersAndJdks")
    void withARuleBothAreSweptAfterASigkill(RunAs user, Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        CrashScenario.runAs(user, base, dirs -> sweptAfterKill(user, jdk, dirs));
    }

    private static void sweptAfterKill(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.tmp.resolve(Dirs.STATE_DIR);
        Path pre = preexisting(dirs, user);
        Run killed;
        try (ChildJvm victim = host(jdk, user, dirs, pre, RULES).start()) {
            victim.awaitLine("READY");
            killed = new Run(victim);
            CrashScenario.awaitJournalListing(victim, journalDir, killed.tracked());
            assertEquals(137, victim.kill(), victim.describe());
            assertEquals("", victim.stderr(), victim.describe());
        }
        Dirs.assertPresent(killed.createdAndTemps(), "a killed JVM cleans nothing up");

        try (ChildJvm sweeper = host(jdk, user, dirs, pre, RULES).start()) {
            sweeper.awaitLine("READY");
            Run own = new Run(sweeper);
            Await.until(CrashScenario.SWEEP_WAIT, "the sweep of the killed JVM's captured paths",
                    () -> CrashScenario.allGone(killed.createdAndTemps()),
                    () -> "left: " + killed.createdAndTemps() + "\n" + sweeper.describe());
            Dirs.assertPresent(own.created(), "the sweeping JVM's own captured paths, while it runs");
            assertOverwrittenAndKept(pre);
            sweeper.send("exit");
            sweeper.awaitNormalExit();
            assertEquals("", sweeper.stderr(), sweeper.describe());
            Dirs.assertGone(own.created(), "the sweeping JVM's own captured paths at its normal exit");
        }
        Dirs.assertPresent(killed.outside, "outside the roots: never swept");
        assertOverwrittenAndKept(pre);
    }
}
