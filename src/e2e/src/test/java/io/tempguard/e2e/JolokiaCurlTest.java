package io.tempguard.e2e;

import io.tempguard.e2e.hosts.FleetHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Monitoring;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's two Jolokia {@code curl} lines, run exactly as printed (only the port differs)
 * against a real host with the real Jolokia JVM agent from Maven Central beside tempguard's: one
 * reads the stats, the other runs cleanupAll, which deletes the host's temp paths.
 */
@Timeout(180)
class JolokiaCurlTest {
    private static final int FILES = 7;
    private static final int DIRS = 2;
    private static final String README_ADDRESS = "127.0.0.1:8778";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void theReadmesCurlLinesReadTheStatsAndRunCleanupAll(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/curl")) || Files.isExecutable(Paths.get("/bin/curl")),
                "SKIPPED: curl is not installed (.ci/run installs it)");
        List<String> curls = readmeCurlLines();
        assertEquals(2, curls.size(), "the README shows one curl to read and one to exec: " + curls);
        Dirs dirs = Dirs.in(base);
        int port = Monitoring.freePort();
        try (ChildJvm host = ChildJvm.builder(jdk, FleetHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .jvmArgs("-javaagent:" + Monitoring.agent(Monitoring.JOLOKIA) + "=host=127.0.0.1,port=" + port)
                .args(Integer.toString(FILES), Integer.toString(DIRS)).start()) {
            host.awaitLine("created " + FILES + " files and " + DIRS + " directories");
            assertEquals(FILES + DIRS, Dirs.list(dirs.tmp).size() - 1, "the host's paths and the state dir: " + Dirs.list(dirs.tmp));

            String read = curls.get(0).replace(README_ADDRESS, "127.0.0.1:" + port);
            String[] stats = new String[1];
            Await.until(Duration.ofSeconds(60), "Jolokia answering the README's read", () -> {
                stats[0] = run(read);
                return stats[0].contains("\"status\":200");
            }, () -> "last answer: " + stats[0] + "\n" + host.describe());
            assertTrue(stats[0].contains("\"trackedFileCount\":" + FILES), stats[0]);
            assertTrue(stats[0].contains("\"trackedDirectoryCount\":" + DIRS), stats[0]);
            assertTrue(stats[0].contains("\"deletedTotal\":0"), stats[0]);

            String cleanup = run(curls.get(1).replace(README_ADDRESS, "127.0.0.1:" + port));
            assertTrue(cleanup.contains("\"status\":200"), cleanup);
            assertTrue(cleanup.contains("\"deletedCount\":" + (FILES + DIRS)), cleanup);
            assertTrue(cleanup.matches("(?s).*\"summary\":\"deleted " + (FILES + DIRS) + " paths \\(700 B\\), 0 failures, 0 skipped in \\d+ ms\".*"), cleanup);
            assertEquals(List.of(Dirs.STATE_DIR), Dirs.list(dirs.tmp), "cleanupAll over HTTP deleted the host's temp paths");
            assertTrue(run(read).contains("\"deletedTotal\":" + (FILES + DIRS)), "the stats say so too");

            host.send("go");
            host.awaitNormalExit();
        }
    }

    /** The README's {@code curl} lines for Jolokia, as printed. */
    private static List<String> readmeCurlLines() throws IOException {
        List<String> curls = new ArrayList<>();
        for (String line : Files.readAllLines(Monitoring.readme(), StandardCharsets.UTF_8)) {
            if (line.startsWith("curl ") && line.contains(README_ADDRESS + "/jolokia")) curls.add(line);
        }
        return curls;
    }

    /** Runs {@code command} in a shell, as an operator would paste it; its stdout. */
    private static String run(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("curl did not finish in 30 s: " + command);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
