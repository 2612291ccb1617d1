package io.tempguard.console;

import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.Console;
import io.tempguard.console.support.Ports;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failures that need no tempguard JVM: one clear line on stderr, nothing on stdout, the documented
 * exit code; a stack trace only with --verbose. (A JVM without tempguard: LocalTargetTest and
 * AttachTest; bad credentials: RemoteJmxTest; another user's JVM: OtherUserTest.)
 */
@Timeout(60)
class ErrorsTest {

    @Test
    void unknownPidIsUnreachable() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        String pid = Long.toString(gone.pid()); // reaped: no process has this pid now
        Result r = Console.run("stats", pid, "--json");
        assertEquals(3, r.exitCode, r.toString());
        assertEquals("", r.out);
        assertEquals(List.of("tempguard-console: no process with pid " + pid
                + " is running (list local JVMs with: tempguard-console jvms)"), r.errLines());
        assertEquals(3, Console.run("attach", pid, "--agent", ChildJvm.agentJar().toString()).exitCode);
    }

    @Test
    void aProcessThatIsNotAJvmIsUnreachable() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            // Until the child has exec'd sleep it is still a fork of this JVM, whose signal
            // dispositions (SIGQUIT caught) make it look like a JVM: wait for the exec itself.
            Await.until(Duration.ofSeconds(10), "the child to become sleep",
                    () -> sleep.info().command().map(c -> c.endsWith("/sleep")).orElse(false),
                    () -> sleep.info().toString());
            Result r = Console.run("ls", Long.toString(sleep.pid()));
            assertEquals(3, r.exitCode, r.toString());
            assertEquals(1, r.errLines().size(), r.toString());
            assertTrue(r.err.contains("process " + sleep.pid() + " does not accept attach requests"), r.err);
            assertTrue(sleep.isAlive(), "the console did not signal it to death");
        } finally {
            sleep.destroyForcibly();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusedConnectionIsUnreachable() {
        String address = "127.0.0.1:" + Ports.freeLoopbackPort();
        Result r = Console.run("stats", address);
        assertEquals(3, r.exitCode, r.toString());
        assertEquals("", r.out);
        assertEquals(List.of("tempguard-console: cannot connect to " + address + ": connection refused (is the JVM "
                + "running with -Dcom.sun.management.jmxremote.port=PORT?)"), r.errLines());
        assertFalse(r.err.contains("\tat "), "no stack trace without --verbose");

        Result verbose = Console.run("stats", address, "--verbose");
        assertEquals(3, verbose.exitCode, verbose.toString());
        assertTrue(verbose.errLines().get(0).startsWith("tempguard-console: cannot connect to " + address), verbose.err);
        assertTrue(verbose.err.contains("\tat "), "a stack trace with --verbose\n" + verbose);
        Result verboseFirst = Console.run("--verbose", "stats", address);
        assertTrue(verboseFirst.err.contains("\tat "), "--verbose before the command works too\n" + verboseFirst);
    }

    @Test
    void malformedTargetsAreUsageErrors() {
        for (String target : List.of("service:jmx:foo", "service:jmx:rmi://host:port:x", "localhost:99999",
                "not-a-target", "-1x")) {
            Result r = Console.run("stats", target);
            assertEquals(2, r.exitCode, r.toString());
            assertEquals("", r.out);
            assertTrue(r.errLines().get(0).startsWith("tempguard-console: "), r.toString());
            assertTrue(r.err.contains("Try 'tempguard-console stats --help' for more information."), r.toString());
        }
        Result url = Console.run("stats", "service:jmx:foo");
        assertTrue(url.err.contains("'service:jmx:foo' is not a valid JMX service URL"), url.err);
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        Result duration = Console.run("cleanup", "1", "--older-than", "xyz");
        assertEquals(2, duration.exitCode, duration.toString());
        assertTrue(duration.err.startsWith("tempguard-console: Invalid value for option '--older-than': 'xyz' is not "
                + "a duration"), duration.err);

        assertEquals(2, Console.run("ls", "1", "--sort", "color").exitCode);
        assertEquals(2, Console.run("ls", "1", "--limit", "-3").exitCode);
        assertEquals(2, Console.run("sites", "1", "--limit", "-1").exitCode);
        assertEquals(2, Console.run("watch", "1", "--interval", "0s").exitCode);
        assertEquals(2, Console.run("watch", "1", "--count", "0").exitCode);
        assertEquals(2, Console.run("stats", "1", "--user", "admin").exitCode, "--user is for remote targets");
        assertEquals(2, Console.run("stats", "127.0.0.1:1", "--password-file", "/x").exitCode, "needs --user");
        assertEquals(2, Console.run("stats").exitCode, "missing target");
        assertEquals(2, Console.run("attach", "abc").exitCode);
        assertEquals(2, Console.run("sweep", "--no-such-option").exitCode);

        Result unknown = Console.run("stat", "1");
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.err.contains("stats"), "suggests the command meant\n" + unknown);
        Result none = Console.run();
        assertEquals(2, none.exitCode, none.toString());
        assertTrue(none.err.contains("Missing command"), none.toString());
    }

    @Test
    void withoutTheAttachApiTargetCommandsSayWhatToDo(@TempDir Path dir) throws Exception {
        // A runtime without module jdk.attach, as a JRE or a jlink image without it would be.
        List<String> cmd = new ArrayList<>(List.of(Jdk.runningJava().toString(), "--limit-modules", "java.se",
                "-XX:TieredStopAtLevel=1", "-cp",
                Console.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                Main.class.getName()));
        for (List<String> args : List.of(List.of("stats", "1"), List.of("jvms"))) {
            List<String> full = new ArrayList<>(cmd);
            full.addAll(args);
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            Process p = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the console finished");
            } finally {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err);
            assertEquals(3, p.exitValue(), String.join(" ", full) + "\n" + stderr);
            assertEquals("", Files.readString(out));
            assertEquals(List.of("tempguard-console: the Attach API (module jdk.attach) is missing from the Java "
                    + "runtime at " + System.getProperty("java.home") + ": run the console with the java of a JDK, "
                    + "not a JRE"), stderr.lines().collect(Collectors.toList()));
        }
    }

    @Test
    void helpAndVersion() {
        for (String command : List.of("jvms", "attach", "stats", "ls", "sites", "cleanup", "sweep", "watch", "events")) {
            Result help = Console.run(command, "--help");
            assertEquals(0, help.exitCode, help.toString());
            assertTrue(help.out.startsWith("Usage: tempguard-console " + command), help.out);
        }
        Result help = Console.run("--help");
        assertEquals(0, help.exitCode);
        assertTrue(help.out.contains("Exit codes:"), help.out);
        Result version = Console.run("--version");
        assertEquals(0, version.exitCode);
        assertTrue(version.out.startsWith("tempguard-console " + io.tempguard.TempFileManager.version()), version.out);
        assertFalse(io.tempguard.TempFileManager.version().equals("unknown"));
    }
}
