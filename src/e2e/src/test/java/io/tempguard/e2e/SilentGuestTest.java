package io.tempguard.e2e;

import io.tempguard.e2e.hosts.SilentHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scenario 2: at its default settings the agent is a silent guest: the host's stderr stays exactly
 * empty and its stdout holds only what the host printed, while the agent is demonstrably at work
 * (what the host left in its temp directory is gone at exit).
 */
@Timeout(120)
class SilentGuestTest {
    private static final List<String> HOST_OUTPUT = List.of(
            "created 6 temp paths",
            "deleted: true true false",
            "still there: true true true",
            "done");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void printsNothingAtDefaultSettings(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, SilentHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work).start()) {
            host.awaitNormalExit();
            assertEquals("", host.stderr(), "the host's stderr must be exactly empty with the agent\n" + host.describe());
            assertEquals(String.join("\n", HOST_OUTPUT) + "\n", host.stdout(), "the host's stdout\n" + host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the agent deleted what the host left");
    }

    /** The same host without the agent: same output, and its temp paths stay (so the check above can fail). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withoutTheAgentTheHostLeavesItsTempPaths(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, SilentHost.class).tmpdir(dirs.tmp).workDir(dirs.work).start()) {
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
            assertEquals(String.join("\n", HOST_OUTPUT) + "\n", host.stdout(), host.describe());
        }
        // The plain temp file and the directory stay; the deleteOnExit file the JDK removed.
        assertEquals(2, Dirs.list(dirs.tmp).size(), "left in " + dirs.tmp + ": " + Dirs.list(dirs.tmp));
    }
}
