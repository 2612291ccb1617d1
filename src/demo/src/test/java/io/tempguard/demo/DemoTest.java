package io.tempguard.demo;

import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, promises with no test: the README's first command, {@code java -jar
 * src/demo/target/tempguard-demo.jar} from the repository root (after the build), run end to end:
 * the pipeline with the agent, the console's ls/stats/cleanup, a normal exit that leaves the temp
 * directory empty, a kill -9 and the console's sweep that empties it again.
 */
@Timeout(180)
class DemoTest {

    @Test
    void theReadmesFirstCommandRunsTheWholeStory() throws Exception {
        Path repo = Paths.get(System.getProperty("tempguard.repo")).toRealPath();
        Path demoJar = repo.resolve("src/demo/target/tempguard-demo.jar");
        assertTrue(Files.isRegularFile(demoJar), demoJar + " is built by this module's package phase");
        try (ChildJvm demo = ChildJvm.builderForJar(Jdk.JDK17.require(), repo.relativize(demoJar)).workDir(repo).start()) {
            assertEquals(0, demo.awaitExit(java.time.Duration.ofSeconds(150)), demo.describe());
            List<String> out = demo.stdoutLines();
            String all = demo.describe();
            assertTrue(out.contains("$ tempguard-console ls " + pidOf(out, 0) + " --limit 8"), all);
            assertTrue(out.stream().anyMatch(l -> l.matches("9 of 9 tracked paths, oldest first|8 of 9 tracked paths, .*")), all);
            assertTrue(out.stream().anyMatch(l -> l.startsWith("  tracked files ")), all);
            assertTrue(out.stream().anyMatch(l -> l.startsWith("would delete ")), all);
            assertEquals("  (empty)", lineAfter(out, "== temp directory after a normal exit:"), all);
            assertTrue(out.stream().anyMatch(l -> l.startsWith("1 orphaned journal swept, 0 live left alone; deleted ")), all);
            assertEquals("  (empty)", lineAfter(out, "== temp directory after the sweep:"), all);
            assertEquals("== done (scratch directory removed)", out.get(out.size() - 1), all);
            assertEquals(List.of(), demo.stderrLines(), "nothing on stderr\n" + all);
        }
    }

    /** The pid of the {@code n}th "READY pid=N" line the pipeline printed (echoed with two spaces). */
    private static String pidOf(List<String> out, int n) {
        int seen = 0;
        for (String line : out) {
            if (line.startsWith("  READY pid=") && seen++ == n) return line.substring("  READY pid=".length());
        }
        throw new AssertionError("no READY line " + n + " in " + out);
    }

    private static String lineAfter(List<String> out, String line) {
        int i = out.indexOf(line);
        if (i < 0 || i + 1 >= out.size()) throw new AssertionError("no line '" + line + "' in " + out);
        return out.get(i + 1);
    }
}
