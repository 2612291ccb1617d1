package io.tempguard.e2e;

import io.tempguard.e2e.hosts.ShutdownHookHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Journals;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's shutdown cleanup waits for the host's own shutdown hooks: a host hook that sleeps
 * 500 ms, then appends to a temp file the host created earlier and moves it to its final place
 * outside the temp directory, succeeds; the final file holds what was written; every other temp
 * path is gone, and so is the journal; the host exits 0 with nothing on stderr.
 *
 * <p>The JVM starts all shutdown hooks one after the other, in no set order, and the agent's hook
 * may begin waiting before the host's hook has been started. The second case registers 100 idle
 * hooks besides, which widens that moment: the agent must wait for a hook that has not started yet.
 */
@Timeout(120)
class ShutdownHooksFirstTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) {
            cases.add(Arguments.of(jdk, 0));
            cases.add(Arguments.of(jdk, 100));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} idle hooks besides")
    @MethodSource("cases")
    void theHostsShutdownHookFinishesWithItsTempFileBeforeTheCleanup(Jdk jdk, int idleHooks, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path journalDir = base.resolve("journals");
        try (ChildJvm host = ChildJvm.builder(jdk, ShutdownHookHost.class).agent(CrashScenario.options(journalDir))
                .tmpdir(dirs.tmp).workDir(dirs.work).args(dirs.out.toString(), "1", Integer.toString(idleHooks)).start()) {
            host.awaitNormalExit();
            assertEquals("", host.stderr(), "the host's stderr\n" + host.describe());
            Map<String, String> created = Dirs.printedPaths(host.stdoutLines(), "done", "WORK", "FILE", "DIR");
            assertEquals(3, created.size(), host.describe());
            assertTrue(host.stdoutLines().contains("HOOK DONE 0"), host.describe());
            assertEquals("begun\nfinished by the host's shutdown hook\n", Files.readString(dirs.out.resolve("report-0.txt")),
                    "the final file holds what the hook wrote");
            Dirs.assertGone(created.keySet(), "the work file was moved away; the other temp paths were deleted");
        }
        Dirs.assertNoTempLeft(dirs.tmp, "after a normal exit");
        assertEquals(List.of("report-0.txt"), Dirs.list(dirs.out));
        assertEquals(List.of(), Journals.list(journalDir), "no journal is left");
    }
}
