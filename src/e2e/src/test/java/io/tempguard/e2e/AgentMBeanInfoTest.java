package io.tempguard.e2e;

import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.FleetHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ObjectName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The MBean the real agent registers in a host explains itself over a real JMX connection, as
 * JConsole shows it: a description for the MBean and every attribute, operation and parameter, and
 * parameters by name; an MXBean proxy still reads it.
 */
@Timeout(120)
class AgentMBeanInfoTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void theAgentsMBeanCarriesADescriptionForEveryElement(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, FleetHost.class).agent().tmpdir(dirs.tmp).workDir(dirs.work)
                .args("3", "1").start()) {
            host.awaitLine("created 3 files and 1 directories");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                assertEquals(3L, manager.getTrackedFileCount(), "an MXBean proxy reads the described MBean");

                MBeanInfo info = jmx.connection().getMBeanInfo(new ObjectName(Jmx.OBJECT_NAME));
                List<String> bad = new ArrayList<>();
                if (isDefault(info.getDescription(), "Information on the management interface of the MBean")) {
                    bad.add("the MBean: " + info.getDescription());
                }
                for (MBeanAttributeInfo a : info.getAttributes()) {
                    if (isDefault(a.getDescription(), a.getName())) bad.add("attribute " + a.getName());
                }
                for (MBeanOperationInfo o : info.getOperations()) {
                    if (isDefault(o.getDescription(), o.getName())) bad.add("operation " + o.getName());
                    for (MBeanParameterInfo p : o.getSignature()) {
                        if (p.getName().matches("p\\d+") || isDefault(p.getDescription(), p.getName())) {
                            bad.add("operation " + o.getName() + " parameter " + p.getName());
                        }
                    }
                }
                assertEquals(List.of(), bad, "elements the agent's MBean describes only by name");
            }
            host.send("go");
            host.awaitNormalExit();
        }
    }

    private static boolean isDefault(String description, String name) {
        return description == null || description.isBlank() || description.equals(name);
    }
}
