package io.tempguard.demo;

import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, promises with no test: the shaded console jar as shipped ({@code java -jar
 * jmx-console/target/tempguard-console.jar}), against a real host with the real agent. A missing
 * class in the shade (picocli, core, SLF4J's binding), a wrong Main-Class or a lost service file
 * fails here, while the console's own tests run its classes from target/classes.
 */
@Timeout(120)
class ConsoleJarTest {

    @Test
    void theShadedJarListsAndReadsAJvmWithTheAgent(@TempDir Path base) throws Exception {
        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Path journals = Files.createDirectories(base.resolve("journals"));
        try (ChildJvm host = ChildJvm.builder(TwoFilesHost.class).tmpdir(tmp).agent("journalDir=" + journals)
                .jvmArgs("-Xmx64m", "-XX:TieredStopAtLevel=1").start()) {
            host.awaitLine("READY");
            String pid = Long.toString(host.pid());

            String stats = untilOk(Duration.ofSeconds(60), "stats", pid, "--json"); // the MBean registers on a background thread
            assertTrue(stats.contains("\"target\":\"" + pid + "\""), stats);
            assertTrue(stats.contains("\"trackedFileCount\":2,"), stats);
            assertTrue(stats.contains("\"createdTotal\":2,"), stats);
            assertTrue(stats.contains("\"roots\":[\"" + tmp.toRealPath() + "\"]"), stats);

            String jvms = run(0, "jvms", "--json");
            Matcher row = Pattern.compile("\\{\"pid\":" + pid + ",[^{}]*\\}").matcher(jvms);
            assertTrue(row.find(), "the host is listed\n" + jvms);
            String mine = row.group();
            assertTrue(mine.contains("\"name\":\"" + TwoFilesHost.class.getName() + "\""), mine);
            assertTrue(mine.contains("\"tempguard\":true"), mine);
            assertTrue(mine.contains("\"trackedCount\":2,"), mine);

            String help = run(0, "--version");
            assertTrue(help.startsWith("tempguard-console "), help);
        }
    }

    static Path consoleJar() {
        Path jar = Paths.get(System.getProperty("tempguard.console.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the console module's package phase");
        return jar;
    }

    /** Runs the console jar and returns its stdout, asserting {@code rc}. */
    private static String run(int rc, String... args) throws IOException {
        try (ChildJvm console = console(args)) {
            assertEquals(rc, console.awaitExit(), console.describe());
            return console.stdout();
        }
    }

    private static String untilOk(Duration max, String... args) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try (ChildJvm console = console(args)) {
                int code = console.awaitExit();
                if (code == 0) return console.stdout();
                if (System.nanoTime() - deadline > 0) throw new AssertionError("never exit 0\n" + console.describe());
            }
            Thread.sleep(200);
        }
    }

    private static ChildJvm console(String... args) throws IOException {
        return ChildJvm.builderForJar(Jdk.JDK17.require(), consoleJar())
                .jvmArgs("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData").args(args).start();
    }
}
