package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.SpillHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.Await;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import io.tempguard.testkit.RunAs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, true byte counts and thresholds, in a real host with the real agent jar over real JMX:
 * the host's steps are driven over stdin (SpillHost), so every count is exact.
 */
@Timeout(180)
class EarlyWarningTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EXCEEDED = "io.tempguard.threshold.exceeded";
    private static final String RECOVERED = "io.tempguard.threshold.recovered";
    private static final int THREE_MB = 3 << 20;

    /** A JMX client subscribed to the host's MBean, keeping every notification it receives. */
    private static final class Subscriber {
        final List<Notification> received = new CopyOnWriteArrayList<>();
        final NotificationListener listener = (n, handback) -> received.add(n);

        List<String> types() {
            List<String> t = new ArrayList<>();
            for (Notification n : received) t.add(n.getType() + ":" + ((CompositeData) n.getUserData()).get("threshold"));
            return t;
        }

        void await(String... expected) {
            List<String> want = List.of(expected);
            Await.until(WAIT, "notifications " + want, () -> types().equals(want), () -> types().toString());
        }

        CompositeData data(int i) {
            return (CompositeData) received.get(i).getUserData();
        }
    }

    private static ChildJvm.Builder host(Jdk jdk, Path tmp, Path work, String options) {
        return ChildJvm.builder(jdk, SpillHost.class).tmpdir(tmp).workDir(work).agent(options);
    }

    private static void step(ChildJvm host, String command, String answer) {
        host.send(command);
        host.awaitLine(answer);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void aFileCreatedEmptyThenFilledShowsItsBytesWithinTwentySecondsAtDefaults(Jdk jdk, @TempDir Path base)
            throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = host(jdk, dirs.tmp, dirs.work, null).start()) {
            host.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                step(host, "create 1", "CREATED 1");
                assertEquals(0, manager.getTrackedBytes(), "created empty");
                step(host, "fill 0 " + THREE_MB, "FILLED 0");
                long filled = System.nanoTime();
                // Only attribute reads: no measureTrackedBytes, no listTracked (which reads sizes afresh).
                Await.until(Duration.ofSeconds(20), "TrackedBytes of 3 MiB without a measure",
                        () -> manager.getTrackedBytes() == THREE_MB, () -> manager.getTrackedBytes() + " B");
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - filled);
                assertTrue(seconds <= 20, "took " + seconds + " s");
                assertTrue(manager.getTrackedBytesAgeSeconds() <= 11,
                        "TrackedBytesAgeSeconds " + manager.getTrackedBytesAgeSeconds());
                assertEquals(THREE_MB, manager.getStats().getTrackedBytes(), "the Stats attribute agrees");
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void tenFilesAgainstALimitOfFiveExceedOnceAndRecoverOnce(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = host(jdk, dirs.tmp, dirs.work, "warnTrackedFiles=5,sites=all").start()) {
            host.awaitLine("READY");
            Subscriber client = new Subscriber();
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                jmx.connection().addNotificationListener(jmx.name(), client.listener, null, null);
                assertEquals(5, manager.getWarnTrackedFiles());
                assertArrayEquals(new String[0], manager.getExceededThresholds());

                step(host, "create 10", "CREATED 10");
                client.await(EXCEEDED + ":warnTrackedFiles");
                // The check runs on its own tick, so it may catch the host half-way through its ten files.
                long value = (Long) client.data(0).get("value");
                assertTrue(value > 5 && value <= 10, "value at the crossing: " + value);
                assertEquals(5L, client.data(0).get("limit"));
                // The crossing names the code that made the files (sites=all: every creation walked).
                String[] top = (String[]) client.data(0).get("topSites");
                assertEquals(1, top.length, String.join(" | ", top));
                // Read just after the count, so the host may have made a file or two more meanwhile.
                assertTrue(top[0].startsWith(SpillHost.class.getName() + ".main(SpillHost.java:")
                        && top[0].matches(".*: ([6-9]|10) live"), top[0]);
                assertArrayEquals(new String[] {"warnTrackedFiles"}, manager.getExceededThresholds(), "meanwhile");
                host.awaitStderr(l -> l.contains("warnTrackedFiles exceeded: " + value + " tracked files, above the "
                        + "limit of 5"), "the WARN line");

                step(host, "delete", "DELETED 10");
                client.await(EXCEEDED + ":warnTrackedFiles", RECOVERED + ":warnTrackedFiles");
                assertEquals(0L, client.data(1).get("value"));
                assertArrayEquals(new String[0], manager.getExceededThresholds());
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals(1, host.stderrLines().stream().filter(l -> l.contains("exceeded")).count(),
                    "one WARN line per crossing\n" + host.describe());
        }
    }

    @Test
    void threeMegabytesAgainstALimitOfTwoExceedOnceAndRecoverOnce(@TempDir Path base) throws Exception {
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = host(Jdk.JDK17, dirs.tmp, dirs.work, "warnTrackedBytes=2m,bytesRefreshInterval=1s")
                .start()) {
            host.awaitLine("READY");
            Subscriber client = new Subscriber();
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                jmx.connection().addNotificationListener(jmx.name(), client.listener, null, null);
                assertEquals(2L << 20, manager.getWarnTrackedBytes());
                step(host, "create 3", "CREATED 3");
                for (int i = 0; i < 3; i++) step(host, "fill " + i + " " + (1 << 20), "FILLED " + i);
                client.await(EXCEEDED + ":warnTrackedBytes");
                assertEquals((long) THREE_MB, client.data(0).get("value"));
                assertEquals(2L << 20, client.data(0).get("limit"));
                assertArrayEquals(new String[] {"warnTrackedBytes"}, manager.getExceededThresholds());

                step(host, "delete", "DELETED 3");
                client.await(EXCEEDED + ":warnTrackedBytes", RECOVERED + ":warnTrackedBytes");
                assertArrayEquals(new String[0], manager.getExceededThresholds());
            }
            host.send("exit");
            host.awaitNormalExit();
        }
    }

    /** A small tmpfs as the root: filling it crosses warnFreeSpace=50%, emptying it recovers. */
    @Test
    void freeSpaceOnASmallTmpfsRootCrossesAndRecovers(@TempDir Path base) throws Exception {
        Assumptions.assumeTrue(RunAs.isRoot(), "SKIPPED: mounting a tmpfs needs root");
        Dirs dirs = Dirs.in(base);
        Path tmpfs = Files.createDirectories(dirs.base.resolve("small-tmpfs"));
        assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=8m", "tempguard-test", tmpfs.toString()));
        try (ChildJvm host = host(Jdk.JDK17, tmpfs, dirs.work, "warnFreeSpace=50%,journal=false,sweepOnStart=false")
                .start()) {
            host.awaitLine("READY");
            Subscriber client = new Subscriber();
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                jmx.connection().addNotificationListener(jmx.name(), client.listener, null, null);
                assertEquals("50%", manager.getWarnFreeSpace());
                assertTrue(manager.getFreeSpacePercent() > 90, "an empty tmpfs: " + manager.getFreeSpacePercent());
                step(host, "create 1", "CREATED 1");
                step(host, "fill 0 " + (6 << 20), "FILLED 0");
                client.await(EXCEEDED + ":warnFreeSpace");
                long limit = (Long) client.data(0).get("limit");
                assertEquals(4L << 20, limit, "50% of 8 MiB");
                assertTrue((Long) client.data(0).get("value") <= 2L << 20, "free bytes " + client.data(0).get("value"));
                assertArrayEquals(new String[] {"warnFreeSpace"}, manager.getExceededThresholds());
                assertTrue(manager.getFreeSpacePercent() < 50, "FreeSpacePercent " + manager.getFreeSpacePercent());
                assertTrue(manager.getFreeSpaceBytes() <= 2L << 20, "FreeSpaceBytes " + manager.getFreeSpaceBytes());

                step(host, "delete", "DELETED 1");
                client.await(EXCEEDED + ":warnFreeSpace", RECOVERED + ":warnFreeSpace");
                assertArrayEquals(new String[0], manager.getExceededThresholds());
            }
            host.send("exit");
            host.awaitNormalExit();
        } finally {
            if (run("umount", tmpfs.toString()) != 0) run("umount", "-l", tmpfs.toString());
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
