package io.tempguard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.tempguard.TestManagers.host;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MXBean as a remote JMX client sees it, through a real RMI connector on loopback. */
class MXBeanJmxTest {
    private static final RMIServerSocketFactory LOOPBACK = new LoopbackServerSockets();
    private static Registry rmiRegistry;
    private static JMXConnectorServer connectorServer;
    private static JMXConnector client;
    private static MBeanServerConnection conn;

    @TempDir
    Path root;

    private final TestClock clock = new TestClock();
    private ObjectName name;
    private TempFileManager manager;

    @BeforeAll
    static void startConnector() throws Exception {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        int port = -1;
        for (int attempt = 0; rmiRegistry == null; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try {
                rmiRegistry = LocateRegistry.createRegistry(port, null, LOOPBACK);
            } catch (ExportException taken) {
                if (attempt == 10) throw taken; // the free port was taken meanwhile; try another
            }
        }
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, LOOPBACK);
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(url, env,
                ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        client = JMXConnectorFactory.connect(url);
        conn = client.getMBeanServerConnection();
    }

    @AfterAll
    static void stopConnector() throws Exception {
        if (client != null) client.close();
        if (connectorServer != null) connectorServer.stop();
        if (rmiRegistry != null) UnicastRemoteObject.unexportObject(rmiRegistry, true);
    }

    @BeforeEach
    void open() throws Exception {
        String objectName = "io.tempguard:type=TempFileManager,name=test-" + UUID.randomUUID();
        name = new ObjectName(objectName);
        manager = TempFileManager.create(TestManagers.config(root).jmx(true).objectName(objectName).clock(clock).build());
        assertTrue(conn.isRegistered(name), "the manager registered its MXBean");
    }

    @AfterEach
    void close() throws Exception {
        manager.close();
        assertFalse(conn.isRegistered(name), "close unregisters the MXBean");
    }

    /**
     * Tracked: 4 files (1000 bytes) and 2 directories; every other counter at a distinct value:
     * 3 deleted, 5 released, 1 skipped, 6 unmanaged, 7 agent errors; oldest tracked 125 s ago.
     */
    private void populate(Path outside) throws Exception {
        for (int i = 1; i <= 4; i++) writeBytes(manager.createTempFile(root, "f" + i + "-", ".bin"), 100 * i);
        for (int i = 0; i < 2; i++) manager.createTempDirectory(root, "d-");
        for (int i = 0; i < 3; i++) manager.newTempFile(root, "deleted-", ".bin").close();
        for (int i = 0; i < 2; i++) manager.unregister(manager.createTempFile(root, "released-", ".bin"));
        for (int i = 0; i < 2; i++) {
            Path gone = manager.createTempFile(root, "gone-", ".bin");
            Files.delete(gone);
            host(manager).observeDeleted(gone);
        }
        Path moved = manager.createTempFile(root, "moved-", ".bin");
        Files.move(moved, root.resolve("moved.final"));
        host(manager).observeMoved(moved, root.resolve("moved.final"));
        ScopedTempPath replaced = manager.newTempFile(root, "replaced-", ".bin");
        Files.move(writeBytes(root.resolve("other"), 1), replaced.path(), StandardCopyOption.REPLACE_EXISTING);
        replaced.close();
        for (int i = 0; i < 6; i++) host(manager).observeCreated(outside.resolve("unmanaged-" + i));
        for (int i = 0; i < 7; i++) host(manager).recordAgentError();
        for (int i = 0; i < 8; i++) {
            host(manager).observeCreatedBy(Files.createDirectory(root.resolve("uncaptured-" + i)), PathKind.DIRECTORY);
        }
        manager.reconcile(); // picks up the sizes written after creation
        clock.advance(Duration.ofSeconds(125));
    }

    /** The attributes that report the manager's statistics and configuration, with the value they must have now. */
    private Map<String, Object> expectedFromStats() {
        TempFileStats s = manager.stats();
        Map<String, Object> m = new TreeMap<>();
        m.put("TrackedFileCount", s.trackedFiles());
        m.put("TrackedDirectoryCount", s.trackedDirectories());
        m.put("TrackedBytes", s.trackedBytes());
        m.put("CreatedTotal", s.createdTotal());
        m.put("DeletedTotal", s.deletedTotal());
        m.put("ReleasedTotal", s.releasedTotal());
        m.put("CleanupFailureCount", s.cleanupFailureCount());
        m.put("SkippedCount", s.skippedCount());
        m.put("OldestTrackedAgeSeconds", s.oldestTrackedAge().getSeconds());
        m.put("UnmanagedCreatedTotal", s.unmanagedCreatedTotal());
        m.put("AgentErrorCount", s.agentErrorCount());
        m.put("AdoptedDeleteOnExitTotal", s.adoptedDeleteOnExitTotal());
        m.put("UncapturedCreatedTotal", s.uncapturedCreatedTotal());
        m.put("Roots", List.of(root.toString()));
        m.put("ShutdownCleanupEnabled", false);
        m.put("Version", TempFileManager.version());
        return m;
    }

    /** Attribute name -> getter, for every attribute TempFileManagerMXBean declares. */
    private static Map<String, Method> interfaceAttributes() {
        Map<String, Method> m = new TreeMap<>();
        for (Method mth : TempFileManagerMXBean.class.getMethods()) {
            String n = mth.getName();
            if (mth.getParameterCount() != 0) continue;
            if (n.startsWith("get")) m.put(n.substring(3), mth);
            else if (n.startsWith("is") && mth.getReturnType() == boolean.class) m.put(n.substring(2), mth);
        }
        return m;
    }

    private static Object normalize(Object value) {
        return value instanceof String[] ? Arrays.asList((String[]) value) : value;
    }

    @Test
    void everyAttributeReadRemotelyMatchesTheManagersStats(@TempDir Path outside) throws Exception {
        populate(outside);
        Map<String, Object> fromStats = expectedFromStats();
        Map<String, Method> attributes = interfaceAttributes();
        assertTrue(attributes.keySet().containsAll(fromStats.keySet()), attributes.keySet().toString());
        // Distinct values, so two swapped attributes cannot pass.
        TempFileStats s = manager.stats();
        assertEquals(List.of(4L, 2L, 1000L, 15L, 3L, 5L, 0L, 1L, 125L, 6L, 7L),
                List.of(s.trackedFiles(), s.trackedDirectories(), s.trackedBytes(), s.createdTotal(),
                        s.deletedTotal(), s.releasedTotal(), s.cleanupFailureCount(), s.skippedCount(),
                        s.oldestTrackedAge().getSeconds(), s.unmanagedCreatedTotal(), s.agentErrorCount()));

        MBeanInfo info = conn.getMBeanInfo(name);
        assertEquals(attributes.keySet(),
                Arrays.stream(info.getAttributes()).map(MBeanAttributeInfo::getName).collect(Collectors.toSet()));

        // Attributes beyond the statistics (e.g. the journal's) must at least read the same remotely as locally.
        TempFileManagerMXBean local = manager.mxBean();
        TempFileManagerMXBean proxy = JMX.newMXBeanProxy(conn, name, TempFileManagerMXBean.class);
        for (Map.Entry<String, Method> a : attributes.entrySet()) {
            if (a.getKey().equals("Stats")) continue; // a CompositeData: statsAttribute* below
            // Free space moves with every write on the machine: ThresholdsJmxTest checks those two.
            if (a.getKey().startsWith("FreeSpace")) continue;
            Object expected = fromStats.containsKey(a.getKey()) ? fromStats.get(a.getKey())
                    : normalize(a.getValue().invoke(local));
            assertEquals(expected, normalize(conn.getAttribute(name, a.getKey())), "getAttribute " + a.getKey());
            assertEquals(expected, normalize(a.getValue().invoke(proxy)), "proxy " + a.getValue().getName());
        }
        List<Attribute> bulk = conn.getAttributes(name, attributes.keySet().toArray(new String[0])).asList();
        assertEquals(attributes.size(), bulk.size());
    }

    /** The statistics attributes: the items of Stats, each named like its attribute with a lower-case first letter. */
    private static Map<String, Object> statsItems(Map<String, Object> fromStats) {
        Map<String, Object> items = new TreeMap<>();
        for (Method m : StatsReport.class.getMethods()) {
            String attribute = m.getName().substring(3);
            items.put(Character.toLowerCase(attribute.charAt(0)) + attribute.substring(1), fromStats.get(attribute));
        }
        return items;
    }

    @Test
    void statsAttributeCarriesEveryStatisticOverJmx(@TempDir Path outside) throws Exception {
        populate(outside);
        Map<String, Object> expected = statsItems(expectedFromStats());
        assertEquals(13, expected.size()); // 11 + adoptedDeleteOnExitTotal + uncapturedCreatedTotal (issue 11)
        assertEquals(0L, expected.get("adoptedDeleteOnExitTotal"));
        Path adopted = manager.listTracked(1).get(0).path(); // tracked already: no other counter moves
        assertTrue(host(manager).observeDeleteOnExit(adopted));
        expected = statsItems(expectedFromStats());
        assertEquals(1L, expected.get("adoptedDeleteOnExitTotal"));

        CompositeData raw = (CompositeData) conn.getAttribute(name, "Stats");
        StatsReport viaProxy = JMX.newMXBeanProxy(conn, name, TempFileManagerMXBean.class).getStats();

        CompositeType type = raw.getCompositeType();
        assertEquals(StatsReport.class.getName(), type.getTypeName());
        assertEquals(expected.keySet(), type.keySet());
        for (String item : type.keySet()) assertEquals(SimpleType.LONG, type.getType(item), item);
        Map<String, Object> actual = new TreeMap<>();
        for (String item : type.keySet()) actual.put(item, raw.get(item));
        assertEquals(expected, actual);
        assertEquals(List.of(4L, 2L, 15L, 3L, 5L, 1L), List.of(viaProxy.getTrackedFileCount(),
                viaProxy.getTrackedDirectoryCount(), viaProxy.getCreatedTotal(), viaProxy.getDeletedTotal(),
                viaProxy.getReleasedTotal(), viaProxy.getSkippedCount()));
        MBeanAttributeInfo info = Arrays.stream(conn.getMBeanInfo(name).getAttributes())
                .filter(a -> a.getName().equals("Stats")).findFirst().orElseThrow();
        assertEquals(type, info.getDescriptor().getFieldValue("openType"));
    }

    /**
     * Stats is one point in time: read over JMX while two threads register and unregister paths,
     * every read obeys created == tracked + deleted + released + skipped.
     */
    @Test
    void statsAttributeIsOneSnapshotWhileAnotherThreadChurns() throws Exception {
        try (Churn churn = new Churn(manager, root, 2)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            int reads = 0;
            while (reads < 300 || churn.operations() < 1_000) {
                CompositeData s = (CompositeData) conn.getAttribute(name, "Stats");
                long created = (Long) s.get("createdTotal");
                long accounted = (Long) s.get("trackedFileCount") + (Long) s.get("trackedDirectoryCount")
                        + (Long) s.get("deletedTotal") + (Long) s.get("releasedTotal") + (Long) s.get("skippedCount");
                assertEquals(created, accounted, "Stats read #" + reads + ": " + s);
                reads++;
                if (System.nanoTime() > deadline) break;
            }
            churn.assertNoFailure();
            assertTrue(churn.operations() > 0, "the churn ran");
        }
    }

    @Test
    void previewCleanupOverJmxReportsAndDeletesNothing(@TempDir Path outside) throws Exception {
        populate(outside);
        List<Path> before = TestManagers.contents(root);
        TempFileManagerMXBean proxy = JMX.newMXBeanProxy(conn, name, TempFileManagerMXBean.class);

        CleanupReport report = proxy.previewCleanup(0);
        CompositeData raw = (CompositeData) conn.invoke(name, "previewCleanup", new Object[]{0L}, new String[]{"long"});

        assertTrue(report.isDryRun());
        assertEquals(6, report.getDeletedCount());
        assertEquals(1000, report.getBytesFreed());
        assertEquals(6, report.getDeleted().size());
        assertEquals(true, raw.get("dryRun"));
        assertEquals(6L, raw.get("deletedCount"));
        assertEquals(1000L, raw.get("bytesFreed"));
        assertEquals(before, TestManagers.contents(root));
        assertEquals(6, manager.stats().trackedCount());
    }

    @Test
    void listTrackedOverJmxReturnsRowsOldestFirst(@TempDir Path outside) throws Exception {
        populate(outside);
        TempFileManagerMXBean proxy = JMX.newMXBeanProxy(conn, name, TempFileManagerMXBean.class);
        List<TrackedPath> local = manager.listTracked(10);

        List<TrackedPathRow> rows = proxy.listTracked(10);

        assertEquals(6, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(local.get(i).path().toString(), rows.get(i).getPath());
            assertEquals(local.get(i).kind().name(), rows.get(i).getKind());
            assertEquals(local.get(i).sizeBytes(), rows.get(i).getSizeBytes());
            assertEquals(125, rows.get(i).getAgeSeconds());
            assertEquals(local.get(i).trackedSince().toEpochMilli(), rows.get(i).getTrackedSinceEpochMillis());
        }
        assertEquals(List.of(100L, 200L, 300L, 400L, 0L, 0L),
                rows.stream().map(TrackedPathRow::getSizeBytes).collect(Collectors.toList()));
        assertEquals(2, proxy.listTracked(2).size());
        assertEquals(6, proxy.listTracked(0).size(), "0 means all");
    }

    @Test
    void cleanupOperationsOverJmxDeleteAndReportExactly(@TempDir Path outside) throws Exception {
        populate(outside);
        List<Path> oldOnes = manager.listTracked(10).stream().map(TrackedPath::path).collect(Collectors.toList());
        clock.advance(Duration.ofSeconds(100));
        Path young = writeBytes(manager.createTempFile(root, "young-", ".bin"), 33);
        manager.reconcile();
        clock.advance(Duration.ofSeconds(10));
        TempFileManagerMXBean proxy = JMX.newMXBeanProxy(conn, name, TempFileManagerMXBean.class);

        CleanupReport older = proxy.cleanupOlderThan(60);

        assertFalse(older.isDryRun());
        assertEquals(6, older.getDeletedCount());
        assertEquals(1000, older.getBytesFreed());
        assertEquals(oldOnes.stream().map(Path::toString).collect(Collectors.toSet()), Set.copyOf(older.getDeleted()));
        for (Path p : oldOnes) assertFalse(Files.exists(p), p::toString);
        assertTrue(Files.exists(young));

        CleanupReport all = proxy.cleanupAll();

        assertEquals(1, all.getDeletedCount());
        assertEquals(33, all.getBytesFreed());
        assertEquals(List.of(young.toString()), all.getDeleted());
        assertEquals(0, all.getFailureCount());
        assertFalse(Files.exists(young));
        assertEquals(0L, conn.getAttribute(name, "TrackedFileCount"));
        assertEquals(10L, conn.getAttribute(name, "DeletedTotal"));
        assertEquals(0L, proxy.reconcile());
    }

    @Test
    void operationAndAttributeTypesAreOpenTypes() throws Exception {
        MBeanInfo info = conn.getMBeanInfo(name);
        for (MBeanAttributeInfo a : info.getAttributes()) {
            assertInstanceOf(OpenType.class, a.getDescriptor().getFieldValue("openType"), a.getName());
        }
        Map<String, MBeanOperationInfo> ops = Arrays.stream(info.getOperations())
                .collect(Collectors.toMap(MBeanOperationInfo::getName, o -> o));
        for (MBeanOperationInfo o : ops.values()) {
            assertInstanceOf(OpenType.class, o.getDescriptor().getFieldValue("openType"), o.getName());
        }
        for (String op : List.of("cleanupAll", "cleanupOlderThan", "previewCleanup")) {
            MBeanOperationInfo o = ops.get(op);
            assertNotNull(o, op);
            assertEquals(CompositeData.class.getName(), o.getReturnType(), op);
            CompositeType type = assertInstanceOf(CompositeType.class, o.getDescriptor().getFieldValue("openType"), op);
            assertTrue(type.containsKey("deletedCount") && type.containsKey("failures"), type.toString());
            assertEquals(CleanupReport.class.getName(), o.getDescriptor().getFieldValue("originalType"));
        }
        ArrayType<?> rows = assertInstanceOf(ArrayType.class, ops.get("listTracked").getDescriptor().getFieldValue("openType"));
        assertInstanceOf(CompositeType.class, rows.getElementOpenType());
        assertArrayEquals(new String[]{"int"}, Arrays.stream(ops.get("listTracked").getSignature())
                .map(p -> p.getType()).toArray(String[]::new));
    }

    /** "item: type" of every item of {@code type}, nested composites and arrays of them spelled out. */
    private static List<String> items(String prefix, OpenType<?> type) {
        List<String> out = new ArrayList<>();
        if (type instanceof ArrayType && ((ArrayType<?>) type).getElementOpenType() instanceof CompositeType) {
            return items(prefix + "[]", ((ArrayType<?>) type).getElementOpenType());
        }
        if (!(type instanceof CompositeType)) return List.of(prefix + ": " + type.getTypeName());
        CompositeType c = (CompositeType) type;
        out.add(prefix + ": " + c.getTypeName());
        for (String item : new TreeSet<>(c.keySet())) out.addAll(items(prefix + "." + item, c.getType(item)));
        return out;
    }

    /** What JConsole and the console see of the results: the wave-1 open types, unchanged by the one-type refactoring. */
    @Test
    void resultOpenTypesKeepTheirNamesItemsAndTypes() throws Exception {
        Map<String, OpenType<?>> ops = Arrays.stream(conn.getMBeanInfo(name).getOperations()).collect(Collectors.toMap(
                MBeanOperationInfo::getName, o -> (OpenType<?>) o.getDescriptor().getFieldValue("openType")));
        List<String> cleanup = List.of(": io.tempguard.CleanupReport", ".alreadyGoneCount: java.lang.Long",
                ".bytesFreed: java.lang.Long", ".deleted: [Ljava.lang.String;", ".deletedCount: java.lang.Long",
                ".dryRun: java.lang.Boolean", ".failureCount: java.lang.Long",
                ".failures[]: io.tempguard.CleanupReport$ProblemRow", ".failures[].path: java.lang.String",
                ".failures[].reason: java.lang.String", ".skipped[]: io.tempguard.CleanupReport$ProblemRow",
                ".skipped[].path: java.lang.String", ".skipped[].reason: java.lang.String",
                ".skippedCount: java.lang.Long", ".summary: java.lang.String");
        for (String op : List.of("cleanupAll", "cleanupOlderThan", "previewCleanup")) {
            assertEquals(cleanup.stream().map(i -> op + i).collect(Collectors.toList()), items(op, ops.get(op)));
        }
        assertEquals(List.of("ls[]: io.tempguard.TrackedPathRow", "ls[].ageSeconds: java.lang.Long",
                "ls[].kind: java.lang.String", "ls[].path: java.lang.String", "ls[].site: java.lang.String",
                "ls[].sizeBytes: java.lang.Long", "ls[].trackedSinceEpochMillis: java.lang.Long"),
                items("ls", ops.get("listTracked")));
        assertEquals(List.of("t[]: io.tempguard.SiteRow", "t[].createdTotal: java.lang.Long",
                "t[].estimated: java.lang.Boolean", "t[].liveBytes: java.lang.Long", "t[].liveCount: java.lang.Long",
                "t[].oldestAgeSeconds: java.lang.Long", "t[].site: java.lang.String", "t[].thread: java.lang.String"),
                items("t", ops.get("topSites")));
        List<String> sweep = new ArrayList<>(List.of("s: io.tempguard.SweepReport",
                "s.journalsBusy: java.lang.Integer", "s.journalsLive: java.lang.Integer",
                "s.journalsSetAside: java.lang.Integer", "s.journalsSwept: java.lang.Integer"));
        cleanup.forEach(i -> sweep.add("s.paths" + i));
        sweep.addAll(List.of("s.problems: [Ljava.lang.String;", "s.summary: java.lang.String"));
        assertEquals(sweep, items("s", ops.get("sweepOrphans")));
    }

    @Test
    void aSecondManagerWithTheSameObjectNameDoesNotThrowAndIsNotExposed() throws Exception {
        manager.createTempFile(root, "first-", ".bin");

        TempFileManager second = assertDoesNotThrow(() -> TempFileManager.create(
                TestManagers.config(root).jmx(true).objectName(name.toString()).build()));
        try {
            for (int i = 0; i < 3; i++) second.createTempFile(root, "second-", ".bin");
            assertEquals(1L, conn.getAttribute(name, "CreatedTotal"), "the name still serves the first manager");
        } finally {
            second.close();
        }
        assertTrue(conn.isRegistered(name), "closing the second manager must not unregister the first one's MXBean");
        assertEquals(1L, conn.getAttribute(name, "TrackedFileCount"));
    }

    @Test
    void withBackgroundStartTheMXBeanIsRegisteredByTheManagersOwnThread() throws Exception {
        ObjectName other = new ObjectName("io.tempguard:type=TempFileManager,name=background-" + UUID.randomUUID());
        try (TempFileManager bg = TempFileManager.create(TestManagers.config(root).jmx(true)
                .objectName(other.toString()).backgroundStart(true).build())) {
            bg.createTempFile(root, "bg-", ".bin");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!conn.isRegistered(other)) {
                if (System.nanoTime() > deadline) throw new AssertionError(other + " not registered within 10 s");
                Thread.sleep(10);
            }
            assertEquals(1L, conn.getAttribute(other, "CreatedTotal"));
        }
        assertFalse(conn.isRegistered(other), "close unregisters it");
    }

    /** Server sockets bound to the loopback interface only. */
    private static final class LoopbackServerSockets implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoopbackServerSockets;
        }

        @Override
        public int hashCode() {
            return LoopbackServerSockets.class.hashCode();
        }
    }
}
