package io.tempguard;

import io.tempguard.internal.jmx.DescribedMBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanFeatureInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.rmi.server.RMIServerSocketFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MXBean explains itself: its MBeanInfo, read by a remote JMX client over a real RMI connector,
 * carries a real one-line description for the MBean, every attribute, operation and parameter, and
 * a real name for every parameter; the open types (and so MXBean proxies) are those of plain MXBean
 * introspection. It fails on any default text, so an attribute added without a
 * {@link Description} fails it.
 */
class MBeanInfoDescriptionsTest {
    /** What {@code StandardMBean} says of an MBean it was told nothing about. */
    private static final String DEFAULT_MBEAN_TEXT = "Information on the management interface of the MBean";

    private static JMXConnectorServer connectorServer;
    private static JMXConnector client;
    private static MBeanServerConnection conn;

    @TempDir
    Path root;

    private ObjectName name;
    private TempFileManager manager;

    @BeforeAll
    static void startConnector() throws Exception {
        // No RMI registry: the client reaches the server through the stub in the address.
        Map<String, Object> env = Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, new LoopbackServerSockets());
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), env, ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        client = JMXConnectorFactory.connect(connectorServer.getAddress());
        conn = client.getMBeanServerConnection();
    }

    @AfterAll
    static void stopConnector() throws Exception {
        if (client != null) client.close();
        if (connectorServer != null) connectorServer.stop();
    }

    @BeforeEach
    void open() throws Exception {
        String objectName = "io.tempguard:type=TempFileManager,name=described-" + UUID.randomUUID();
        name = new ObjectName(objectName);
        manager = TempFileManager.create(TestManagers.config(root).jmx(true).objectName(objectName).build());
        assertTrue(conn.isRegistered(name));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void everyAttributeOperationAndParameterHasARealDescriptionAndName() throws Exception {
        MBeanInfo info = conn.getMBeanInfo(name);
        List<String> bad = new ArrayList<>();
        if (isDefault(info.getDescription(), "")) bad.add("the MBean: '" + info.getDescription() + "'");
        for (MBeanAttributeInfo a : info.getAttributes()) {
            if (isDefault(a.getDescription(), a.getName())) bad.add("attribute " + a.getName() + ": '" + a.getDescription() + "'");
        }
        for (MBeanOperationInfo o : info.getOperations()) {
            if (isDefault(o.getDescription(), o.getName())) bad.add("operation " + o.getName() + ": '" + o.getDescription() + "'");
            for (MBeanParameterInfo p : o.getSignature()) {
                if (p.getName().matches("p\\d+")) bad.add("operation " + o.getName() + ": parameter named " + p.getName());
                if (isDefault(p.getDescription(), p.getName())) {
                    bad.add("operation " + o.getName() + ", parameter " + p.getName() + ": '" + p.getDescription() + "'");
                }
            }
        }
        assertEquals(List.of(), bad, "MBeanInfo elements without a @Description");
        assertTrue(info.getAttributes().length >= 18 && info.getOperations().length >= 7,
                "the MBeanInfo lists the MXBean's attributes and operations: " + info);
    }

    @Test
    void theDescriptionsAreTheInterfacesAnnotations() throws Exception {
        MBeanInfo info = conn.getMBeanInfo(name);
        Map<String, String> attributes = new TreeMap<>();
        for (MBeanAttributeInfo a : info.getAttributes()) attributes.put(a.getName(), a.getDescription());
        assertEquals(annotation("getTrackedFileCount").value(), attributes.get("TrackedFileCount"));
        assertEquals(annotation("isJournalHealthy").value(), attributes.get("JournalHealthy"));
        assertEquals(annotation("getStats").value(), attributes.get("Stats"));

        MBeanOperationInfo listTracked = operation(info, "listTracked");
        assertEquals(annotation("listTracked", int.class).value(), listTracked.getDescription());
        MBeanParameterInfo limit = listTracked.getSignature()[0];
        assertEquals("limit", limit.getName());
        assertEquals("int", limit.getType(), "the parameter's type is unchanged");
        assertTrue(limit.getDescription().contains("10,000"), limit.getDescription());
        assertEquals("seconds", operation(info, "cleanupOlderThan").getSignature()[0].getName());
        assertEquals("olderThanSeconds", operation(info, "previewCleanup").getSignature()[0].getName());
    }

    /** The texts change, nothing else: every type, open type and descriptor field is plain introspection's. */
    @Test
    void openTypesAndDescriptorsAreThoseOfPlainMXBeanIntrospection() throws Exception {
        MBeanInfo described = conn.getMBeanInfo(name);
        MBeanInfo plain = new StandardMBean(manager.mxBean(), TempFileManagerMXBean.class, true).getMBeanInfo();

        assertEquals(shape(plain.getAttributes()), shape(described.getAttributes()));
        assertEquals(shape(plain.getOperations()), shape(described.getOperations()));
        assertEquals(plain.getDescriptor(), described.getDescriptor());
        assertEquals(plain.getClassName(), described.getClassName());
    }

    @Test
    void anMXBeanProxyOverTheConnectionStillWorks() throws Exception {
        manager.createTempFile(root, "a-", ".bin");
        manager.createTempFile(root, "b-", ".bin");
        TempFileManagerMXBean proxy = JMX.newMXBeanProxy(conn, name, TempFileManagerMXBean.class);
        assertEquals(2L, proxy.getTrackedFileCount());
        assertEquals(2L, proxy.getStats().getCreatedTotal());
        assertEquals(2, proxy.listTracked(5).size());
        CleanupReport report = proxy.cleanupAll();
        assertEquals(2L, report.getDeletedCount());
        assertEquals(0L, proxy.getTrackedFileCount());
    }

    /** The cleanup result dialog's one line: the {@code summary} item, read as JConsole reads it. */
    @Test
    void theCleanupReportCarriesItsOneLineSummaryOverJmx() throws Exception {
        for (int i = 0; i < 6; i++) TestManagers.writeBytes(manager.createTempFile(root, "s-", ".bin"), 683);
        manager.reconcile(); // picks up the sizes written after creation

        CompositeData preview = (CompositeData) conn.invoke(name, "previewCleanup", new Object[]{0L}, new String[]{"long"});
        assertEquals("would delete 6 paths (4.0 KiB), 0 failures, 0 skipped", preview.get("summary"));
        CompositeData done = (CompositeData) conn.invoke(name, "cleanupAll", new Object[0], new String[0]);
        assertTrue(((String) done.get("summary")).matches("deleted 6 paths \\(4\\.0 KiB\\), 0 failures, 0 skipped in \\d+ ms"),
                String.valueOf(done.get("summary")));
    }

    /**
     * An implementation that is a NotificationEmitter stays one: a listener added over the
     * connection gets its notifications, and the MBeanInfo lists its notification types.
     */
    @Test
    void anEmittingImplementationKeepsItsNotificationsAndTheirInfo() throws Exception {
        MBeanNotificationInfo[] kinds = {new MBeanNotificationInfo(new String[]{"io.tempguard.test.alert"},
                Notification.class.getName(), "a test alert")};
        NotificationBroadcasterSupport emitter = new NotificationBroadcasterSupport(kinds);
        TempFileManagerMXBean adapter = manager.mxBean();
        Object impl = Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{TempFileManagerMXBean.class, NotificationEmitter.class}, new Delegating(adapter, emitter));
        ObjectName emitting = new ObjectName("io.tempguard:type=TempFileManager,name=emitting-" + UUID.randomUUID());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        server.registerMBean(DescribedMBean.of((TempFileManagerMXBean) impl, TempFileManagerMXBean.class, "emitting"), emitting);
        try {
            BlockingQueue<Notification> received = new ArrayBlockingQueue<>(4);
            conn.addNotificationListener(emitting, (n, handback) -> received.add(n), null, null);
            emitter.sendNotification(new Notification("io.tempguard.test.alert", emitting, 1, "disk filling"));
            Notification n = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(n, "the notification reached the remote listener");
            assertEquals("disk filling", n.getMessage());

            MBeanInfo info = conn.getMBeanInfo(emitting);
            assertEquals(1, info.getNotifications().length, Arrays.toString(info.getNotifications()));
            assertArrayEquals(new String[]{"io.tempguard.test.alert"}, info.getNotifications()[0].getNotifTypes());
            assertEquals(annotation("getTrackedFileCount").value(), Arrays.stream(info.getAttributes())
                    .filter(a -> a.getName().equals("TrackedFileCount")).findFirst().orElseThrow().getDescription());
            assertEquals(0L, conn.getAttribute(emitting, "TrackedFileCount"));
        } finally {
            server.unregisterMBean(emitting);
        }
    }

    private static boolean isDefault(String description, String name) {
        return description == null || description.isBlank() || description.equals(name)
                || description.equals(DEFAULT_MBEAN_TEXT) || description.matches("p\\d+");
    }

    private static Description annotation(String method, Class<?>... params) throws NoSuchMethodException {
        Description d = TempFileManagerMXBean.class.getMethod(method, params).getAnnotation(Description.class);
        assertNotNull(d, method + " has a @Description");
        return d;
    }

    private static MBeanOperationInfo operation(MBeanInfo info, String name) {
        return Arrays.stream(info.getOperations()).filter(o -> o.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + name));
    }

    /** Each element without its texts: name, types, descriptor (open type included). */
    private static Map<String, String> shape(MBeanFeatureInfo[] elements) {
        Map<String, String> m = new TreeMap<>();
        for (MBeanFeatureInfo e : elements) {
            StringBuilder s = new StringBuilder(e.getDescriptor().toString());
            if (e instanceof MBeanAttributeInfo) {
                MBeanAttributeInfo a = (MBeanAttributeInfo) e;
                s.append(' ').append(a.getType()).append(a.isReadable()).append(a.isWritable()).append(a.isIs());
            } else {
                MBeanOperationInfo o = (MBeanOperationInfo) e;
                s.append(' ').append(o.getReturnType()).append(' ').append(o.getImpact());
                for (MBeanParameterInfo p : o.getSignature()) s.append(' ').append(p.getType()).append(p.getDescriptor());
            }
            m.put(e.getName(), s.toString());
        }
        return m;
    }

    /** The MXBean calls go to the real adapter, the emitter calls to the broadcaster. */
    private static final class Delegating implements InvocationHandler {
        private final Object adapter;
        private final NotificationBroadcasterSupport emitter;

        Delegating(Object adapter, NotificationBroadcasterSupport emitter) {
            this.adapter = adapter;
            this.emitter = emitter;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object target = method.getDeclaringClass().isAssignableFrom(NotificationBroadcasterSupport.class) ? emitter : adapter;
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Server sockets bound to the loopback interface only. */
    private static final class LoopbackServerSockets implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override public boolean equals(Object o) { return o instanceof LoopbackServerSockets; }
        @Override public int hashCode() { return LoopbackServerSockets.class.hashCode(); }
    }
}
