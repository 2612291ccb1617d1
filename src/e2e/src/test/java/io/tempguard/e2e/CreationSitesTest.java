package io.tempguard.e2e;

import io.tempguard.SiteRow;
import io.tempguard.TempFileManagerMXBean;
import io.tempguard.TrackedPathRow;
import io.tempguard.e2e.hosts.sites.SitesHost;
import io.tempguard.e2e.support.Dirs;
import io.tempguard.e2e.support.Jmx;
import io.tempguard.testkit.ChildJvm;
import io.tempguard.testkit.Jdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, creation sites: a host makes temp paths from three classes, one of them a stand-in for
 * a third-party library; topSites over real JMX names each with its live count, exactly with
 * {@code sites=all} and within the documented sampling error with {@code sites=sampled}.
 */
@Timeout(240)
class CreationSitesTest {
    private static final String REPORTS = "io.tempguard.e2e.hosts.sites.ReportWriter.write(ReportWriter.java:";
    private static final String INDEXES = "io.tempguard.e2e.hosts.sites.IndexBuilder.build(IndexBuilder.java:";
    private static final String SPILLS = "com.example.lib.SpillBuffer.allocate(SpillBuffer.java:";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Jdk.class)
    void withSitesAllTopSitesNamesEachCreatingClassWithItsExactLiveCount(Jdk jdk, @TempDir Path base) throws Exception {
        jdk.require();
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, SitesHost.class).agent("sites=all").tmpdir(dirs.tmp)
                .workDir(dirs.work).args("12", "8", "5", "4").start()) {
            host.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();

                List<SiteRow> top = manager.topSites(10);

                assertEquals(3, top.size(), rows(top));
                assertSite(top.get(0), REPORTS, 8, 12);
                assertSite(top.get(1), INDEXES, 8, 8);
                assertSite(top.get(2), SPILLS, 5, 5);
                for (SiteRow r : top) {
                    assertFalse(r.isEstimated(), rows(top));
                    assertEquals("main", r.getThread());
                }
                assertEquals(1, manager.topSites(1).size());

                Map<String, Long> listed = new TreeMap<>();
                for (TrackedPathRow r : manager.listTracked(0)) {
                    String site = r.getSite().substring(0, r.getSite().indexOf(':') + 1);
                    listed.merge(site, 1L, Long::sum);
                }
                assertEquals(new TreeMap<>(Map.of(REPORTS, 8L, INDEXES, 8L, SPILLS, 5L)), listed,
                        "every listed path names its creating class");
                assertEquals(0, manager.getAgentErrorCount());
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
    }

    @Test
    void inSampledModeTheEstimatesAreWithinTheDocumentedSamplingError(@TempDir Path base) throws Exception {
        Jdk jdk = Jdk.JDK17;
        int n = 4;
        int reports = 2000;
        int indexes = 1200;
        int spills = 800;
        Dirs dirs = Dirs.in(base);
        try (ChildJvm host = ChildJvm.builder(jdk, SitesHost.class).agent("sitesSampleRate=" + n).tmpdir(dirs.tmp)
                .workDir(dirs.work).args(Integer.toString(reports), Integer.toString(indexes), Integer.toString(spills), "0")
                .start()) {
            host.awaitLine("READY");
            try (Jmx jmx = Jmx.connect(host.pid())) {
                TempFileManagerMXBean manager = jmx.awaitManager();
                Map<String, SiteRow> bySite = manager.topSites(0).stream().collect(
                        Collectors.toMap(r -> r.getSite().substring(0, r.getSite().indexOf(':') + 1), r -> r));

                assertEquals(Set.of(INDEXES, REPORTS, SPILLS), bySite.keySet(),
                        "sampled is the default mode; every site is seen: " + bySite.values());
                assertWithinSamplingError(bySite.get(REPORTS), reports, n);
                assertWithinSamplingError(bySite.get(INDEXES), indexes, n);
                assertWithinSamplingError(bySite.get(SPILLS), spills, n);
                assertEquals(reports + indexes + spills, manager.getTrackedFileCount() + manager.getTrackedDirectoryCount(),
                        "the counters stay exact");
            }
            host.send("exit");
            host.awaitNormalExit();
            assertEquals("", host.stderr(), host.describe());
        }
    }

    /**
     * README "Which code made them": the estimate is the sampled count times N, with standard error
     * sqrt(c * (N - 1)); five of them make a false failure about one run in 1.7 million.
     */
    private static void assertWithinSamplingError(SiteRow row, int actual, int n) {
        assertTrue(row.isEstimated(), row.getSite());
        assertEquals(0, row.getLiveCount() % n, "an estimate is a sampled count times N: " + row.getLiveCount());
        assertEquals(row.getLiveCount(), row.getCreatedTotal(), "nothing was deleted");
        double bound = 5 * Math.sqrt(actual * (n - 1.0));
        assertTrue(Math.abs(row.getLiveCount() - actual) <= bound,
                row.getSite() + ": estimate " + row.getLiveCount() + " not within " + bound + " of " + actual);
    }

    private static void assertSite(SiteRow row, String site, long live, long created) {
        assertTrue(row.getSite().startsWith(site), row.getSite());
        assertEquals(live, row.getLiveCount(), row.getSite() + " liveCount");
        assertEquals(created, row.getCreatedTotal(), row.getSite() + " createdTotal");
    }

    private static String rows(List<SiteRow> rows) {
        return rows.stream().map(r -> r.getSite() + " live=" + r.getLiveCount() + " created=" + r.getCreatedTotal())
                .collect(Collectors.joining("; "));
    }
}
