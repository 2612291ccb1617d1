package io.tempguard.e2e;

import io.tempguard.e2e.hosts.CreateAndExitHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 7: a bad agent option makes the agent print one line naming the option and what it
 * accepts, and stay off: the host runs normally and its temp files are not deleted at exit.
 */
@Timeout(120)
class BadOptionsTest {

    static Stream<Arguments> badOptions() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdk.values()) {
            cases.add(Arguments.of(jdk, "foo=1",
                    List.of("'foo'", "accepted: roots, shutdownCleanup, shutdownTimeout, jmx, log, reconcileInterval")));
            cases.add(Arguments.of(jdk, "shutdownCleanup=maybe",
                    List.of("shutdownCleanup=maybe", "expected true or false")));
            cases.add(Arguments.of(jdk, "roots=relative/path",
                    List.of("roots=relative/path", "not absolute", "expected absolute directories")));
            // Issue 9 item 9: accepted before, then Duration.toNanos overflowed at exit and nothing was cleaned up.
            cases.add(Arguments.of(jdk, "shutdownTimeout=106752d",
                    List.of("shutdownTimeout=106752d", "out of range: at most 1h00m")));
            cases.add(Arguments.of(jdk, "reconcileInterval=1ms",
                    List.of("reconcileInterval=1ms", "out of range: at least 100ms")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ={1}")
    @MethodSource("badOptions")
    void badOptionLeavesTheAgentOffWithOneLine(Jdk jdk, String options, List<String> mentions, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, CreateAndExitHost.class).agent(options).tmpdir(dirs.tmp)
                .workDir(dirs.work).start()) {
            host.awaitNormalExit();
            List<String> err = host.stderrLines();
            assertEquals(1, err.size(), "exactly one line on stderr\n" + host.describe());
            String line = err.get(0);
            assertTrue(line.startsWith("tempguard: "), line);
            for (String mention : mentions) assertTrue(line.contains(mention), "'" + mention + "' in: " + line);
            assertTrue(line.contains("agent not started"), line);
            assertEquals(host.stderr(), line + "\n", "nothing else on stderr");

            Map<String, String> created = Dirs.printedPaths(host.stdoutLines(), "done", "FILE", "DIR");
            assertEquals(3, created.size(), host.describe());
            assertEquals(4, host.stdoutLines().size(), "the host ran normally\n" + host.describe());
            Dirs.assertPresent(created.keySet(), "the agent is off: nothing is deleted at exit");
            assertEquals(3, Dirs.list(dirs.tmp).size());
        }
    }
}
