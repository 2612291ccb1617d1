package io.tempguard.e2e;

import io.tempguard.e2e.hosts.MountJobHost;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2, end to end: a host with the agent makes {@code Files.createTempDirectory("job-")}
 * with an empty {@code mnt}; the test bind-mounts a data directory from outside the roots (same
 * file system, so the same device) there. Neither the host's exit cleanup nor, after a SIGKILL,
 * the next agent JVM's sweep may touch the data: the job's own content goes, the mount point and
 * the job directory stay, and the log says "mount point; left in place". The host runs as the
 * current user and as an unprivileged one who owns the data (so nothing but tempguard's own rules
 * protect it); the mount is made by the test, as root.
 */
@Timeout(180)
class BindMountTest {
    private static final Duration SWEEP_WAIT = Duration.ofSeconds(15);
    private static final List<String> DATA = List.of("a.txt", "deep", "deep/b.txt");
    private static final List<String> LEFT = List.of("mnt");

    private final List<Path> mounted = new ArrayList<>();
    private final List<Path> scratch = new ArrayList<>();

    static Stream<Arguments> hostsAndUsers() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) for (RunAs user : RunAs.values()) cases.add(Arguments.of(jdk, user));
        return cases.stream();
    }

    @AfterEach
    void unmountAndRemove() throws Exception {
        for (int i = mounted.size() - 1; i >= 0; i--) {
            if (run("umount", mounted.get(i).toString()) != 0) run("umount", "-l", mounted.get(i).toString());
        }
        for (Path dir : scratch) removeTree(dir);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("hostsAndUsers")
    void theHostsExitCleanupLeavesTheBoundDataAlone(Jdk jdk, RunAs user) throws Exception {
        Path tmp = setUp(jdk, user);
        Path data = data(user);
        try (ChildJvm host = host(jdk, user, tmp).start()) {
            Path job = awaitJob(host);
            bind(data, job.resolve("mnt"));

            host.send("exit");
            host.awaitNormalExit();

            assertDataIntact(data, host);
            assertEquals(LEFT, jobContents(job), "only the mount point is left of the job directory\n" + host.describe());
            assertTrue(host.stderr().contains(job.resolve("mnt") + ": mount point; left in place"),
                    "the exit cleanup names the mount point\n" + host.describe());
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("hostsAndUsers")
    void theSweepOfAKilledHostLeavesTheBoundDataAlone(Jdk jdk, RunAs user) throws Exception {
        Path tmp = setUp(jdk, user);
        Path data = data(user);
        Path job;
        try (ChildJvm victim = host(jdk, user, tmp).start()) {
            job = awaitJob(victim);
            bind(data, job.resolve("mnt"));
            // The journal lists the job directory once it is written out: wait for that before the kill.
            Await.until(Duration.ofSeconds(20), "the victim's journal to list " + job,
                    () -> journalLists(tmp, victim, job), victim::describe);
            assertEquals(137, victim.kill(), victim.describe());
        }
        assertEquals(List.of("mnt", "result.txt", "work", "work/part.txt"), jobContents(job), "a killed JVM cleans nothing up");

        try (ChildJvm sweeper = host(jdk, user, tmp).start()) {
            Path own = awaitJob(sweeper);
            Await.until(SWEEP_WAIT, "the sweep of the killed host's job directory (all but the mount point)",
                    () -> jobContents(job).equals(LEFT), () -> "left: " + jobContents(job) + "\n" + sweeper.describe());
            assertDataIntact(data, sweeper);
            sweeper.awaitStderr(l -> l.contains(job.resolve("mnt") + ": mount point; left in place"),
                    "the sweep naming the mount point");
            sweeper.send("exit");
            sweeper.awaitNormalExit();
            assertTrue(!Files.exists(own, LinkOption.NOFOLLOW_LINKS), "the sweeper's own job directory goes at its exit");
        }
        assertDataIntact(data, null);
    }

    private Path setUp(Jdk jdk, RunAs user) throws IOException {
        jdk.require();
        user.assumeAvailable();
        Assumptions.assumeTrue(RunAs.isRoot(), "SKIPPED: mount --bind needs root");
        Path tmp = user.ownedTempDir("tg-bind-tmp-");
        scratch.add(tmp);
        return tmp;
    }

    private static ChildJvm.Builder host(Jdk jdk, RunAs user, Path tmp) {
        return ChildJvm.builder(jdk, MountJobHost.class).agent().tmpdir(tmp).workDir(tmp).runAs(user);
    }

    private static Path awaitJob(ChildJvm host) {
        host.awaitLine("READY");
        String line = host.awaitStdout(l -> l.startsWith("DIR "), "the job directory");
        return Path.of(line.substring(4));
    }

    /** Data outside the roots, owned by {@code user}, so only tempguard's rules keep that user's host off it. */
    private Path data(RunAs user) throws IOException {
        Path base = user.ownedTempDir("tg-bind-data-");
        scratch.add(base);
        Path data = Files.createDirectory(base.resolve("data"));
        Files.write(data.resolve("a.txt"), "precious a".getBytes(StandardCharsets.UTF_8));
        Files.write(Files.createDirectory(data.resolve("deep")).resolve("b.txt"), "precious b".getBytes(StandardCharsets.UTF_8));
        if (user == RunAs.UNPRIVILEGED) {
            try (Stream<Path> s = Files.walk(data)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.setAttribute(p, "unix:uid", RunAs.UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", RunAs.UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return data;
    }

    private void bind(Path source, Path target) throws Exception {
        assertEquals(0, run("mount", "--bind", source.toString(), target.toString()), "mount --bind " + source + " " + target);
        mounted.add(target);
        assertEquals(DATA, contents(target), "the data shows through the mount point");
    }

    private static void assertDataIntact(Path data, ChildJvm jvm) throws IOException {
        String state = jvm == null ? "" : "\n" + jvm.describe();
        assertEquals(DATA, contents(data), "the bound data outside the roots" + state);
        assertEquals("precious a", Files.readString(data.resolve("a.txt")));
        assertEquals("precious b", Files.readString(data.resolve("deep/b.txt")));
    }

    /** Whether the journal of {@code host} in {@code tmp}'s state directory lists {@code job}. */
    private static boolean journalLists(Path tmp, ChildJvm host, Path job) {
        try {
            Path journal = Journals.of(tmp.resolve(Dirs.STATE_DIR), host.pid());
            Journals.Journal j = journal == null ? null : Journals.read(journal);
            return j != null && j.listed.containsKey(job.toString());
        } catch (AssertionError | RuntimeException stillBeingWritten) {
            return false;
        }
    }

    /** What is in the job directory, without what shows through its mount point {@code mnt}. */
    private static List<String> jobContents(Path job) {
        return contents(job).stream().filter(p -> !p.startsWith("mnt/")).collect(Collectors.toList());
    }

    /**
     * Every path under {@code dir}, relative and sorted, links not followed; empty if it is gone.
     * A sweeper may be deleting in {@code dir} while this walks it, so a walk that meets a vanished
     * entry is retried: the listing is always one whole, consistent look.
     */
    private static List<String> contents(Path dir) {
        for (int attempt = 1; ; attempt++) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return List.of();
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted()
                        .collect(Collectors.toList());
            } catch (NoSuchFileException | UncheckedIOException changedUnderTheWalk) {
                if (attempt == 20) return List.of("<changing under every walk: " + changedUnderTheWalk + ">");
            } catch (IOException e) {
                return List.of("<unreadable: " + e + ">");
            }
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            out.readAllBytes();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.deleteIfExists(p);
        }
    }
}
