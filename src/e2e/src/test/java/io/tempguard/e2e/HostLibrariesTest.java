package io.tempguard.e2e;

import io.tempguard.e2e.hosts.LibsHost;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario 4: a host that bundles its own, different versions of Byte Buddy, SLF4J and Logback and
 * its own logback.xml runs with the agent exactly as without it: same stdout, its logging
 * configuration applies, its SLF4J binding is still Logback, and none of the agent's copies show.
 */
@Timeout(120)
class HostLibrariesTest {
    private static final String LOGBACK_XML = String.join("\n",
            "<configuration>",
            "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>HOSTLOG %level %msg%n</pattern></encoder>",
            "  </appender>",
            "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
            "</configuration>",
            "");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void hostRunsWithItsOwnLibrariesAsWithoutTheAgent(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        Path conf = dirs.dir("conf");
        Files.write(conf.resolve("logback.xml"), LOGBACK_XML.getBytes(StandardCharsets.UTF_8));
        Path plainTmp = dirs.dir("tmp-plain");

        String plainOut;
        try (ChildJvm plain = libsHost(jdk, dirs, conf).tmpdir(plainTmp).start()) {
            plain.awaitNormalExit();
            assertEquals("", plain.stderr(), plain.describe());
            plainOut = plain.stdout();
        }
        String agentOut;
        try (ChildJvm withAgent = libsHost(jdk, dirs, conf).agent().tmpdir(dirs.tmp).start()) {
            withAgent.awaitNormalExit();
            assertEquals("", withAgent.stderr(), withAgent.describe());
            agentOut = withAgent.stdout();
        }

        assertEquals(plainOut, agentOut, "the host's stdout with the agent vs without it");
        List<String> lines = List.of(agentOut.split("\n"));
        assertTrue(lines.contains("ILoggerFactory: ch.qos.logback.classic.LoggerContext"), agentOut);
        assertTrue(lines.contains("ILoggerFactory from logback-classic-1.2.13.jar"), agentOut);
        assertTrue(lines.contains("org.slf4j.LoggerFactory from slf4j-api-1.7.36.jar"), agentOut);
        assertTrue(lines.contains("net.bytebuddy.ByteBuddy from byte-buddy-1.14.18.jar"), agentOut);
        assertTrue(lines.contains("io.tempguard.e2e.hosts.GeneratedByHost: made by the host's own Byte Buddy"), agentOut);
        assertTrue(lines.contains("copies of org/slf4j/LoggerFactory.class: 1"), agentOut);
        assertTrue(lines.contains("copies of net/bytebuddy/ByteBuddy.class: 1"), agentOut);
        assertTrue(lines.contains("copies of io/tempguard/TempFileManager.class: 0"), agentOut);
        assertTrue(lines.contains("tempguard core visible: false"), agentOut);
        assertTrue(lines.contains("agent's Byte Buddy visible: false"), agentOut);
        assertTrue(lines.contains("HOSTLOG INFO hello from the host's own logging"), "the host's pattern applies\n" + agentOut);
        assertTrue(lines.contains("HOSTLOG WARN a warning, with a placeholder"), agentOut);
        assertTrue(lines.contains("HOSTLOG INFO temp file created: true"), agentOut);
        assertFalse(agentOut.contains("debug is below"), "the host's level applies\n" + agentOut);
        assertEquals("done", lines.get(lines.size() - 1), agentOut);

        // The agent really was at work in the second run: its temp file is gone, the first run's is not.
        assertEquals(1, Dirs.list(plainTmp).size(), "without the agent the temp file stays");
        Dirs.assertNoTempLeft(dirs.tmp, "with the agent the temp file is deleted at exit");
    }

    private static ChildJvm.Builder libsHost(Jdk jdk, Dirs dirs, Path conf) {
        return ChildJvm.builder(jdk, LibsHost.class).workDir(dirs.work).classpath(conf,
                ChildJvm.hostLib("byte-buddy-1.14.18.jar"),
                ChildJvm.hostLib("slf4j-api-1.7.36.jar"),
                ChildJvm.hostLib("logback-classic-1.2.13.jar"),
                ChildJvm.hostLib("logback-core-1.2.13.jar"));
    }
}
