package io.tempguard.console;

import io.tempguard.console.support.Console.Result;
import io.tempguard.console.support.Console;
import io.tempguard.console.support.HostJvm;
import io.tempguard.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code attach}: loads the real agent jar into a running JVM started without it; a second load changes nothing. */
@Timeout(120)
class AttachTest {

    @Test
    void attachLoadsTheAgentThenStatsWorksAndASecondAttachChangesNothing(@TempDir Path base) throws Exception {
        Path tmp = Files.createDirectories(base.resolve("tmp"));
        Path journals = Files.createDirectories(base.resolve("journals"));
        String agent = ChildJvm.agentJar().toString();
        try (HostJvm child = HostJvm.builder(tmp).start()) {
            String pid = Long.toString(child.pid());

            Result before = Console.run("stats", pid);
            assertEquals(3, before.exitCode, before.toString());
            assertEquals(List.of("tempguard-console: tempguard is not loaded in JVM " + pid
                    + " (load it with: tempguard-console attach " + pid + ")"), before.errLines());

            Result missingJar = Console.run("attach", pid, "--agent", base.resolve("nope.jar").toString());
            assertEquals(2, missingJar.exitCode, missingJar.toString());
            assertTrue(missingJar.err.contains("--agent " + base.resolve("nope.jar") + " is not a file"), missingJar.err);

            // A jar that is not an agent: the target's Attach API says so (AgentLoadException), exit 1.
            Path notAnAgent = base.resolve("not-an-agent.jar");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            new JarOutputStream(Files.newOutputStream(notAnAgent), manifest).close();
            Result notAgent = Console.run("attach", pid, "--agent", notAnAgent.toString());
            assertEquals(1, notAgent.exitCode, notAgent.toString());
            assertEquals(1, notAgent.errLines().size(), notAgent.toString());
            assertTrue(notAgent.err.startsWith("tempguard-console: JVM " + pid + " could not load " + notAnAgent
                    + " as an agent: "), notAgent.err);

            // The agent refuses an unknown option and stays off: the console says so, exit 1.
            Result refused = Console.run("attach", pid, "--agent", agent, "--options", "noSuchOption=1");
            assertEquals(1, refused.exitCode, refused.toString());
            assertTrue(refused.err.contains("did not start"), refused.err);
            assertEquals(1, refused.errLines().size(), refused.toString());
            child.awaitStderr("noSuchOption");

            Result attach = Console.run("attach", pid, "--agent", agent, "--options", "journalDir=" + journals);
            assertEquals(0, attach.exitCode, attach.toString());
            assertTrue(attach.out.startsWith("tempguard agent ") && attach.out.contains(" loaded into JVM " + pid
                    + " with options journalDir=" + journals), attach.out);
            assertEquals("", attach.err);

            Console.runUntilOk("stats", pid); // the MBean registers on a background thread
            List<Path> files = child.send("files 2 100");
            Result stats = Console.run("stats", pid, "--json");
            assertEquals(0, stats.exitCode, stats.toString());
            assertEquals(2, stats.json().get("trackedFileCount").asLong(), stats.toString());
            assertEquals(2, stats.json().get("createdTotal").asLong(), stats.toString());
            String version = stats.json().get("version").asText();

            Result again = Console.run("attach", pid, "--agent", agent);
            assertEquals(0, again.exitCode, again.toString());
            assertEquals("tempguard agent already loaded in JVM " + pid + " (version " + version + "); nothing changed\n",
                    again.out);
            assertEquals(2, Console.run("stats", pid, "--json").json().get("createdTotal").asLong(),
                    "the second attach changed nothing");

            Result cleanup = Console.run("cleanup", pid);
            assertEquals(0, cleanup.exitCode, cleanup.toString());
            for (Path f : files) assertFalse(Files.exists(f), f + " deleted");
        }
    }
}
