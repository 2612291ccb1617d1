package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.Console;
import io.tempguard.console.support.ConsoleAs;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sweep}: after a SIGKILL, the orphans listed in the dead JVM's journal are reported, then deleted. */
@Timeout(120)
class SweepTest {

    /**
     * As the user running the tests, and as uid 65534 over its own journal directory (issue 9 item 1:
     * the console refused that with exit 1, taking every process for uid 0 from /proc/self's owner).
     */
    @ParameterizedTest(name = "host and console as {0}")
    @EnumSource(RunAs.class)
    void sweepAfterSigkillReportsThenDeletesTheOrphansAndTheJournal(RunAs user, @TempDir Path base) throws Exception {
        user.assumeAvailable();
        Path tmp = user.ownedDirectory(base, "tmp");
        Path journals = user.ownedDirectory(base, "journals");
        String dir = journals.toString();
        List<Path> created = new ArrayList<>();
        try (HostJvm child = HostJvm.builder(tmp).runAs(user).agent("journalDir=" + journals).start()) {
            created.addAll(child.send("files 3 200"));
            created.addAll(child.send("dir"));
            assertEquals(1, journalFiles(journals).size(), "the child's journal");

            Result live = ConsoleAs.run(user, "sweep", "--journal-dir", dir, "--json");
            assertEquals(0, live.exitCode, live.toString());
            assertEquals(1, live.json().get("journalsLive").asInt(), "a live JVM's journal is left alone");
            assertEquals(0, live.json().get("journalsSwept").asInt());

            child.kill(); // SIGKILL: no shutdown cleanup runs
        }
        for (Path p : created) assertTrue(Files.exists(p), p + " survived the SIGKILL");

        Result dry = ConsoleAs.run(user, "sweep", "--journal-dir", dir, "--dry-run", "--json");
        assertEquals(0, dry.exitCode, dry.toString());
        assertEquals("", dry.err);
        JsonNode d = dry.json();
        assertEquals(journals.toString(), d.get("journalDir").asText());
        assertTrue(d.get("dryRun").asBoolean());
        assertEquals(1, d.get("journalsSwept").asInt(), dry.toString());
        assertEquals(0, d.get("journalsLive").asInt());
        assertEquals(0, d.get("problems").size());
        JsonNode paths = d.get("paths");
        assertTrue(paths.get("dryRun").asBoolean());
        assertEquals(5, paths.get("deletedCount").asLong(), dry.toString());
        // A dry run cannot know that deleting the inner file first leaves the directory empty: the
        // estimate may count the inner file twice. The real sweep below reports the exact figure.
        assertTrue(paths.get("bytesFreed").asLong() >= 3 * 200 + 10, dry.toString());
        assertEquals(new HashSet<>(created), paths(paths.get("deleted")));
        for (Path p : created) assertTrue(Files.exists(p), p + " still exists after a dry run");
        assertEquals(1, journalFiles(journals).size(), "a dry run keeps the journal");

        Result dryText = ConsoleAs.run(user, "sweep", "--journal-dir", dir, "--dry-run");
        assertEquals(0, dryText.exitCode, dryText.toString());
        assertTrue(dryText.out.startsWith("journal directory " + journals + "\ndry run: 1 orphaned journal swept, "
                + "0 live left alone; would delete 5 paths"), dryText.out);
        for (Path p : created) assertTrue(dryText.out.contains("  " + p + "\n"), dryText.out);

        Result sweep = ConsoleAs.run(user, "sweep", "--journal-dir", dir, "--json");
        assertEquals(0, sweep.exitCode, sweep.toString());
        JsonNode s = sweep.json();
        assertFalse(s.get("dryRun").asBoolean());
        assertEquals(1, s.get("journalsSwept").asInt(), sweep.toString());
        assertEquals(5, s.get("paths").get("deletedCount").asLong(), sweep.toString());
        assertEquals(3 * 200 + 10, s.get("paths").get("bytesFreed").asLong(), sweep.toString());
        assertEquals(new HashSet<>(created), paths(s.get("paths").get("deleted")));
        for (Path p : created) assertFalse(Files.exists(p), p + " was swept");
        assertEquals(List.of(), journalFiles(journals), "the swept journal is gone");

        Result again = ConsoleAs.run(user, "sweep", "--journal-dir", dir);
        assertEquals(0, again.exitCode, again.toString());
        assertEquals("journal directory " + journals + "\n0 orphaned journals swept, 0 live left alone; deleted 0 paths "
                + "(0 B), 0 failures, 0 skipped in ", again.out.substring(0, again.out.lastIndexOf(" in ") + 4));
    }

    /** Issue 9 item 11: a dead JVM's journal that another sweeper holds locked is "busy", not "live". */
    @Test
    void anOrphanJournalLockedByAnotherSweeperIsReportedBusyAndLeftToIt(@TempDir Path base) throws Exception {
        Path tmp = RunAs.CURRENT_USER.ownedDirectory(base, "tmp");
        Path journals = RunAs.CURRENT_USER.ownedDirectory(base, "journals");
        List<Path> created = new ArrayList<>();
        try (HostJvm child = HostJvm.builder(tmp).agent("journalDir=" + journals).start()) {
            created.addAll(child.send("files 2 100"));
            child.kill();
        }
        Path journal = journalFiles(journals).get(0);
        try (FileChannel other = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {
            Result busy = Console.run("sweep", "--journal-dir", journals.toString(), "--json");
            assertEquals(0, busy.exitCode, busy.toString());
            assertEquals(1, busy.json().get("journalsBusy").asInt(), busy.toString());
            assertEquals(0, busy.json().get("journalsLive").asInt(), busy.toString());
            assertEquals(0, busy.json().get("journalsSwept").asInt(), busy.toString());
            Result text = Console.run("sweep", "--journal-dir", journals.toString());
            assertTrue(text.out.contains("1 busy (being swept by another process)"), text.toString());
            for (Path p : created) assertTrue(Files.exists(p), p + " is left to the sweeper holding the lock");
        }
        Result after = Console.run("sweep", "--journal-dir", journals.toString(), "--json");
        assertEquals(1, after.json().get("journalsSwept").asInt(), after.toString());
        assertEquals(0, after.json().get("journalsBusy").asInt(), after.toString());
        for (Path p : created) assertFalse(Files.exists(p), p + " swept once the lock is free");
    }

    @Test
    void anUnreadableJournalIsSetAsideAndTheSweepExits1(@TempDir Path base) throws Exception {
        Path journals = Files.createDirectories(base.resolve("journals"));
        Files.setPosixFilePermissions(journals, PosixFilePermissions.fromString("rwx------"));
        Path garbage = Files.write(journals.resolve("journal-999999-1.tgj"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        Result r = Console.run("sweep", "--journal-dir", journals.toString(), "--json");
        assertEquals(1, r.exitCode, r.toString());
        JsonNode doc = r.json();
        assertEquals(1, doc.get("journalsSetAside").asInt(), r.toString());
        assertEquals(1, doc.get("problems").size(), r.toString());
        assertTrue(doc.get("problems").get(0).asText().contains(garbage.getFileName().toString()), r.toString());
        assertTrue(r.errLines().get(r.errLines().size() - 1).startsWith("tempguard-console: the sweep of " + journals
                + " was not clean: 0 path failure(s), 1 journal problem(s)"), r.toString());
    }

    /** Issue 9 item 11: each used to "succeed" with 0 swept; the empty string swept the working directory. */
    @Test
    void aMissingFileOrEmptyJournalDirIsAUsageError(@TempDir Path base) throws Exception {
        Path missing = base.resolve("no-such-dir");
        Path file = Files.write(base.resolve("a-file"), new byte[1]);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(missing.toString(), "'" + missing + "' does not exist: give an existing journal directory");
        expected.put(file.toString(), "'" + file + "' is not a directory: give the journal directory");
        expected.put("", "'' is empty: give the journal directory, or leave the option out for the default "
                + "<java.io.tmpdir>/.tempguard");
        for (Map.Entry<String, String> c : expected.entrySet()) {
            for (String[] args : List.of(new String[] {"sweep", "--journal-dir", c.getKey()},
                    new String[] {"sweep", "--journal-dir=" + c.getKey(), "--json"})) {
                Result r = Console.run(args);
                assertEquals(2, r.exitCode, r.toString());
                assertEquals("", r.out, r.toString());
                assertEquals("tempguard-console: Invalid value for option '--journal-dir': " + c.getValue(),
                        r.errLines().get(0), r.toString());
                assertEquals(List.of("Try 'tempguard-console sweep --help' for more information."),
                        r.errLines().subList(1, r.errLines().size()), r.toString());
            }
        }
        assertFalse(Files.exists(missing), "nothing created");
    }

    private static List<Path> journalFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("journal-")).collect(Collectors.toList());
        }
    }

    private static Set<Path> paths(JsonNode array) {
        Set<Path> set = new HashSet<>();
        for (JsonNode p : array) set.add(Path.of(p.asText()));
        return set;
    }
}
