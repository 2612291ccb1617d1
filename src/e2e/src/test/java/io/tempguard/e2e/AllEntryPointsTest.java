package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.AllEntryPointsHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import io.tempguard.e2e.support.Jmx;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 1: temp files and directories created through all six JDK entry points, from eight
 * threads and from a class of the host's own class loader, are each tracked with the right kind
 * and counted once; a normal exit deletes every one of them.
 */
@Timeout(120)
class AllEntryPointsTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 5;
    /** Six entry points per round per thread, plus three creations by the isolated class. */
    private static final int EXPECTED = THREADS * ROUNDS * 6 + 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void everyCreatedPathIsTrackedOnceAndDeletedAtExit(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, AllEntryPointsHost.class).agent().tmpdir(dirs.tmp)
                .workDir(dirs.work).args(Integer.toString(THREADS), Integer.toString(ROUNDS)).start()) {
            host.awaitLine("READY");
            Map<String, String> printed = Dirs.printedPaths(host.stdoutLines(), "READY", "FILE", "DIR");
            assertEquals(EXPECTED, printed.size(), "distinct paths the host printed\n" + host.describe());
            long files = printed.values().stream().filter("FILE"::equals).count();
            long directories = printed.values().stream().filter("DIR"::equals).count();
            assertEquals(THREADS * ROUNDS * 4 + 2, files);
            assertEquals(THREADS * ROUNDS * 2 + 1, directories);
            assertEquals(3, printed.keySet().stream().filter(p -> p.contains("isolated-host-bytes-loader-")).count(),
                    "paths created by the class of the host's own loader");
            for (Map.Entry<String, String> e : printed.entrySet()) {
                Path p = Path.of(e.getKey());
                assertEquals(dirs.tmp, p.getParent(), "created in java.io.tmpdir: " + p);
                assertEquals(e.getValue().equals("DIR"), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), "on disk: " + p);
            }

            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                Map<String, String> tracked = Jmx.trackedKinds(manager);
                for (Map.Entry<String, String> e : printed.entrySet()) {
                    String expectedKind = e.getValue().equals("DIR") ? "DIRECTORY" : "FILE";
                    assertEquals(expectedKind, tracked.get(e.getKey()), "kind listTracked gives " + e.getKey());
                }
                assertEquals(printed.keySet(), tracked.keySet(), "listTracked lists exactly the created paths");
                assertEquals(EXPECTED, manager.getCreatedTotal(),
                        "CreatedTotal (File.createTempFile(prefix, suffix) must count once)");
                assertEquals(files, manager.getTrackedFileCount());
                assertEquals(directories, manager.getTrackedDirectoryCount());
                assertEquals(0, manager.getReleasedTotal());
                assertEquals(0, manager.getDeletedTotal());
                assertEquals(0, manager.getUnmanagedCreatedTotal());
                assertEquals(0, manager.getAgentErrorCount(), "AgentErrorCount");
                assertEquals(List.of(dirs.tmp.toString()), manager.getRoots());
                assertTrue(manager.isShutdownCleanupEnabled());
            }

            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), "the host's stderr\n" + host.describe());
            Dirs.assertGone(printed.keySet(), "deleted at exit");
            Dirs.assertNoTempLeft(dirs.tmp, "after a normal exit");
        }
    }
}
