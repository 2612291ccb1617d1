package io.tempguard.console;

import io.tempguard.TempFileManagerMXBean;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.io.IOException;

/** An open JMX connection to a JVM running tempguard, with its MXBean proxy. */
final class Connection implements AutoCloseable {
    private final JMXConnector connector;
    private final String subject;
    private final MBeanServerConnection server;
    private final ObjectName name;
    private final TempFileManagerMXBean manager;

    Connection(JMXConnector connector, MBeanServerConnection server, ObjectName name, String subject) {
        this.connector = connector;
        this.subject = subject;
        this.server = server;
        this.name = name;
        this.manager = JMX.newMXBeanProxy(server, name, TempFileManagerMXBean.class);
    }

    /** The connection itself, for reads of several attributes in one round trip ({@link StatsSnapshot}). */
    MBeanServerConnection server() {
        return server;
    }

    /** The tempguard MBean's name in {@link #server()}. */
    ObjectName name() {
        return name;
    }

    /** The tempguard MXBean; its methods throw UndeclaredThrowableException(IOException) when the connection drops. */
    TempFileManagerMXBean manager() {
        return manager;
    }

    /** "JVM 1234" or the remote address. */
    String subject() {
        return subject;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException | RuntimeException ignored) {
            // the other side may be gone already; nothing to release here
        }
    }
}
