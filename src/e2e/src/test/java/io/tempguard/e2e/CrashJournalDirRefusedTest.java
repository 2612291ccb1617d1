package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety refuses a journal directory it cannot trust: one owned by another user, and one
 * writable by others (mode 0777). The host runs normally with the journal off: one WARN line on
 * stderr naming the directory and the reason, JournalHealthy false, JournalStatus "off: ...",
 * JournalErrorCount above zero; its temp paths are tracked and deleted at its normal exit; the
 * directory gets nothing.
 */
@Timeout(120)
class CrashJournalDirRefusedTest {

    enum Untrusted {
        OWNED_BY_ANOTHER_USER("is owned by another user"),
        WRITABLE_BY_OTHERS("is writable by other users");

        final String reason;

        Untrusted(String reason) {
            this.reason = reason;
        }
    }

    static Stream<Arguments> kindsAndUsers() {
        List<Arguments> all = new ArrayList<>();
        for (Untrusted kind : Untrusted.values()) for (RunAs user : RunAs.values()) all.add(Arguments.of(kind, user));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("kindsAndUsers")
    void anUntrustedJournalDirectoryTurnsTheJournalOffWithOneLine(Untrusted kind, RunAs user, @TempDir Path base)
            throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        Dirs dirs = CrashScenario.dirsFor(user, base);
        try {
            if (user == RunAs.CURRENT_USER) {
                asCurrentUser(kind, jdk, dirs, base);
            } else {
                // The unprivileged host's own directories; a directory of root's is another user's to it.
                Path journalDir = kind == Untrusted.WRITABLE_BY_OTHERS
                        ? Files.createDirectory(dirs.base.resolve("journals-0777"))
                        : Files.createDirectory(dirs.base.resolve("journals-of-root"),
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                if (kind == Untrusted.WRITABLE_BY_OTHERS) {
                    CrashScenario.giveTo(user, journalDir);
                    Files.setPosixFilePermissions(journalDir, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
                refused(kind, user, jdk, dirs, journalDir);
            }
        } finally {
            CrashScenario.removeOwned(user, dirs);
        }
    }

    private static void asCurrentUser(Untrusted kind, Jdk jdk, Dirs dirs, Path base) throws Exception {
        Object self = effectiveUid(); // not the owner of /proc/self: that link is root's for everyone
        Path journalDir;
        UserPrincipal originalOwner = null;
        if (kind == Untrusted.WRITABLE_BY_OTHERS) {
            journalDir = Files.createDirectory(base.resolve("journals-0777"));
            Files.setPosixFilePermissions(journalDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        } else if (Integer.valueOf(0).equals(self)) {
            journalDir = Files.createDirectory(base.resolve("journals-of-nobody"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            UserPrincipal nobody;
            try {
                nobody = journalDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            } catch (UserPrincipalNotFoundException e) {
                Assumptions.abort("no user 'nobody' to give the journal directory to: skipped");
                return;
            }
            originalOwner = Files.getOwner(journalDir, LinkOption.NOFOLLOW_LINKS);
            Files.setOwner(journalDir, nobody);
        } else {
            // Not root: a system directory owned by someone else will do; the agent only reads its attributes.
            journalDir = List.of(Path.of("/usr"), Path.of("/etc"), Path.of("/var")).stream()
                    .filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !ownedBy(d, self)).findFirst()
                    .orElse(null);
            Assumptions.assumeTrue(journalDir != null,
                    "not root, and no directory owned by another user among /usr, /etc, /var: skipped");
        }
        try {
            refused(kind, RunAs.CURRENT_USER, jdk, dirs, journalDir);
        } finally {
            if (originalOwner != null) Files.setOwner(journalDir, originalOwner);
        }
    }

    /** The scenario proper: a host running as {@code user} with the untrusted {@code journalDir}. */
    private static void refused(Untrusted kind, RunAs user, Jdk jdk, Dirs dirs, Path journalDir) throws Exception {
        List<String> before = Dirs.list(journalDir);
        List<String> stderr;
        String described;
        // A reconcile every second: it runs on the same single maintenance thread as the sweep on
        // start, which is due 0.5 s after the start, so once a reconcile has been seen, the sweep is done.
        try (ChildJvm host = CrashScenario.treeHost(jdk, user, dirs, journalDir, 1, 3, "reconcileInterval=1s").start()) {
            host.awaitLine("READY");
            Map<String, String> tracked = CrashScenario.trackedOf(host);
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(tracked, Jmx.trackedKinds(manager), "tracking works with the journal off");
                assertFalse(manager.isJournalHealthy(), manager.getJournalStatus());
                String status = manager.getJournalStatus();
                assertTrue(status.startsWith("off: "), "JournalStatus: " + status);
                assertTrue(status.contains(journalDir.toString()) && status.contains(kind.reason), "JournalStatus: " + status);
                assertTrue(manager.getJournalErrorCount() > 0, "JournalErrorCount");
                assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");
                // Wait for the sweep itself: remove a tracked file behind the agent's back and wait
                // for the reconcile that drops it (queued behind the sweep on start).
                String removed = tracked.entrySet().stream().filter(e -> e.getValue().equals("FILE"))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                Files.delete(Path.of(removed));
                Await.until(CrashScenario.SWEEP_WAIT, "a reconcile, after the sweep on start, to drop " + removed,
                        () -> !Jmx.trackedKinds(manager).containsKey(removed), host::describe);
            }
            host.send("exit");
            host.awaitNormalExit();

            stderr = host.stderrLines();
            described = host.describe();
            List<String> journalOff = stderr.stream().filter(l -> l.contains("journal off")).collect(Collectors.toList());
            assertEquals(1, journalOff.size(), "one 'journal off' line\n" + described);
            String line = journalOff.get(0);
            assertTrue(line.startsWith("[WARN] tempguard: journal off: " + journalDir + " " + kind.reason), line);
            Dirs.assertGone(tracked.keySet(), "deleted at exit with the journal off");
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after a normal exit");
        assertEquals(before, Dirs.list(journalDir), "nothing was written into the refused directory");
        if (kind == Untrusted.WRITABLE_BY_OTHERS) {
            assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir)),
                    "the refused directory's mode is left as it was");
        }
        // Last, so that everything above is known to hold: the refusal is told once, in that one line
        // (the sweep on start must not tell it again).
        assertEquals(1, stderr.size(), "exactly one line on stderr\n" + described);
    }

    /** The effective uid, from the "Uid:" line of /proc/self/status (real, effective, saved, fs). */
    private static Integer effectiveUid() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) return Integer.valueOf(line.substring(4).trim().split("\\s+")[1]);
        }
        throw new AssertionError("no Uid: line in /proc/self/status");
    }

    private static boolean ownedBy(Path dir, Object uid) {
        try {
            return uid.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (Exception e) {
            return true;
        }
    }
}
