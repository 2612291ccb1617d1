package io.tempguard.e2e;

import io.tempguard.CleanupReport;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety: a sweep deletes only what the dead JVM created. After the kill, one tracked file's
 * name is given to a new file (another inode) and one tracked directory (holding tracked and
 * untracked paths) is replaced by a symbolic link to a directory outside the temp root that holds
 * the same names and more. A sweep over JMX deletes every other path, deletes neither the new
 * file nor anything behind the link, and reports each path it left as skipped, with the reason.
 */
@Timeout(120)
class CrashSweepSafetyTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(RunAs.class)
    void aReplacedFileAndADirectorySwappedForALinkAreSkipped(RunAs user, @TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        CrashScenario.runAs(user, base, dirs -> run(user, jdk, dirs));
    }

    /** The scenario, with its child JVMs running as {@code user}. */
    private static void run(RunAs user, Jdk jdk, Dirs dirs) throws Exception {
        Path journalDir = dirs.base.resolve("journals");
        CrashScenario orphan = CrashScenario.killed(jdk, user, dirs, journalDir, 10, 40);

        // The replaced file: one directly in the temp directory.
        Path file = orphan.tracked.entrySet().stream()
                .filter(e -> e.getValue().equals("FILE") && Path.of(e.getKey()).getParent().equals(dirs.tmp))
                .map(e -> Path.of(e.getKey())).findFirst().orElseThrow();
        Object inodeBefore = Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        Path replacement = file.resolveSibling(file.getFileName() + ".new");
        Files.write(replacement, "the replacement".getBytes(StandardCharsets.UTF_8));
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertNotEquals(inodeBefore, Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS),
                "the name now belongs to another inode");

        // The swapped directory: the top-level one with the most tracked paths under it.
        Path dir = orphan.tracked.entrySet().stream()
                .filter(e -> e.getValue().equals("DIRECTORY") && Path.of(e.getKey()).getParent().equals(dirs.tmp))
                .map(e -> Path.of(e.getKey()))
                .max(Comparator.comparingLong(d -> orphan.tracked.keySet().stream().filter(p -> Path.of(p).startsWith(d)).count()))
                .orElseThrow();
        Set<String> trackedUnderDir = orphan.tracked.keySet().stream()
                .filter(p -> Path.of(p).startsWith(dir) && !Path.of(p).equals(dir))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertTrue(trackedUnderDir.size() >= 2, "tracked paths inside " + dir + ": " + trackedUnderDir);

        // Outside the temp root, the same names as inside the swapped directory, and one more file.
        Path outside = Files.createDirectory(dirs.out.resolve("behind-the-link"));
        List<Path> behind = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().collect(Collectors.toList())) {
                if (p.equals(dir)) continue;
                Path mirror = outside.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(mirror);
                } else {
                    Files.write(mirror, ("must survive: " + mirror.getFileName()).getBytes(StandardCharsets.UTF_8));
                }
                behind.add(mirror);
            }
        }
        behind.add(Files.write(outside.resolve("precious.txt"), "must survive".getBytes(StandardCharsets.UTF_8)));
        assertTrue(behind.size() > trackedUnderDir.size(), "untracked paths mirrored too: " + behind);
        // The link is made before the directory goes, so it cannot reuse the directory's inode number.
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + ".link"), outside);
        deleteTree(dir);
        Files.move(link, dir, StandardCopyOption.ATOMIC_MOVE);

        Set<String> expectedSkipped = new LinkedHashSet<>(List.of(file.toString(), dir.toString()));
        expectedSkipped.addAll(trackedUnderDir);
        try (ChildJvm sweeper = CrashScenario.treeHost(jdk, user, dirs, journalDir, 0, 0, "sweepOnStart=false").start()) {
            sweeper.awaitLine("READY");
            assertTrue(Files.exists(orphan.journal), "sweepOnStart=false: the orphan is still there");
            SweepReport report;
            try (Jmx jmx = Jmx.connect(sweeper.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                report = manager.sweepOrphans();
            }
            String all = report.getSummary() + "\n" + report.getProblems() + "\n" + report.getPaths().getSkipped()
                    + "\n" + report.getPaths().getFailures() + "\n" + sweeper.describe();
            assertEquals(1, report.getJournalsSwept(), all);
            assertEquals(0, report.getJournalsSetAside(), all);
            assertEquals(List.of(), report.getProblems(), all);
            CleanupReport paths = report.getPaths();
            assertEquals(0, paths.getFailureCount(), all);
            Map<String, String> skipped = new LinkedHashMap<>();
            for (CleanupReport.ProblemRow row : paths.getSkipped()) skipped.put(row.getPath(), row.getReason());
            assertEquals(expectedSkipped, skipped.keySet(), "the paths the sweep skipped\n" + all);
            assertEquals(expectedSkipped.size(), paths.getSkippedCount(), all);
            for (Map.Entry<String, String> e : skipped.entrySet()) {
                assertFalse(e.getValue() == null || e.getValue().isBlank(), "a reason for " + e.getKey());
            }
            assertTrue(skipped.get(file.toString()).contains("identity changed"), "why " + file + ": " + skipped.get(file.toString()));
            assertTrue(skipped.get(dir.toString()).contains("identity changed"), "why " + dir + ": " + skipped.get(dir.toString()));
            assertEquals(orphan.tracked.size() - expectedSkipped.size(), paths.getDeletedCount(), all);
            assertEquals(0, paths.getAlreadyGoneCount(), all);

            // On disk: the new file and everything behind the link stay; the rest is gone.
            assertEquals("the replacement", Files.readString(file), "the new file is untouched");
            assertTrue(Files.isSymbolicLink(dir), "the link stays");
            assertEquals(outside, Files.readSymbolicLink(dir));
            for (Path p : behind) assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "behind the link: " + p);
            List<String> rest = new ArrayList<>(orphan.allPaths());
            rest.removeIf(p -> p.equals(file.toString()) || Path.of(p).startsWith(dir));
            Dirs.assertGone(rest, "the paths the sweep could delete safely");
            assertFalse(Files.exists(orphan.journal), "the journal goes: nothing failed, the skipped are not retried");

            // The skips are told on the sweeping host's stderr too, in one summary line (issue 9
            // item 7: a guest prints at most one line per event), naming the journal and the first.
            List<String> warns = sweeper.stderrLines().stream().filter(l -> l.startsWith("[WARN] tempguard"))
                    .collect(Collectors.toList());
            assertEquals(1, warns.size(), "one WARN line for the sweep's skips\n" + sweeper.describe());
            String warn = warns.get(0);
            assertTrue(warn.startsWith("[WARN] tempguard: sweep of journal " + orphan.journal), warn);
            assertTrue(warn.contains(expectedSkipped.size() + " paths left alone (first: "), warn);
            assertTrue(warn.contains(file.toString()) || warn.contains(dir.toString()), warn);
            sweeper.send("exit");
            sweeper.awaitNormalExit();
        }
        Dirs.assertNoTempLeft(dirs.tmp, "only the new file and the link stay",
                file.getFileName().toString(), dir.getFileName().toString());
        assertEquals(List.of(), Journals.list(journalDir), "no journal is left");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(p);
        }
    }
}
