package io.tempguard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.ConsoleAs;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code events} against a real child JVM with the agent (warnTrackedFiles=2, sites=all): a crossing and its
 * recovery arrive as they happen, as lines and as JSON lines; {@code watch} marks the crossing;
 * the stream ends with exit code 3 and one line when the JVM goes away. The host and the one-shot
 * commands run as the user running the tests and as uid 65534. The plain stream runs in this JVM
 * either way (for uid 65534: root watching another user's JVM, which the Attach API allows); the
 * JSON stream runs as the host's user, for uid 65534 as its own JVM, so an unprivileged operator
 * streams events from their own JVM. At most three child JVMs run at a time.
 */
@Timeout(120)
class EventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One streaming {@code tempguard-console} run, its output readable while it runs. */
    private abstract static class Streaming implements AutoCloseable {
        abstract String out();

        abstract String err();

        /** Waits for the console to end by itself and returns its exit code. */
        abstract int awaitEnd();

        @Override
        public void close() {
        }

        /** In a thread of this JVM, as the user running the tests. */
        static Streaming inThisJvm(String... args) {
            return new InThisJvm(args).subscribed();
        }

        /** As its own JVM as {@code user}: for uid 65534, the operator is the same user as the JVM it watches. */
        static Streaming asOwnJvm(RunAs user, String... args) {
            OwnJvm console = new OwnJvm(ConsoleAs.start(user, args));
            try {
                return console.subscribed();
            } catch (RuntimeException | Error e) {
                console.close(); // never subscribed: nobody else would end it before its host goes
                throw e;
            }
        }

        Streaming subscribed() {
            Await.until(WAIT, "the console subscribed", () -> err().contains("listening for notifications"),
                    this::toString);
            return this;
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (String l : out().split("\n")) if (!l.isEmpty()) lines.add(l);
            return lines;
        }

        void awaitLines(int n) {
            Await.until(WAIT, n + " event lines", () -> lines().size() >= n, this::toString);
            assertEquals(n, lines().size(), toString());
        }

        @Override
        public String toString() {
            return "stdout:\n" + out() + "\nstderr:\n" + err();
        }
    }

    private static final class InThisJvm extends Streaming {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        final Thread thread;

        InThisJvm(String... args) {
            thread = new Thread(() -> exitCode.set(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args)),
                    "console " + String.join(" ", args));
            thread.setDaemon(true);
            thread.start();
        }

        @Override String out() { return out.toString(); }

        @Override String err() { return err.toString(); }

        @Override
        int awaitEnd() {
            Await.until(WAIT, "the console ended after the JVM went away", () -> !thread.isAlive(), this::toString);
            return exitCode.get();
        }
    }

    private static final class OwnJvm extends Streaming {
        final ChildJvm console;

        OwnJvm(ChildJvm console) {
            this.console = console;
        }

        @Override String out() { return console.stdout(); }

        @Override String err() { return console.stderr(); }

        @Override int awaitEnd() { return console.awaitExit(WAIT); }

        @Override public void close() { console.close(); }
    }

    @ParameterizedTest(name = "host and commands as {0}")
    @EnumSource(RunAs.class)
    void eventsStreamsACrossingAndItsRecoveryAndEndsWhenTheJvmGoesAway(RunAs user, @TempDir Path base)
            throws Exception {
        user.assumeAvailable();
        Path tmp = user.ownedDirectory(base, "tmp");
        List<Streaming> consoles = new ArrayList<>();
        try {
            streamAndCheck(user, tmp, consoles);
        } finally {
            for (Streaming s : consoles) s.close();
        }
    }

    private static void streamAndCheck(RunAs user, Path tmp, List<Streaming> consoles) throws Exception {
        Streaming plain;
        Streaming json;
        String pid;
        try (HostJvm host = HostJvm.builder(tmp).runAs(user).agent("warnTrackedFiles=2,sites=all").start()) {
            pid = Long.toString(host.pid());
            ConsoleAs.runUntilOk(user, "stats", pid); // the MBean is registered
            plain = Streaming.inThisJvm("events", pid);
            consoles.add(plain);
            // uid 65534: the JSON stream runs as that user too (an operator watching their own JVM).
            json = user == RunAs.CURRENT_USER ? Streaming.inThisJvm("events", pid, "--json")
                    : Streaming.asOwnJvm(user, "events", pid, "--json");
            consoles.add(json);
            if (json instanceof OwnJvm) {
                long consolePid = ((OwnJvm) json).console.pid();
                assertEquals(RunAs.UNPRIVILEGED_UID, Files.getAttribute(Path.of("/proc/" + consolePid), "unix:uid"),
                        "the streaming console runs as " + user);
            }
            assertEquals(List.of(), plain.lines(), "nothing crossed yet");

            List<Path> files = host.send("files 3 0");
            assertEquals(expectedUid(user), Files.getAttribute(files.get(0), "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    "the host runs as " + user);
            plain.awaitLines(1);
            json.awaitLines(1);
            // sites=all: the crossing names the host's creating frame exactly (sampling would make it random).
            assertTrue(plain.lines().get(0).matches("\\S+Z exceeded warnTrackedFiles value=3 limit=2 "
                    + "sites=\\[io\\.tempguard\\.console\\.hosts\\.TempHost\\.main\\(TempHost\\.java:\\d+\\): 3 live\\] "
                    + "tempguard: warnTrackedFiles exceeded: 3 tracked files, above the limit of 2"), plain.toString());
            JsonNode e = JSON.readTree(json.lines().get(0));
            assertEquals("io.tempguard.threshold.exceeded", e.get("type").asText());
            assertEquals("warnTrackedFiles", e.get("threshold").asText());
            assertEquals(3, e.get("value").asLong());
            assertEquals(2, e.get("limit").asLong());
            assertEquals(1, e.get("topSites").size(), e.toString());
            assertTrue(e.get("topSites").get(0).asText().startsWith("io.tempguard.console.hosts.TempHost.main("), e.toString());
            assertTrue(e.get("message").asText().contains("exceeded"), e.toString());

            Result watch = ConsoleAs.run(user, "watch", pid, "--count", "1");
            assertTrue(watch.out.trim().endsWith("journal=ok EXCEEDED=warnTrackedFiles"), watch.toString());
            Result watchJson = ConsoleAs.run(user, "watch", pid, "--count", "1", "--json");
            assertEquals("[\"warnTrackedFiles\"]", watchJson.json().get("exceededThresholds").toString());
            Result stats = ConsoleAs.run(user, "stats", pid);
            assertTrue(stats.out.contains("EXCEEDED: warnTrackedFiles"), stats.toString());

            assertEquals(0, ConsoleAs.run(user, "cleanup", pid).exitCode, "deleting the three files");
            plain.awaitLines(2);
            json.awaitLines(2);
            assertTrue(plain.lines().get(1).matches("\\S+Z recovered warnTrackedFiles value=0 limit=2 .*"), plain.toString());
            JsonNode r = JSON.readTree(json.lines().get(1));
            assertEquals("io.tempguard.threshold.recovered", r.get("type").asText());
            assertTrue(r.get("sequence").asLong() > e.get("sequence").asLong());
            assertTrue(ConsoleAs.run(user, "watch", pid, "--count", "1").out.trim().endsWith("journal=ok"), "clear again");
        }
        for (Streaming s : Arrays.asList(plain, json)) {
            assertEquals(3, s.awaitEnd(), s.toString());
            assertTrue(s.err().trim().endsWith("no more events"), s.toString());
            assertTrue(s.err().contains("JVM " + pid), s.toString());
        }
    }

    /** The owner of what a host running as {@code user} creates. */
    private static int expectedUid(RunAs user) throws java.io.IOException {
        return user == RunAs.UNPRIVILEGED ? RunAs.UNPRIVILEGED_UID
                : (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
