package io.tempguard.console;

import io.tempguard.console.support.Console;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        String me = ProcessHandle.current().info().user().orElse(System.getProperty("user.name"));
        Assumptions.assumeTrue("root".equals(me), "SKIPPED: needs root to run the console as another user "
                + "(this JVM runs as " + me + "); nothing else can start a process of another user");
        Path setpriv = Paths.get("/usr/bin/setpriv");
        Assumptions.assumeTrue(Files.isExecutable(setpriv), "SKIPPED: /usr/bin/setpriv (util-linux) is missing");

        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Path journals = Files.createDirectories(base.resolve("journals"));
        // The console's classes and libraries where nobody can read them (the Maven repository may not be).
        Path shared = Files.createTempDirectory("tempguard-console-nobody-");
        try (HostJvm child = HostJvm.builder(tmp).agent("journalDir=" + journals).start()) {
            String pid = Long.toString(child.pid());
            Console.runUntilOk("stats", pid); // tempguard is there, for root

            List<String> classpath = new ArrayList<>();
            int i = 0;
            for (Path source : Console.classpath()) {
                Path copy = shared.resolve((i++) + "-" + source.getFileName());
                copyTree(source, copy);
                classpath.add(copy.toString());
            }
            makeWorldReadable(shared);

            List<String> cmd = List.of(setpriv.toString(), "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                    Jdk.runningJava().toString(), "-XX:-UsePerfData", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                    "-cp", String.join(":", classpath), Main.class.getName(), "stats", pid);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(shared.toFile());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            Path out = base.resolve("console.out");
            Path err = base.resolve("console.err");
            Process console = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                assertTrue(console.waitFor(60, TimeUnit.SECONDS), "the console finished");
            } finally {
                console.destroyForcibly();
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            String all = "command: " + String.join(" ", cmd) + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
            assertEquals(4, console.exitValue(), all);
            assertEquals("", stdout, all);
            assertEquals(List.of("tempguard-console: permission denied: JVM " + pid + " runs as user 'root' and the "
                    + "console as 'nobody'; the Attach API only reaches JVMs of the same user: run the console as 'root' "
                    + "(e.g. sudo -u root java -jar tempguard-console.jar ...)"), stderr.lines().toList(), all);
            assertTrue(child.isAlive(), "the target is unharmed");
        } finally {
            deleteTree(shared);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void makeWorldReadable(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>();
            walk.forEach(all::add);
            for (int k = all.size() - 1; k >= 0; k--) Files.deleteIfExists(all.get(k));
        }
    }
}
