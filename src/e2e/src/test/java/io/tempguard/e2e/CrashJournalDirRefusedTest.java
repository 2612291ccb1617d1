package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    @ParameterizedTest(name = "{0}")
    @EnumSource(Untrusted.class)
    void anUntrustedJournalDirectoryTurnsTheJournalOffWithOneLine(Untrusted kind, @TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17.require();
        Dirs dirs = Dirs.in(base);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
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
        List<String> before = Dirs.list(journalDir);
        List<String> stderr;
        String described;
        try (ChildJvm host = CrashScenario.treeHost(jdk, dirs, journalDir, 1, 3).start()) {
            long started = System.nanoTime();
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
            }
            // The sweep on start comes 0.5 s after the agent starts: let it have its turn before the exit.
            long left = 1_500 - (System.nanoTime() - started) / 1_000_000;
            if (left > 0) Thread.sleep(left);
            host.send("exit");
            host.awaitNormalExit();

            stderr = host.stderrLines();
            described = host.describe();
            List<String> journalOff = stderr.stream().filter(l -> l.contains("journal off")).collect(Collectors.toList());
            assertEquals(1, journalOff.size(), "one 'journal off' line\n" + described);
            String line = journalOff.get(0);
            assertTrue(line.startsWith("[WARN] tempguard: journal off: " + journalDir + " " + kind.reason), line);
            Dirs.assertGone(tracked.keySet(), "deleted at exit with the journal off");
        } finally {
            if (originalOwner != null) Files.setOwner(journalDir, originalOwner);
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

    private static boolean ownedBy(Path dir, Object uid) {
        try {
            return uid.equals(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (Exception e) {
            return true;
        }
    }
}
