package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.AttachHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 6: the agent loaded into a running JVM through the Attach API tracks what the host
 * creates from then on (not what it created before); a second load is harmless and says so in one
 * line; a normal exit deletes the tracked paths and leaves the earlier one.
 */
@Timeout(120)
class RuntimeAttachTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void attachedAgentTracksLaterCreationsAndASecondLoadChangesNothing(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        String agentJar = ChildJvm.agentJar().toString();
        // JDK 21+ prints a warning on the host's stderr when an agent is loaded at run time unless
        // the host allows it up front; JDK 17 accepts the flag too.
        try (ChildJvm host = ChildJvm.builder(jdk, AttachHost.class).tmpdir(dirs.tmp).workDir(dirs.work)
                .jvmArgs("-XX:+EnableDynamicAgentLoading").start();
             Jmx jmx = connectWhenReady(host)) {
            String a = Dirs.printedPaths(host.stdoutLines(), "READY-A", "A").keySet().iterator().next();
            assertFalse(jmx.isRegistered(), "no tempguard MBean before the agent is loaded");

            Jmx.loadAgent(host.pid(), agentJar, null);
            TempFileManagerMXBean manager = jmx.awaitManager();
            assertEquals(Map.of(), Jmx.trackedKinds(manager), "what existed before the agent is not tracked");

            host.send("go");
            host.awaitLine("READY-B");
            Map<String, String> created = Dirs.printedPaths(host.stdoutLines(), "READY-B", "B", "C", "D");
            String b = pathOf(created, "B");
            String c = pathOf(created, "C");
            String d = pathOf(created, "D");
            Map<String, String> expected = Map.of(b, "FILE", c, "FILE", d, "DIRECTORY");
            assertEquals(expected, Jmx.trackedKinds(manager), "tracked after the attach");
            assertEquals(3, manager.getCreatedTotal());
            assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");

            Jmx.loadAgent(host.pid(), agentJar, null);
            String warning = host.awaitStderr(l -> l.contains("already loaded"), "the second load's warning");
            assertTrue(warning.contains("changed nothing"), warning);
            assertTrue(host.isAlive(), "the host survives the second load");
            assertEquals(expected, Jmx.trackedKinds(manager), "the second load changed nothing");
            assertEquals(3, manager.getCreatedTotal());

            host.send("go");
            host.awaitLine("READY-E");
            String e = pathOf(Dirs.printedPaths(host.stdoutLines(), "READY-E", "E"), "E");
            assertEquals("FILE", Jmx.trackedKinds(manager).get(e), "still tracking after the second load");
            assertEquals(4, manager.getCreatedTotal(), "each creation counted once: the hooks were not installed twice");
            assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");

            host.send("exit");
            host.awaitNormalExit();
            assertEquals(List.of(warning), host.stderrLines(), "the host's stderr\n" + host.describe());
            Dirs.assertGone(List.of(b, c, d, e), "tracked paths are deleted at exit");
            Dirs.assertPresent(List.of(a), "the file created before the agent came stays");
            Dirs.assertNoTempLeft(dirs.tmp, "only A is left", Path.of(a).getFileName().toString());
        }
    }

    private static Jmx connectWhenReady(ChildJvm host) throws Exception {
        host.awaitLine("READY-A");
        return Jmx.connect(host.pid());
    }

    private static String pathOf(Map<String, String> printed, String kind) {
        return printed.entrySet().stream().filter(en -> en.getValue().equals(kind)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " line in " + printed));
    }
}
