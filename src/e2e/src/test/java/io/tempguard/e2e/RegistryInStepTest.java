package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.ChurnHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Scenario 8: the registry follows the host: 10,000 temp files created and deleted by the host
 * (Files.delete, File.delete, Files.deleteIfExists) leave nothing tracked, each released once; and
 * File.deleteOnExit on 1,000 temp files is taken over (issue 11 section 1): the JDK's never-shrinking
 * DeleteOnExitHook list holds only the file outside the roots, also with shutdown cleanup off,
 * while tempguard deletes the files at exit. With adoptDeleteOnExit=false, and without the agent,
 * the list grows by one per call.
 */
@Timeout(120)
class RegistryInStepTest {
    private static final int CHURN = 10_000;
    private static final int ON_EXIT = 1_000;
    private static final String OPEN_JAVA_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void deletesAndDeleteOnExitKeepTheRegistryAndTheJdkListInStep(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path outside = dirs.out.resolve("not-a-temp-file.txt");
        try (ChildJvm host = churnHost(jdk, dirs, CHURN, outside).agent().start()) {
            host.awaitLine("READY-CHURN");
            assertEquals("CHURNED " + CHURN, line(host, "CHURNED "), "the host deleted every file itself");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(0, manager.getTrackedFileCount(), "TrackedFileCount after the host deleted everything");
                assertEquals(0, manager.getTrackedDirectoryCount());
                assertEquals(0, manager.listTracked(0).size(), "listTracked");
                assertEquals(CHURN, manager.getCreatedTotal(), "CreatedTotal");
                assertEquals(CHURN, manager.getReleasedTotal(), "ReleasedTotal");
                assertEquals(0, manager.getDeletedTotal());
                assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");

                host.send("go");
                host.awaitLine("READY-ON-EXIT");
                assertEquals(ON_EXIT, manager.getTrackedFileCount(), "the deleteOnExit files are tracked");
                assertEquals(CHURN + ON_EXIT, manager.getCreatedTotal());
                assertEquals(ON_EXIT, manager.getAdoptedDeleteOnExitTotal(), "AdoptedDeleteOnExitTotal");
                assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");
            }
            assertEquals("HOOK-BEFORE 0", line(host, "HOOK-BEFORE "));
            assertEquals("MARKED " + ON_EXIT, line(host, "MARKED "));
            assertEquals("HOOK-AFTER 1", line(host, "HOOK-AFTER "),
                    "the JDK's DeleteOnExitHook list holds only the file outside the roots");

            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the deleteOnExit temp files were deleted at exit");
        assertFalse(Dirs.exists(outside), "the JDK still deleted the untracked deleteOnExit file");
    }

    /** With shutdown cleanup off the host's own deleteOnExit requests are still honoured, by tempguard. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withShutdownCleanupOffDeleteOnExitIsStillTakenOverAndHonoured(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path outside = dirs.out.resolve("not-a-temp-file.txt");
        try (ChildJvm host = churnHost(jdk, dirs, 0, outside).agent("shutdownCleanup=false").start()) {
            host.awaitLine("READY-CHURN");
            host.send("go");
            host.awaitLine("READY-ON-EXIT");
            assertEquals("HOOK-AFTER 1", line(host, "HOOK-AFTER "));
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "tempguard deleted the deleteOnExit files at exit");
        assertFalse(Dirs.exists(outside));
    }

    /** With adoptDeleteOnExit=false every request goes to the JDK's list, as without the agent. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withAdoptionOffDeleteOnExitStaysWithTheJdk(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path outside = dirs.out.resolve("not-a-temp-file.txt");
        try (ChildJvm host = churnHost(jdk, dirs, 0, outside).agent("adoptDeleteOnExit=false").start()) {
            host.awaitLine("READY-CHURN");
            host.send("go");
            host.awaitLine("READY-ON-EXIT");
            assertEquals("HOOK-AFTER " + (ON_EXIT + 1), line(host, "HOOK-AFTER "));
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the deleteOnExit files were deleted at exit");
        assertFalse(Dirs.exists(outside));
    }

    /** Without the agent the JDK's list grows by one per call: the checks above measure something real. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withoutTheAgentTheJdkListGrows(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path outside = dirs.out.resolve("not-a-temp-file.txt");
        try (ChildJvm host = churnHost(jdk, dirs, 0, outside).start()) {
            host.awaitLine("READY-CHURN");
            host.send("go");
            host.awaitLine("READY-ON-EXIT");
            assertEquals("HOOK-BEFORE 0", line(host, "HOOK-BEFORE "));
            assertEquals("HOOK-AFTER " + (ON_EXIT + 1), line(host, "HOOK-AFTER "));
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertEmpty(dirs.tmp, "the JDK deleted the deleteOnExit files at exit");
        assertFalse(Dirs.exists(outside));
    }

    private static ChildJvm.Builder churnHost(Jdk jdk, Dirs dirs, int churn, Path outside) {
        return ChildJvm.builder(jdk, ChurnHost.class).tmpdir(dirs.tmp).workDir(dirs.work).jvmArgs(OPEN_JAVA_IO)
                .args(Integer.toString(churn), Integer.toString(ON_EXIT), outside.toString());
    }

    private static String line(ChildJvm host, String prefix) {
        return host.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line\n" + host.describe()));
    }
}
