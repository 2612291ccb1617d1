package io.tempguard.e2e;

import io.tempguard.e2e.hosts.TempTreeHost;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash-safety scenarios' common step: a {@link TempTreeHost} with the agent (its own
 * {@code java.io.tmpdir} and journal directory) creates its tree, and once its journal lists every
 * tracked path it is killed with SIGKILL, leaving its paths and its journal behind.
 */
final class CrashScenario {
    /** How long a sweep may take to show on disk: far more than the agent's 0.5 s delay plus a JVM start. */
    static final Duration SWEEP_WAIT = Duration.ofSeconds(15);

    /** Tracked paths the killed host printed, path to kind as the journal says it: FILE or DIRECTORY. */
    final Map<String, String> tracked;
    /** Ordinary files and directories the host made inside its temp directories. */
    final List<String> untracked;
    /** The killed host's journal. */
    final Path journal;
    final long pid;

    private CrashScenario(Map<String, String> tracked, List<String> untracked, Path journal, long pid) {
        this.tracked = tracked;
        this.untracked = untracked;
        this.journal = journal;
        this.pid = pid;
    }

    /** The agent options every child of these scenarios gets: its journal directory, then {@code more}. */
    static String options(Path journalDir, String... more) {
        StringBuilder s = new StringBuilder("journalDir=").append(journalDir);
        for (String m : more) s.append(',').append(m);
        return s.toString();
    }

    /** A {@link TempTreeHost} with the agent, in the scenario's temp and journal directories. */
    static ChildJvm.Builder treeHost(Jdk jdk, Dirs dirs, Path journalDir, int dirCount, int fileCount,
                                     String... moreOptions) {
        return treeHost(jdk, RunAs.CURRENT_USER, dirs, journalDir, dirCount, fileCount, moreOptions);
    }

    /** A {@link TempTreeHost} with the agent, running as {@code user}. */
    static ChildJvm.Builder treeHost(Jdk jdk, RunAs user, Dirs dirs, Path journalDir, int dirCount, int fileCount,
                                     String... moreOptions) {
        return ChildJvm.builder(jdk, TempTreeHost.class).agent(options(journalDir, moreOptions)).tmpdir(dirs.tmp)
                .workDir(dirs.work).runAs(user).args(Integer.toString(dirCount), Integer.toString(fileCount));
    }

    /**
     * The scenario's directories for children running as {@code user} (skipping the test where that
     * user cannot be had). For {@link RunAs#UNPRIVILEGED} they lie in a {@link RunAs#ownedTempDir}
     * that user owns, outside {@code base}: the caller removes them with {@link #removeOwned}.
     */
    static Dirs dirsFor(RunAs user, Path base) throws IOException {
        user.assumeAvailable();
        if (user == RunAs.CURRENT_USER) return Dirs.in(base);
        Dirs dirs = Dirs.in(user.ownedTempDir("tempguard-crash-"));
        for (Path d : List.of(dirs.tmp, dirs.work, dirs.out)) {
            Files.setAttribute(d, "unix:uid", RunAs.UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(d, "unix:gid", RunAs.UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
        }
        return dirs;
    }

    /** Makes {@code file}, created by the test, belong to {@code user} (a no-op for the current user). */
    static void giveTo(RunAs user, Path file) throws IOException {
        if (user == RunAs.CURRENT_USER) return;
        Files.setAttribute(file, "unix:uid", RunAs.UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(file, "unix:gid", RunAs.UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
    }

    /** A scenario body, given its directories. */
    interface Body {
        void run(Dirs dirs) throws Exception;
    }

    /**
     * Runs {@code body} in directories for children running as {@code user} ({@link #dirsFor}),
     * and removes those directories afterwards ({@link #removeOwned}).
     */
    static void runAs(RunAs user, Path base, Body body) throws Exception {
        Dirs dirs = dirsFor(user, base);
        try {
            body.run(dirs);
        } finally {
            removeOwned(user, dirs);
        }
    }

    /** Removes what {@link #dirsFor} made outside the test's own directory (nothing for the current user). */
    static void removeOwned(RunAs user, Dirs dirs) throws IOException {
        if (user == RunAs.CURRENT_USER || dirs == null) return;
        try (Stream<Path> walk = Files.walk(dirs.base)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Every (user, JDK) pair the scenarios run their child JVMs with. */
    static Stream<Arguments> usersAndJdks() {
        List<Arguments> all = new ArrayList<>();
        for (RunAs user : RunAs.values()) for (Jdk jdk : Jdk.values()) all.add(Arguments.of(user, jdk));
        return all.stream();
    }

    /** The tracked paths a {@link TempTreeHost} printed (after its READY), path to FILE or DIRECTORY. */
    static Map<String, String> trackedOf(ChildJvm host) {
        Map<String, String> tracked = new LinkedHashMap<>();
        Dirs.printedPaths(host.stdoutLines(), "READY", "FILE", "DIR").forEach(
                (path, kind) -> tracked.put(path, kind.equals("DIR") ? "DIRECTORY" : "FILE"));
        return tracked;
    }

    /** Waits until {@code host}'s journal in {@code journalDir} lists exactly {@code expected}; returns the journal. */
    static Path awaitJournalListing(ChildJvm host, Path journalDir, Map<String, String> expected) {
        Path[] journal = new Path[1];
        Await.until(Duration.ofSeconds(20), "the journal of " + host.pid() + " to list its " + expected.size()
                + " paths", () -> {
                    journal[0] = Journals.of(journalDir, host.pid());
                    if (journal[0] == null) return false;
                    Journals.Journal j = Journals.read(journal[0]);
                    return j != null && j.listed.equals(expected);
                }, () -> "journals: " + Journals.list(journalDir) + "; " + difference(journal[0], expected) + "\n"
                        + host.describe());
        return journal[0];
    }

    /** How what {@code journal} lists differs from {@code expected}, for failure messages. */
    static String difference(Path journal, Map<String, String> expected) {
        Journals.Journal j = journal == null ? null : Journals.read(journal);
        if (j == null) return "no journal";
        Map<String, String> missing = new LinkedHashMap<>(expected);
        j.listed.keySet().forEach(missing::remove);
        Map<String, String> extra = new LinkedHashMap<>(j.listed);
        expected.keySet().forEach(extra::remove);
        return j.records.size() + " records, " + j.listed.size() + " listed, problem: " + j.problem
                + "; not listed: " + missing + "; listed but not expected: " + extra;
    }

    /**
     * Runs a {@link TempTreeHost} to READY, waits until its journal lists all it tracks, kills it
     * with SIGKILL and checks that it left everything behind.
     */
    static CrashScenario killed(Jdk jdk, Dirs dirs, Path journalDir, int dirCount, int fileCount) throws Exception {
        return killed(jdk, RunAs.CURRENT_USER, dirs, journalDir, dirCount, fileCount);
    }

    /** {@link #killed(Jdk, Dirs, Path, int, int)} with the host running as {@code user}. */
    static CrashScenario killed(Jdk jdk, RunAs user, Dirs dirs, Path journalDir, int dirCount, int fileCount)
            throws Exception {
        try (ChildJvm victim = treeHost(jdk, user, dirs, journalDir, dirCount, fileCount).start()) {
            victim.awaitLine("READY");
            Map<String, String> tracked = trackedOf(victim);
            List<String> untracked = new ArrayList<>(
                    Dirs.printedPaths(victim.stdoutLines(), "READY", "UNTRACKED").keySet());
            assertEquals(dirCount + fileCount, tracked.size(), "paths the host created\n" + victim.describe());
            Path journal = awaitJournalListing(victim, journalDir, tracked);

            assertEquals(137, victim.kill(), "exit code of a SIGKILL\n" + victim.describe());
            assertEquals("", victim.stderr(), "the killed host's stderr\n" + victim.describe());
            Dirs.assertPresent(tracked.keySet(), "a killed JVM cleans nothing up");
            Dirs.assertPresent(untracked, "a killed JVM cleans nothing up");
            assertTrue(Files.isRegularFile(journal), "the killed host's journal is left behind: " + journal);
            Journals.Journal j = Journals.read(journal);
            assertNotNull(j, journal.toString());
            assertEquals(victim.pid(), j.pid, "pid in the journal's header");
            assertEquals(List.of(dirs.tmp.toString()), j.roots, "roots in the journal's header");
            assertEquals(tracked, j.listed, "what the journal lists after the kill");
            assertNull(j.problem, "the journal ends with its end-of-log mark");
            return new CrashScenario(tracked, untracked, journal, victim.pid());
        }
    }

    /** Every path the killed host left: tracked and untracked. */
    List<String> allPaths() {
        List<String> all = new ArrayList<>(tracked.keySet());
        all.addAll(untracked);
        return all;
    }

    /** Whether none of {@code paths} exists any more (links are not followed). */
    static boolean allGone(Iterable<String> paths) {
        for (String p : paths) if (Dirs.exists(Path.of(p))) return false;
        return true;
    }
}
