package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.ConsoleAs;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ls --uncaptured} against a real JVM with the agent (issue 11 item 3): what the host made
 * with mkdirs and a FileOutputStream under its temp directory, matched by no capture rule, is
 * listed newest first (the topmost new directory only) and left on disk. Host and console run as
 * the user running the tests and as uid 65534.
 */
@Timeout(120)
class LsUncapturedTest {

    @ParameterizedTest(name = "host and console as {0}")
    @EnumSource(RunAs.class)
    void listsWhatNoRuleMatchedNewestFirstAndDeletesNothing(RunAs user, @TempDir Path base) throws Exception {
        user.assumeAvailable();
        Path tmp = user.ownedDirectory(base, "tmp");
        Path journals = user.ownedDirectory(base, "journals");
        try (HostJvm host = HostJvm.builder(tmp).runAs(user).agent("journalDir=" + journals + ",capture=spark-*").start()) {
            String pid = Long.toString(host.pid());
            Path blockmgr = host.send("mkdirs blockmgr-1234").get(0);
            Path upload = host.send("upload upload_77.tmp").get(0);
            int uid = user == RunAs.UNPRIVILEGED ? RunAs.UNPRIVILEGED_UID
                    : (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            assertEquals(uid, Files.getAttribute(upload, "unix:uid", LinkOption.NOFOLLOW_LINKS), "the host runs as " + user);
            ConsoleAs.runUntilOk(user, "stats", pid); // the MBean registers on a background thread

            Result json = ConsoleAs.run(user, "ls", pid, "--uncaptured", "--json");
            assertEquals(0, json.exitCode, json.toString());
            JsonNode doc = json.json();
            assertEquals(2, doc.get("uncapturedCreatedTotal").asLong(), json.toString());
            assertEquals("spark-*", doc.get("captureRules").asText());
            List<String> rows = new ArrayList<>();
            for (JsonNode row : doc.get("paths")) rows.add(row.get("kind").asText() + " " + row.get("path").asText());
            assertEquals(List.of("FILE " + upload, "DIRECTORY " + blockmgr), rows, json.toString());

            Result text = ConsoleAs.run(user, "ls", pid, "--uncaptured", "--limit", "1");
            assertEquals(0, text.exitCode, text.toString());
            List<String> lines = text.lines();
            assertTrue(lines.get(0).matches("KIND +AGE +PATH"), text.out);
            assertTrue(lines.get(1).matches("file +\\d+s  " + java.util.regex.Pattern.quote(upload.toString())), text.out);
            assertTrue(lines.get(2).startsWith("1 of 2 uncaptured creations, newest first; capture rules: spark-*"),
                    text.out);

            Result bad = ConsoleAs.run(user, "ls", pid, "--uncaptured", "--sort", "size");
            assertEquals(2, bad.exitCode, bad.toString());
            assertTrue(bad.err.contains("--uncaptured lists newest first"), bad.toString());
            host.send("exit");
            io.tempguard.testkit.Await.until(java.time.Duration.ofSeconds(30), "the host's normal exit",
                    () -> !host.isAlive(), host::describe);
        }
        assertTrue(Files.isDirectory(blockmgrOf(tmp)) && Files.exists(tmp.resolve("upload_77.tmp")),
                "uncaptured paths are never deleted");
    }

    private static Path blockmgrOf(Path tmp) {
        return tmp.resolve("blockmgr-1234/0a");
    }
}
