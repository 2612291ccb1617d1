package io.tempguard.internal.jmx;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TempGuardProperties;
import org.slf4j.Logger;
import io.tempguard.internal.log.Logs;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Registers and unregisters one MBean on the platform MBeanServer. Every problem (name taken, no
 * permission, JMX unavailable) is logged and swallowed: JMX must never break the host.
 */
public final class MBeanRegistration {
    private static final Logger LOG = Logs.get(MBeanRegistration.class);

    private final String objectName;
    private volatile ObjectName registered;
    /** Set by {@link #unregister()}: a registration still queued on a background thread must not revive the MBean. */
    private boolean retired;

    public MBeanRegistration(String objectName) {
        this.objectName = objectName;
    }

    /** What JConsole shows as the MBean's own description. */
    static final String DESCRIPTION = "tempguard: the temp files and directories this JVM created, their cleanup "
            + "and the crash journal that lets a later JVM delete what a killed one left";

    /**
     * Registers {@code mbean}, its MBeanInfo described by the {@link io.tempguard.Description}s of
     * {@link TempFileManagerMXBean}; true on success.
     */
    public synchronized boolean register(TempFileManagerMXBean mbean) {
        if (registered != null) return true;
        if (retired) return false;
        try {
            ObjectName name = new ObjectName(objectName);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                // Usually a second copy of tempguard (the host's library beside the agent): not an error.
                LOG.info("tempguard: MBean {} is already registered in this JVM (another TempFileManager?); "
                        + "this one is not exposed over JMX", objectName);
                return false;
            }
            server.registerMBean(DescribedMBean.of(mbean, TempFileManagerMXBean.class, DESCRIPTION), name);
            registered = name;
            // Lets `tempguard-console jvms` find tempguard JVMs through the Attach API without
            // starting a management agent in every JVM on the machine.
            System.setProperty(TempGuardProperties.MBEAN, objectName);
            LOG.debug("tempguard: registered MBean {}", objectName);
            return true;
        } catch (Exception | LinkageError e) {
            LOG.warn("tempguard: could not register MBean {}: {}", objectName, e.toString());
            return false;
        }
    }

    public synchronized void unregister() {
        retired = true;
        ObjectName name = registered;
        if (name == null) return;
        registered = null;
        try {
            if (objectName.equals(System.getProperty(TempGuardProperties.MBEAN))) {
                System.clearProperty(TempGuardProperties.MBEAN);
            }
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (Exception | LinkageError e) {
            LOG.debug("tempguard: could not unregister MBean {}: {}", objectName, e.toString());
        }
    }

    public boolean isRegistered() {
        return registered != null;
    }
}
