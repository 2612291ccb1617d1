package io.tempguard.e2e.support;

import com.sun.tools.attach.VirtualMachine;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TrackedPathRow;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real JMX connection to a child JVM: the Attach API starts the child's local management agent,
 * and the tempguard MXBean is reached through a proxy of its public interface.
 */
public final class Jmx implements AutoCloseable {
    public static final String OBJECT_NAME = "io.tempguard:type=TempFileManager";

    private final JMXConnector connector;
    private final MBeanServerConnection connection;
    private final ObjectName name;

    private Jmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
        try {
            this.name = new ObjectName(OBJECT_NAME);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }

    /** Connects to the JVM with process id {@code pid} (same user), starting its local management agent. */
    public static Jmx connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        return new Jmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    }

    /** Loads a Java agent into the running JVM {@code pid} through the Attach API. */
    public static void loadAgent(long pid, String jar, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            vm.loadAgent(jar, options);
        } finally {
            vm.detach();
        }
    }

    /** The connection itself (to subscribe to notifications, read attributes by name). */
    public MBeanServerConnection connection() {
        return connection;
    }

    /** The tempguard MBean's name. */
    public ObjectName name() {
        return name;
    }

    public boolean isRegistered() throws IOException {
        return connection.isRegistered(name);
    }

    /** The tempguard MXBean, once the agent has registered it (it does so on a background thread). */
    public TempFileManagerMXBean awaitManager() throws Exception {
        Duration max = Duration.ofSeconds(30);
        long deadline = System.nanoTime() + max.toNanos();
        while (!connection.isRegistered(name)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(OBJECT_NAME + " was not registered within " + max.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        return JMX.newMXBeanProxy(connection, name, TempFileManagerMXBean.class);
    }

    /** Every tracked path (up to 10,000) with its kind, in listTracked's order. */
    public static Map<String, String> trackedKinds(TempFileManagerMXBean manager) {
        List<TrackedPathRow> rows = manager.listTracked(0);
        Map<String, String> kinds = new LinkedHashMap<>();
        for (TrackedPathRow row : rows) {
            String previous = kinds.put(row.getPath(), row.getKind());
            if (previous != null) throw new AssertionError("listTracked lists " + row.getPath() + " twice");
        }
        return kinds;
    }

    /** Closes the connection; quietly when the child has exited already. */
    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException childGone) {
            // nothing to close on the other side any more
        }
    }
}
