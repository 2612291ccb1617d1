package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.InterruptedHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host thread with its interrupt flag set creates and deletes thousands of temp files: the
 * agent's bookkeeping inside those calls (including its crash journal, which grows along the way)
 * must neither fail nor speak because of the flag, and must leave the flag set.
 */
@Timeout(120)
class InterruptedHostTest {
    private static final int FILES = 4_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void anInterruptedHostThreadIsServedLikeAnyOther(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, InterruptedHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .args(Integer.toString(FILES)).start()) {
            host.awaitLine("READY");
            assertTrue(host.stdoutLines().contains("interrupt flag kept: true"), host.describe());
            Map<String, String> kept = Dirs.printedPaths(host.stdoutLines(), "READY", "KEPT");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                Map<String, String> tracked = Jmx.trackedKinds(manager);
                assertEquals(kept.keySet(), tracked.keySet(), "tracked: the two kept files");
                assertEquals(FILES + 2, manager.getCreatedTotal());
                assertEquals(FILES, manager.getReleasedTotal());
                assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), "the host's stderr\n" + host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the kept files were deleted at exit");
    }
}
