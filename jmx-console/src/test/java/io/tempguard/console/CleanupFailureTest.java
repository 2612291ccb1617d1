package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.Console;
import io.tempguard.console.support.HostJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code cleanup} that ran but could not delete everything exits 1 and names the failed path; once
 * the path is deletable again the next cleanup exits 0. The delete is made to fail in a way that
 * binds root too ({@code chattr +i}); as another user the directory is made read-only instead.
 */
@Timeout(120)
class CleanupFailureTest {

    @Test
    void aCleanupWithFailuresExitsOneAndAfterwardsSucceeds(@TempDir Path base) throws Exception {
        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Path journals = Files.createDirectories(base.resolve("journals"));
        try (HostJvm child = HostJvm.builder(tmp).agent("journalDir=" + journals).start()) {
            String pid = Long.toString(child.pid());
            List<Path> dir = child.send("dir"); // a temp directory and a file inside it
            Path directory = dir.get(0);
            Path inner = dir.get(1);
            Console.runUntilOk("stats", pid);

            Runnable undo = makeUndeletable(inner);
            try {
                Result json = Console.run("cleanup", pid, "--json");
                assertEquals(1, json.exitCode, json.toString());
                JsonNode doc = json.json();
                // The inner file is tracked too (created with File.createTempFile): it and its directory fail.
                assertEquals(2, doc.get("failureCount").asLong(), json.toString());
                assertEquals(inner.toString(), doc.get("failures").get(0).get("path").asText(), json.toString());
                assertEquals(directory.toString(), doc.get("failures").get(1).get("path").asText(), json.toString());
                assertTrue(Files.exists(inner));

                Result text = Console.run("cleanup", pid);
                assertEquals(1, text.exitCode, text.toString());
                assertTrue(text.toString().contains("2 failures"), text.toString());
            } finally {
                undo.run();
            }
            Result again = Console.run("cleanup", pid);
            assertEquals(0, again.exitCode, again.toString());
            assertFalse(Files.exists(directory), "deleted once it could be");
        }
    }

    /** Makes {@code file} impossible to delete, proves it on a probe, and returns how to undo it. */
    private static Runnable makeUndeletable(Path file) throws Exception {
        Path dir = file.getParent();
        Path probe = Files.createFile(dir.resolve("probe"));
        boolean root = "root".equals(ProcessHandle.current().info().user().orElse(System.getProperty("user.name")));
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        if (root) {
            run("chattr", "+i", probe.toString());
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        }
        try {
            Files.delete(probe);
            fail("cannot make a delete fail here (" + (root ? "chattr +i" : "read-only directory") + ")");
        } catch (IOException expected) {
            // the mechanism works
        }
        if (root) {
            run("chattr", "-i", probe.toString());
            Files.delete(probe);
            run("chattr", "+i", file.toString());
            return () -> run("chattr", "-i", file.toString());
        }
        return () -> {
            try {
                Files.setPosixFilePermissions(dir, before);
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static void run(String... command) {
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) throw new AssertionError(String.join(" ", command) + " exited " + code);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
