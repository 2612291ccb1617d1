package io.tempguard;

import io.tempguard.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.Attribute;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thresholds through the platform MBeanServer: writable limits, declared and sent notifications, state attributes. */
class ThresholdsJmxTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private final NotificationListener listener = (n, handback) -> received.add(n);

    @TempDir
    Path root;

    private ObjectName name;
    private TempFileManager manager;

    private void start(TempFileManagerConfig.Builder config) throws Exception {
        String objectName = "io.tempguard:type=TempFileManager,name=thresholds-" + UUID.randomUUID();
        name = new ObjectName(objectName);
        manager = TempFileManager.create(config.jmx(true).objectName(objectName).build());
        server.addNotificationListener(name, listener, null, null);
    }

    @AfterEach
    void close() {
        if (manager != null) manager.close();
    }

    private List<String> types() {
        List<String> t = new ArrayList<>();
        for (Notification n : received) t.add(n.getType());
        return t;
    }

    private void awaitTypes(List<String> expected) {
        Await.until(WAIT, "notifications " + expected, () -> types().equals(expected), () -> types().toString());
    }

    @Test
    void theNotificationTypesAreDeclaredForJConsole() throws Exception {
        start(TestManagers.config(root));
        MBeanNotificationInfo[] info = server.getMBeanInfo(name).getNotifications();
        assertEquals(1, info.length);
        assertEquals(List.of("io.tempguard.threshold.exceeded", "io.tempguard.threshold.recovered"),
                Arrays.asList(info[0].getNotifTypes()));
    }

    @Test
    void aFileLimitSetOverJmxIsCrossedOnceAndRecoversOnce() throws Exception {
        // Sites off: topSites is empty for sure (sampled, one of the ten creations in 100 is walked at random).
        start(TestManagers.config(root).siteRecording(SiteRecording.of(SiteRecording.Mode.OFF)));
        server.setAttribute(name, new Attribute("WarnTrackedFiles", 5L));
        assertEquals(5L, server.getAttribute(name, "WarnTrackedFiles"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) files.add(manager.createTempFile(root, "t-", ".bin"));
        awaitTypes(List.of("io.tempguard.threshold.exceeded"));
        assertArrayEquals(new String[] {"warnTrackedFiles"}, (String[]) server.getAttribute(name, "ExceededThresholds"));
        Notification n = received.get(0);
        assertEquals(name, n.getSource());
        CompositeData data = (CompositeData) n.getUserData();
        assertEquals("warnTrackedFiles", data.get("threshold"));
        long value = (Long) data.get("value"); // the check's own tick may come half-way through the ten files
        assertTrue(value > 5 && value <= 10, "value at the crossing: " + value);
        assertEquals(5L, data.get("limit"));
        assertArrayEquals(new String[0], (String[]) data.get("topSites"));
        assertEquals("tempguard: warnTrackedFiles exceeded: " + value + " tracked files, above the limit of 5",
                n.getMessage());

        manager.cleanupAll();
        awaitTypes(List.of("io.tempguard.threshold.exceeded", "io.tempguard.threshold.recovered"));
        assertArrayEquals(new String[0], (String[]) server.getAttribute(name, "ExceededThresholds"));
    }

    @Test
    void trackedBytesFollowTheDiskWithoutAMeasureAndCrossTheByteLimit() throws Exception {
        start(TestManagers.config(root).bytesRefreshInterval(Duration.ofSeconds(1)).warnTrackedBytes(Sizes.parse("1m")));
        Path spill = manager.createTempFile(root, "spill-", ".bin");
        assertEquals(0L, server.getAttribute(name, "TrackedBytes"));
        Files.write(spill, new byte[3 << 20]);
        Await.until(WAIT, "TrackedBytes of 3 MiB", () -> manager.stats().trackedBytes() == 3 << 20,
                () -> manager.stats().toString());
        assertTrue((Long) server.getAttribute(name, "TrackedBytesAgeSeconds") <= 2);
        awaitTypes(List.of("io.tempguard.threshold.exceeded"));
        assertEquals("warnTrackedBytes", ((CompositeData) received.get(0).getUserData()).get("threshold"));
        assertEquals((long) (3 << 20), ((CompositeData) received.get(0).getUserData()).get("value"));
    }

    @Test
    void freeSpaceAttributesDescribeTheRootsFileSystem() throws Exception {
        start(TestManagers.config(root).warnFreeSpace("0"));
        long free = (Long) server.getAttribute(name, "FreeSpaceBytes");
        double percent = (Double) server.getAttribute(name, "FreeSpacePercent");
        long total = root.toFile().getTotalSpace();
        assertTrue(free > 0 && free <= total, free + " of " + total);
        assertTrue(percent > 0 && percent <= 100, "percent " + percent);
        server.setAttribute(name, new Attribute("WarnFreeSpace", "99.999%"));
        assertEquals("99.999%", server.getAttribute(name, "WarnFreeSpace"));
    }

    @Test
    void badLimitsAreRefusedOverJmxAndInTheConfiguration() throws Exception {
        start(TestManagers.config(root));
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("WarnFreeSpace", "150%")));
        assertEquals("warnFreeSpace '150%' is not a free-space limit; use a percentage above 0 and below 100 (e.g. 10%), "
                + "a size (e.g. 2g, 512m), or 0 for off", e.getCause().getMessage());
        e = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("WarnTrackedBytes", -1L)));
        assertEquals("warnTrackedBytes must be 0 (off) or a positive limit, was -1", e.getCause().getMessage());
        assertEquals("0", server.getAttribute(name, "WarnFreeSpace"), "unchanged");

        TempFileManagerConfig.Builder b = TempFileManagerConfig.builder();
        assertEquals("bytesRefreshInterval PT0.5S is out of range: at least 1s (or 0 for off)",
                assertThrows(IllegalArgumentException.class, () -> b.bytesRefreshInterval(Duration.ofMillis(500)))
                        .getMessage());
        assertEquals("warnTrackedFiles must be 0 (off) or a positive count, was -3",
                assertThrows(IllegalArgumentException.class, () -> b.warnTrackedFiles(-3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.warnFreeSpace("lots"));
        assertEquals("10%", b.warnFreeSpace("10%").build().warnFreeSpace());
    }
}
