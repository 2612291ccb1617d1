package io.tempguard.e2e;

import io.tempguard.e2e.hosts.FailingCreateHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 5: creations (and a delete and a move) that fail reach the host with exactly the
 * exception class and message they have without the agent.
 */
@Timeout(120)
class FailingCreationTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void failuresAreExactlyAsWithoutTheAgent(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        String missing = dirs.tmp.resolve("no-such-dir").toString();

        String plainOut;
        try (ChildJvm plain = ChildJvm.builder(jdk, FailingCreateHost.class).tmpdir(dirs.tmp).workDir(dirs.work)
                .args(missing).start()) {
            plain.awaitNormalExit();
            assertEquals("", plain.stderr(), plain.describe());
            plainOut = plain.stdout();
        }
        String agentOut;
        try (ChildJvm withAgent = ChildJvm.builder(jdk, FailingCreateHost.class).agent().tmpdir(dirs.tmp)
                .workDir(dirs.work).args(missing).start()) {
            withAgent.awaitNormalExit();
            assertEquals("", withAgent.stderr(), withAgent.describe());
            agentOut = withAgent.stdout();
        }

        assertEquals(plainOut, agentOut, "the failures the host saw, with the agent vs without it");
        assertTrue(agentOut.contains("Files.createTempFile(missing) -> java.nio.file.NoSuchFileException: " + missing
                + "/abc<random>.tmp"), agentOut);
        assertTrue(agentOut.contains("\n    at java.base/java.nio.file.Files.createTempFile("),
                agentOut);
        assertTrue(agentOut.contains("File.createTempFile(missing) -> java.io.IOException: No such file or directory"),
                agentOut);
        assertTrue(agentOut.contains("File.createTempFile(short prefix) -> java.lang.IllegalArgumentException"), agentOut);
        assertTrue(agentOut.endsWith("done\n"), agentOut);
        Dirs.assertNoTempLeft(dirs.tmp, "nothing was created");
    }
}
