package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.JournalFaultHost;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.e2e.support.Journals;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 3: a host with the agent loops createTempFile+delete (and keeps some files) while
 * the test truncates its live journal to 0, deletes it or its whole directory, replaces it with
 * another file, or fills the file system under it (a 4 MiB tmpfs as java.io.tmpdir). Each time the
 * host keeps running (the journal is written with positional writes, never mapped, so a truncation
 * cannot raise SIGBUS in it), the MXBean, read over real JMX, reports
 * JournalHealthy=false and then true again after recovery (for the full disk, once the test frees
 * the space), stderr has exactly one WARN, and after a final SIGKILL the next JVM's sweep deletes
 * every file the host kept: the recovered journal lists the live set. The journal's own directory,
 * made again inside the root, is never counted as a host creation. As root and as uid 65534.
 */
@Timeout(180)
class JournalFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    enum Fault { TRUNCATE, DELETE, DELETE_DIRECTORY, REPLACE, DISK_FULL }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) {
            for (RunAs user : RunAs.values()) {
                for (Fault fault : Fault.values()) all.add(Arguments.of(jdk, user, fault));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void theHostSurvivesAndTheJournalRecoversWithTheLiveSet(Jdk jdk, RunAs user, Fault fault) throws Exception {
        jdk.require();
        user.assumeAvailable();
        if (fault == Fault.DISK_FULL) {
            Assumptions.assumeTrue(RunAs.isRoot(), "SKIPPED: mounting a tmpfs to fill needs root");
        }
        Path tmp = user.ownedTempDir("tg-journal-fault-");
        boolean mounted = false;
        try {
            if (fault == Fault.DISK_FULL) {
                String owner = user == RunAs.UNPRIVILEGED ? ",uid=" + RunAs.UNPRIVILEGED_UID + ",gid=" + RunAs.UNPRIVILEGED_GID : "";
                assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=4m,mode=700" + owner, "tmpfs", tmp.toString()));
                mounted = true;
            }
            runScenario(jdk, user, fault, tmp);
        } finally {
            if (mounted && run("umount", tmp.toString()) != 0) run("umount", "-l", tmp.toString());
            deleteTree(tmp);
        }
    }

    private void runScenario(Jdk jdk, RunAs user, Fault fault, Path tmp) throws Exception {
        Path journalDir = tmp.resolve(Dirs.STATE_DIR);
        try (ChildJvm host = ChildJvm.builder(jdk, JournalFaultHost.class).agent().tmpdir(tmp).runAs(user).start()) {
            host.awaitLine("READY"); // attaching earlier can fail: the JVM's attach listener is not up yet
            try (Jmx jmx = Jmx.connect(host.pid())) {
                faultAndRecover(host, jmx, fault, tmp, journalDir);
            }
        }
        sweep(jdk, user, tmp, journalDir);
    }

    private void faultAndRecover(ChildJvm host, Jmx jmx, Fault fault, Path tmp, Path journalDir) throws Exception {
        Path filler = tmp.resolve("filler");
        {
            host.send("keep 50");
            host.awaitLine("KEPT 50");
            TempFileManagerMXBean manager = jmx.awaitManager();
            Await.until(WAIT, "a healthy journal", manager::isJournalHealthy, host::describe);
            Path journal = Journals.of(journalDir, host.pid());
            assertNotNull(journal, "the host's journal: " + Journals.list(journalDir));

            switch (fault) {
                case TRUNCATE:
                    assertEquals(0, run("truncate", "-s", "0", journal.toString()), "truncate");
                    break;
                case DELETE:
                    Files.delete(journal);
                    break;
                case DELETE_DIRECTORY:
                    deleteTree(journalDir); // the recovery makes it again, inside the root, on tempguard's thread
                    break;
                case REPLACE:
                    Path other = Files.write(journalDir.resolve("other"), "not a journal".getBytes());
                    Files.move(other, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    break;
                case DISK_FULL:
                    fill(filler);
                    host.send("keep 3000"); // the journal must grow, and there is no room for it
                    host.awaitLine("KEPT 3050");
                    break;
                default:
                    throw new AssertionError(fault);
            }
            Await.until(WAIT, "JournalHealthy=false after " + fault, () -> !manager.isJournalHealthy(), host::describe);
            if (fault == Fault.DISK_FULL) {
                host.send("keep 10"); // the host's calls go on while the retries fail
                host.awaitLine("KEPT 3060");
                assertFalse(manager.isJournalHealthy(), "no room yet: " + manager.getJournalStatus());
                Files.delete(filler);
            }
            Await.until(WAIT, "JournalHealthy=true again after " + fault, manager::isJournalHealthy,
                    () -> manager.getJournalStatus() + "\n" + host.describe());
            host.send("keep 5");
            host.awaitLine(fault == Fault.DISK_FULL ? "KEPT 3065" : "KEPT 55");
            long before = aliveIterations(host);
            Await.until(WAIT, "the host's create+delete loop going on", () -> aliveIterations(host) > before,
                    host::describe);
            assertTrue(host.isAlive(), host.describe());
            List<String> warnings = host.stderrLines().stream().filter(l -> l.contains("WARN")).collect(Collectors.toList());
            assertEquals(1, warnings.size(), "one WARN for the episode\n" + host.describe());
            assertTrue(warnings.get(0).contains("journal"), warnings.get(0));

            assertEquals(0, manager.getUncapturedCreatedTotal(),
                    () -> "the journal's own directory and files are never the host's creations: " + manager.listUncaptured(5)
                            .stream().map(r -> r.getKind() + " " + r.getPath()).collect(Collectors.toList()));
            List<Path> kept = keptFiles(tmp);
            assertEquals(fault == Fault.DISK_FULL ? 3065 : 55, kept.size());
            assertEquals(137, host.kill(), host.describe());
        }
    }

    private void sweep(Jdk jdk, RunAs user, Path tmp, Path journalDir) throws Exception {
        // The next JVM sweeps what the killed one left, as its recovered journal lists it.
        try (ChildJvm sweeper = ChildJvm.builder(jdk, JournalFaultHost.class).agent().tmpdir(tmp).runAs(user).start()) {
            sweeper.awaitLine("READY");
            Await.until(WAIT, "the sweep of every file the killed host kept", () -> keptFiles(tmp).isEmpty(),
                    () -> keptFiles(tmp).size() + " left; journals " + Journals.list(journalDir) + "\n" + sweeper.describe());
            sweeper.send("exit");
            sweeper.awaitNormalExit();
        }
    }

    private static long aliveIterations(ChildJvm host) {
        int seen = (int) host.stdoutLines().stream().filter(l -> l.startsWith("ALIVE ")).count();
        host.send("alive");
        String line = host.awaitStdout(l -> l.startsWith("ALIVE ")
                && host.stdoutLines().stream().filter(x -> x.startsWith("ALIVE ")).count() > seen, "an ALIVE line");
        List<String> alive = host.stdoutLines().stream().filter(l -> l.startsWith("ALIVE ")).collect(Collectors.toList());
        return Long.parseLong(alive.get(alive.size() - 1).split(" ")[1]);
    }

    private static List<Path> keptFiles(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("kept-")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // no space left on device: what this case needs
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) Files.deleteIfExists(p);
        }
    }
}
