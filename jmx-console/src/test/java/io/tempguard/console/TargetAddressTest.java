package io.tempguard.console;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetAddressTest {

    @Test
    void pid() {
        TargetAddress t = TargetAddress.parse("1234");
        assertTrue(t.isLocal());
        assertEquals(1234, t.pid());
        assertEquals("JVM 1234", t.describe());
    }

    @Test
    void hostPortBecomesTheStandardRmiUrl() {
        TargetAddress t = TargetAddress.parse("db-host.example:9010");
        assertFalse(t.isLocal());
        assertEquals("service:jmx:rmi:///jndi/rmi://db-host.example:9010/jmxrmi", t.url().toString());
        assertEquals("db-host.example:9010", t.describe());
        assertEquals("service:jmx:rmi:///jndi/rmi://[::1]:9010/jmxrmi", TargetAddress.parse("[::1]:9010").url().toString());
    }

    @Test
    void fullUrlIsKept() {
        String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:7091/jmxrmi";
        assertEquals(url, TargetAddress.parse(url).url().toString());
    }

    @Test
    void rejectsWhatIsNotATarget() {
        for (String bad : new String[] {"0", "99999999999999999999", "host:0", "host:65536", "host", "service:jmx:",
                "service:jmx:rmi://h:p:x", ""}) {
            assertThrows(TypeConversionException.class, () -> TargetAddress.parse(bad), bad);
        }
    }
}
