package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.ConsoleAs;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read commands and cleanup against a real child JVM started with the agent, reached by pid
 * through the Attach API; and a child without the agent beside it. The methods run in order: the
 * last ones delete what the first ones look at. All of it twice: the children and the console as
 * the user running the tests, then both as uid 65534 (issue 9 item 1: the unprivileged operator of
 * unprivileged JVMs; the console then runs as its own JVM through setpriv).
 */
@ParameterizedClass(name = "children and console as {0}")
@EnumSource(RunAs.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class LocalTargetTest {
    private static final int FILE_SIZE = 1000;

    @Parameter
    RunAs user;

    private HostJvm withAgent;
    private HostJvm without;
    private Path tmp;
    private String pid;
    /** What the host created: 3 files of FILE_SIZE, a directory, a 10-byte file inside it. */
    private final List<Path> created = new ArrayList<>();
    private Path directory;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startChildren(@TempDir Path base) throws Exception {
        user.assumeAvailable();
        created.clear(); // one instance serves both invocations
        tmp = user.ownedDirectory(base, "tmp");
        Path journals = user.ownedDirectory(base, "journals");
        withAgent = HostJvm.builder(tmp).runAs(user).agent("journalDir=" + journals + ",sites=all").start();
        without = HostJvm.builder(user.ownedDirectory(base, "tmp-plain")).runAs(user).start();
        pid = Long.toString(withAgent.pid());
        created.addAll(withAgent.send("files 3 " + FILE_SIZE));
        List<Path> dir = withAgent.send("dir");
        directory = dir.get(0);
        created.addAll(dir);
        ConsoleAs.runUntilOk(user, "stats", pid); // the MBean registers on a background thread
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopChildren() {
        if (withAgent != null) withAgent.close();
        if (without != null) without.close();
    }

    @Test
    @Order(1)
    void jvmsMarksTheAgentChildAsTempguardAndThePlainChildAsNot() {
        Result json = ConsoleAs.run(user, "jvms", "--json");
        assertEquals(0, json.exitCode, json.toString());
        Map<Long, JsonNode> byPid = new HashMap<>();
        for (JsonNode jvm : json.json().get("jvms")) byPid.put(jvm.get("pid").asLong(), jvm);

        JsonNode agent = byPid.get(withAgent.pid());
        assertNotNull(agent, "the agent child is listed\n" + json);
        assertTrue(agent.get("attachable").asBoolean(), json.toString());
        assertTrue(agent.get("tempguard").asBoolean(), json.toString());
        assertEquals("io.tempguard.console.hosts.TempHost", agent.get("name").asText());
        assertFalse(agent.get("agentVersion").isNull(), json.toString());
        assertEquals("io.tempguard:type=TempFileManager", agent.get("mbean").asText());
        assertEquals(5, agent.get("trackedCount").asLong(), json.toString());
        assertTrue(agent.get("problem").isNull(), json.toString());

        JsonNode plain = byPid.get(without.pid());
        assertNotNull(plain, "the plain child is listed\n" + json);
        assertTrue(plain.get("attachable").asBoolean(), json.toString());
        assertFalse(plain.get("tempguard").asBoolean(), json.toString());
        assertTrue(plain.get("trackedCount").isNull(), json.toString());
        assertFalse(byPid.containsKey(ProcessHandle.current().pid()), "the console's own JVM is not listed");

        Result text = ConsoleAs.run(user, "jvms");
        assertEquals(0, text.exitCode, text.toString());
        String agentLine = lineStartingWith(text, withAgent.pid() + " ");
        assertTrue(agentLine.contains("yes (agent ") && agentLine.contains(" 5 ")
                && agentLine.endsWith("io.tempguard.console.hosts.TempHost"), agentLine);
        String plainLine = lineStartingWith(text, without.pid() + " ");
        assertTrue(plainLine.contains(" no ") && plainLine.endsWith("io.tempguard.console.hosts.TempHost"), plainLine);
        assertEquals("", text.err, text.toString());
    }

    @Test
    @Order(2)
    void statsShowsTheRealCounts() throws Exception {
        Result json = ConsoleAs.run(user, "stats", pid, "--json", "--measure");
        assertEquals(0, json.exitCode, json.toString());
        assertEquals("", json.err);
        JsonNode s = json.json();
        assertEquals(pid, s.get("target").asText());
        assertEquals(4, s.get("trackedFileCount").asLong(), json.toString());
        assertEquals(1, s.get("trackedDirectoryCount").asLong(), json.toString());
        assertEquals(5, s.get("createdTotal").asLong());
        assertEquals(0, s.get("deletedTotal").asLong());
        assertEquals(0, s.get("agentErrorCount").asLong());
        assertEquals(List.of(tmp.toRealPath().toString()), textList(s.get("roots")));
        long onDisk = 0;
        for (Path p : created) if (Files.isRegularFile(p)) onDisk += Files.size(p);
        assertEquals(3 * FILE_SIZE + 10, onDisk);
        // Measured: every file's bytes (a tracked directory also counts what is inside it).
        assertTrue(s.get("trackedBytes").asLong() >= onDisk, json.toString());
        assertTrue(s.get("journalHealthy").asBoolean(), json.toString());
        assertTrue(s.get("shutdownCleanupEnabled").asBoolean());
        assertFalse(s.get("version").asText().isEmpty());

        Result text = ConsoleAs.run(user, "stats", pid);
        assertEquals(0, text.exitCode, text.toString());
        assertTrue(text.out.startsWith("tempguard " + s.get("version").asText() + " in JVM " + pid), text.out);
        assertTrue(text.out.contains("tracked files        4\n"), text.out);
        assertTrue(text.out.contains("tracked directories  1\n"), text.out);
        assertTrue(text.out.contains("created total        5\n"), text.out);
        assertTrue(text.out.matches("(?s).*tracked bytes        [0-9.]+ KiB \\(\\d+ B\\)\n.*"), text.out);
        assertTrue(text.out.contains("journal              healthy"), text.out);
    }

    @Test
    @Order(3)
    void lsListsTrackedPathsWithKindSizeAndAge() throws Exception {
        Result json = ConsoleAs.run(user, "ls", pid, "--json", "--measure");
        assertEquals(0, json.exitCode, json.toString());
        JsonNode doc = json.json();
        assertEquals(5, doc.get("trackedCount").asLong());
        assertEquals("age", doc.get("sort").asText());
        Map<Path, JsonNode> rows = new HashMap<>();
        for (JsonNode row : doc.get("paths")) rows.put(Path.of(row.get("path").asText()), row);
        assertEquals(new HashSet<>(created), rows.keySet(), json.toString());
        for (Path p : created) {
            JsonNode row = rows.get(p);
            if (p.equals(directory)) {
                assertEquals("DIRECTORY", row.get("kind").asText());
            } else {
                assertEquals("FILE", row.get("kind").asText());
                assertEquals(Files.size(p), row.get("sizeBytes").asLong(), "measured size of " + p);
            }
            assertTrue(row.get("ageSeconds").asLong() >= 0);
            assertFalse(row.get("trackedSince").asText().isEmpty());
        }

        Result bySize = ConsoleAs.run(user, "ls", pid, "--json", "--sort", "size", "--limit", "2");
        assertEquals(0, bySize.exitCode, bySize.toString());
        JsonNode top = bySize.json();
        assertEquals(2, top.get("paths").size(), bySize.toString());
        assertEquals(5, top.get("trackedCount").asLong(), "the total, not what is shown");
        for (JsonNode row : top.get("paths")) assertEquals(FILE_SIZE, row.get("sizeBytes").asLong(), bySize.toString());

        Result text = ConsoleAs.run(user, "ls", pid, "--sort", "path");
        assertEquals(0, text.exitCode, text.toString());
        List<String> lines = text.lines();
        assertTrue(lines.get(0).matches("KIND +SIZE +AGE +SITE +PATH"), lines.get(0));
        assertEquals(7, lines.size(), text.out);
        assertTrue(lines.get(6).startsWith("5 of 5 tracked paths, by path"), lines.get(6));
        List<String> shown = new ArrayList<>();
        for (String line : lines.subList(1, 6)) shown.add(line.substring(line.indexOf("  /") + 2));
        List<String> sorted = new ArrayList<>(shown);
        sorted.sort(null);
        assertEquals(sorted, shown, "sorted by path");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("dir ") && l.endsWith(directory.toString())), text.out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("file +1000 B +\\d+s  .*\\.bin")), text.out);
        assertEquals(3, lines.stream().filter(l -> l.matches("file +1000 B +\\d+s  TempHost\\.main\\(TempHost\\.java:\\d+\\) +/.*"))
                .count(), "the SITE column names the creating class, method and line: " + text.out);
        for (JsonNode row : json.json().get("paths")) {
            assertTrue(row.get("site").asText().startsWith(HOST_SITE), row.toString());
        }
    }

    private static final String HOST_SITE = "io.tempguard.console.hosts.TempHost.main(TempHost.java:";

    @Test
    @Order(4)
    void sitesShowsWhichCodeMadeThePathsWithExactCountsInModeAll() {
        Result json = ConsoleAs.run(user, "sites", pid, "--json");
        assertEquals(0, json.exitCode, json.toString());
        JsonNode sites = json.json().get("sites");
        assertEquals(3, sites.size(), "three creation sites in TempHost: " + json.out);
        JsonNode files = sites.get(0);
        assertTrue(files.get("site").asText().startsWith(HOST_SITE), files.toString());
        assertEquals(3, files.get("liveCount").asLong(), files.toString());
        assertEquals(3, files.get("createdTotal").asLong());
        assertEquals(3L * FILE_SIZE, files.get("liveBytes").asLong(), "ls --measure refreshed the sizes");
        assertFalse(files.get("estimated").asBoolean());
        assertEquals("main", files.get("thread").asText());
        for (JsonNode other : List.of(sites.get(1), sites.get(2))) {
            assertTrue(other.get("site").asText().startsWith(HOST_SITE), other.toString());
            assertEquals(1, other.get("liveCount").asLong(), other.toString());
        }

        Result text = ConsoleAs.run(user, "sites", pid, "--limit", "1");
        assertEquals(0, text.exitCode, text.toString());
        List<String> lines = text.lines();
        assertEquals(3, lines.size(), text.out);
        assertTrue(lines.get(0).matches(" *LIVE +BYTES +CREATED +OLDEST +THREAD +SITE"), lines.get(0));
        assertTrue(lines.get(1).matches(" *3 +2\\.9 KiB +3 +\\d+s +main +" + java.util.regex.Pattern.quote(HOST_SITE) + "\\d+\\)"),
                lines.get(1));
        assertEquals("1 site, largest live count first", lines.get(2));
    }

    @Test
    @Order(4)
    void watchPrintsOneLineOrOneJsonObjectPerRefresh() {
        Result plain = ConsoleAs.run(user, "watch", pid, "--count", "2", "--interval", "100ms");
        assertEquals(0, plain.exitCode, plain.toString());
        assertEquals(2, plain.lines().size(), plain.toString());
        for (String line : plain.lines()) {
            assertTrue(line.matches("\\S+Z tracked=4 files, 1 dirs, .* created=5 deleted=0 .*journal=ok"), line);
            assertFalse(line.contains("\u001b"), "no ANSI escapes when stdout is not a terminal");
        }

        Result json = ConsoleAs.run(user, "watch", pid, "--count", "2", "--interval", "100ms", "--json");
        assertEquals(0, json.exitCode, json.toString());
        List<JsonNode> docs = json.jsonLines();
        assertEquals(2, docs.size(), json.toString());
        for (JsonNode doc : docs) {
            assertEquals(4, doc.get("trackedFileCount").asLong());
            assertEquals(5, doc.get("createdTotal").asLong());
            assertFalse(doc.get("time").asText().isEmpty());
        }
    }

    @Test
    @Order(5)
    void cleanupDryRunReportsEverythingAndDeletesNothing() {
        Result json = ConsoleAs.run(user, "cleanup", pid, "--dry-run", "--json");
        assertEquals(0, json.exitCode, json.toString());
        JsonNode r = json.json();
        assertTrue(r.get("dryRun").asBoolean());
        assertTrue(r.get("olderThanSeconds").isNull());
        assertEquals(5, r.get("deletedCount").asLong());
        assertEquals(3 * FILE_SIZE + 10, r.get("bytesFreed").asLong());
        assertEquals(0, r.get("failureCount").asLong());
        assertEquals(new HashSet<>(created), paths(r.get("deleted")));
        for (Path p : created) assertTrue(Files.exists(p), p + " still exists after a dry run");

        Result text = ConsoleAs.run(user, "cleanup", pid, "--dry-run");
        assertEquals(0, text.exitCode, text.toString());
        assertTrue(text.out.contains("would delete 5 paths"), text.out);
        assertTrue(text.out.contains("would delete:\n"), text.out);
        for (Path p : created) assertTrue(text.out.contains("  " + p + "\n"), text.out);
        for (Path p : created) assertTrue(Files.exists(p), p + " still exists after a dry run");

        Result young = ConsoleAs.run(user, "cleanup", pid, "--older-than", "1h", "--json");
        assertEquals(0, young.exitCode, young.toString());
        assertEquals(0, young.json().get("deletedCount").asLong(), "nothing is an hour old");
        assertEquals(3600, young.json().get("olderThanSeconds").asLong());
        for (Path p : created) assertTrue(Files.exists(p), p + " is younger than an hour");
    }

    @Test
    @Order(6)
    void cleanupDeletesAndStatsShowsIt() {
        Result json = ConsoleAs.run(user, "cleanup", pid, "--json");
        assertEquals(0, json.exitCode, json.toString());
        JsonNode r = json.json();
        assertFalse(r.get("dryRun").asBoolean());
        assertEquals(5, r.get("deletedCount").asLong());
        assertEquals(3 * FILE_SIZE + 10, r.get("bytesFreed").asLong());
        assertEquals(new HashSet<>(created), paths(r.get("deleted")));
        for (Path p : created) assertFalse(Files.exists(p), p + " was deleted");

        JsonNode stats = ConsoleAs.run(user, "stats", pid, "--json").json();
        assertEquals(0, stats.get("trackedFileCount").asLong());
        assertEquals(0, stats.get("trackedDirectoryCount").asLong());
        assertEquals(0, stats.get("trackedBytes").asLong());
        assertEquals(5, stats.get("deletedTotal").asLong());
        assertEquals(5, stats.get("createdTotal").asLong());

        // Plain text, and an age filter, on two more files.
        List<Path> more = withAgent.send("files 2 10");
        Result text = ConsoleAs.run(user, "cleanup", pid, "--older-than", "0s");
        assertEquals(0, text.exitCode, text.toString());
        assertTrue(text.out.startsWith("JVM " + pid + ", tracked for at least 0s:\ndeleted 2 paths (20 B)"), text.out);
        for (Path p : more) assertFalse(Files.exists(p), p + " was deleted");
        assertEquals(7, ConsoleAs.run(user, "stats", pid, "--json").json().get("deletedTotal").asLong());
    }

    @Test
    @Order(7)
    void aJvmWithoutTempguardIsReportedInOneLine() {
        String plainPid = Long.toString(without.pid());
        for (String command : List.of("stats", "ls", "cleanup", "watch", "events")) {
            Result r = ConsoleAs.run(user, command, plainPid, "--json");
            assertEquals(3, r.exitCode, r.toString());
            assertEquals("", r.out, "nothing on stdout");
            assertEquals(List.of("tempguard-console: tempguard is not loaded in JVM " + plainPid
                    + " (load it with: tempguard-console attach " + plainPid + ")"), r.errLines());
        }
    }

    private static Set<Path> paths(JsonNode array) {
        Set<Path> set = new HashSet<>();
        for (JsonNode p : array) set.add(Path.of(p.asText()));
        return set;
    }

    private static List<String> textList(JsonNode array) {
        List<String> list = new ArrayList<>();
        for (JsonNode n : array) list.add(n.asText());
        return list;
    }

    private static String lineStartingWith(Result r, String prefix) {
        for (String line : r.lines()) if (line.startsWith(prefix)) return line;
        throw new AssertionError("no line starting with '" + prefix + "'\n" + r);
    }
}
