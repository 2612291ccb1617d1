package io.tempguard.console;

import io.tempguard.console.support.Console;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.ConsoleAs;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM owned by another user: the console, run as {@code nobody} (setpriv) against a JVM of this
 * (root) user, exits 4 with one line saying whose JVM it is and what to do. Root may attach to
 * anyone, so the roles are this way round; without root there is no unprivileged way to get a JVM
 * of another user, and the test is skipped visibly.
 */
@Timeout(120)
class OtherUserTest {

    @Test
    void aJvmOfAnotherUserIsAPermissionFailure(@TempDir Path base) throws Exception {
        RunAs.UNPRIVILEGED.assumeAvailable(); // root, to run the console as another user
        String me = ProcessHandle.current().info().user().orElse(System.getProperty("user.name"));

        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Path journals = Files.createDirectories(base.resolve("journals"));
        try (HostJvm child = HostJvm.builder(tmp).agent("journalDir=" + journals).start()) {
            String pid = Long.toString(child.pid());
            Console.runUntilOk("stats", pid); // tempguard is there, for root

            Result r = ConsoleAs.run(RunAs.UNPRIVILEGED, "stats", pid);
            assertEquals(4, r.exitCode, r.toString());
            assertEquals("", r.out, r.toString());
            assertEquals(List.of("tempguard-console: permission denied: JVM " + pid + " runs as user '" + me + "' and the "
                    + "console as 'nobody'; the Attach API only reaches JVMs of the same user: run the console as '"
                    + me + "' (e.g. sudo -u " + me + " java -jar tempguard-console.jar ...)"), r.errLines(), r.toString());
            assertTrue(child.isAlive(), "the target is unharmed");
        }
    }
}
