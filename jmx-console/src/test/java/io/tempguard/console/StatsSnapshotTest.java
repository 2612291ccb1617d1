package io.tempguard.console;

import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import io.tempguard.TempFileStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How stats and watch read a target: one round trip with Stats, the single attributes without it. */
class StatsSnapshotTest {

    @Test
    void readsEveryStatisticInOneRoundTripThroughTheStatsAttribute(@TempDir Path root) throws Exception {
        String objectName = "io.tempguard:type=TempFileManager,name=console-" + UUID.randomUUID();
        try (TempFileManager manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root)
                .jmx(true).objectName(objectName).backgroundStart(false).shutdownCleanup(false)
                .reconcileInterval(Duration.ZERO).journal(false).sweepOnStart(false).build())) {
            for (int i = 0; i < 3; i++) manager.createTempFile(root, "kept-", ".bin");
            manager.createTempDirectory(root, "dir-");
            manager.newTempFile(root, "deleted-", ".bin").close();
            manager.unregister(manager.createTempFile(root, "released-", ".bin"));
            List<String> calls = new ArrayList<>();

            StatsSnapshot s = StatsSnapshot.read(counting(ManagementFactory.getPlatformMBeanServer(), calls),
                    new ObjectName(objectName));

            assertEquals(List.of("getAttributes"), calls, "one round trip");
            TempFileStats expected = manager.stats();
            assertEquals(List.of(3L, 1L, 6L, 1L, 1L), List.of(s.trackedFileCount, s.trackedDirectoryCount,
                    s.createdTotal, s.deletedTotal, s.releasedTotal));
            assertEquals(expected.createdTotal(), s.createdTotal);
            assertEquals(List.of(root.toString()), s.roots);
            assertEquals(TempFileManager.version(), s.version);
            assertFalse(s.journalHealthy);
            assertTrue(s.journalStatus.startsWith("off"), s.journalStatus);
        }
    }

    /** A target running a tempguard from before the Stats attribute: its counters are still shown. */
    @Test
    void fallsBackToTheSingleAttributesWhenTheTargetHasNoStatsAttribute() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("io.tempguard:type=TempFileManager");
        server.registerMBean(new Legacy(), name);
        List<String> calls = new ArrayList<>();

        StatsSnapshot s = StatsSnapshot.read(counting(server, calls), name);

        assertEquals(List.of("getAttributes", "getAttributes"), calls, "Stats missing: one more round trip");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L),
                List.of(s.trackedFileCount, s.trackedDirectoryCount, s.trackedBytes, s.createdTotal, s.deletedTotal,
                        s.releasedTotal, s.cleanupFailureCount, s.skippedCount, s.oldestTrackedAgeSeconds,
                        s.unmanagedCreatedTotal, s.agentErrorCount, s.journalErrorCount));
        assertEquals("0.0.9", s.version);
        assertEquals(List.of("/tmp"), s.roots);
        assertTrue(s.shutdownCleanupEnabled);
        assertTrue(s.journalHealthy);
        assertEquals("journal ok", s.journalStatus);
    }

    private static MBeanServerConnection counting(MBeanServerConnection server, List<String> calls) {
        return (MBeanServerConnection) Proxy.newProxyInstance(StatsSnapshotTest.class.getClassLoader(),
                new Class<?>[]{MBeanServerConnection.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(server, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The MXBean as tempguard 0.1 wave 1 declared it: every attribute but Stats. */
    public interface OldTempFileManagerMXBean {
        long getTrackedFileCount();
        long getTrackedDirectoryCount();
        long getTrackedBytes();
        long getCreatedTotal();
        long getDeletedTotal();
        long getReleasedTotal();
        long getCleanupFailureCount();
        long getSkippedCount();
        long getOldestTrackedAgeSeconds();
        long getUnmanagedCreatedTotal();
        long getAgentErrorCount();
        List<String> getRoots();
        boolean isShutdownCleanupEnabled();
        String getVersion();
        boolean isJournalHealthy();
        long getJournalErrorCount();
        String getJournalStatus();
    }

    public static final class Legacy implements OldTempFileManagerMXBean {
        @Override public long getTrackedFileCount() { return 1; }
        @Override public long getTrackedDirectoryCount() { return 2; }
        @Override public long getTrackedBytes() { return 3; }
        @Override public long getCreatedTotal() { return 4; }
        @Override public long getDeletedTotal() { return 5; }
        @Override public long getReleasedTotal() { return 6; }
        @Override public long getCleanupFailureCount() { return 7; }
        @Override public long getSkippedCount() { return 8; }
        @Override public long getOldestTrackedAgeSeconds() { return 9; }
        @Override public long getUnmanagedCreatedTotal() { return 10; }
        @Override public long getAgentErrorCount() { return 11; }
        @Override public List<String> getRoots() { return List.of("/tmp"); }
        @Override public boolean isShutdownCleanupEnabled() { return true; }
        @Override public String getVersion() { return "0.0.9"; }
        @Override public boolean isJournalHealthy() { return true; }
        @Override public long getJournalErrorCount() { return 12; }
        @Override public String getJournalStatus() { return "journal ok"; }
    }
}
