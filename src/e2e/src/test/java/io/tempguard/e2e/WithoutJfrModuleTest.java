package io.tempguard.e2e;

import io.tempguard.SiteRow;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.e2e.hosts.sites.SitesHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, JFR events on a runtime without {@code jdk.jfr} (a jlinked JRE, here the same JDK
 * with {@code --limit-modules}): the events are off and everything else works, sites included.
 */
@Timeout(120)
class WithoutJfrModuleTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void tempguardWorksWhenTheRuntimeHasNoJdkJfrModule(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, SitesHost.class).agent("sites=all").tmpdir(dirs.tmp)
                .workDir(dirs.work)
                // jdk.management too, as a jlinked JRE with JMX has it: without it JDK 25 itself warns
                // on stderr ("restricted method ... PlatformMBeanProviderImpl") when this test's attach
                // starts the management agent, with or without tempguard.
                .jvmArgs("--limit-modules", "java.base,java.instrument,java.management,jdk.management,"
                        + "jdk.management.agent")
                .args("2", "1", "1", "0").start()) {
            host.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                List<SiteRow> top = manager.topSites(0);
                assertEquals(3, top.size());
                assertTrue(top.get(0).getSite().startsWith("io.tempguard.e2e.hosts.sites.ReportWriter.write("),
                        top.get(0).getSite());
                assertEquals(2, top.get(0).getLiveCount());
                assertEquals(4, manager.getTrackedFileCount() + manager.getTrackedDirectoryCount());
                assertEquals(0, manager.getAgentErrorCount());
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
        Dirs.assertNoTempLeft(dirs.tmp, "the exit cleanup ran without jdk.jfr");
    }
}
