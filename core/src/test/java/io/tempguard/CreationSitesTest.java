package io.tempguard;

import com.example.app.SiteMakers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.tempguard.TestManagers.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12, creation sites in process: which code made the tracked paths, exact and sampled. */
class CreationSitesTest {
    @TempDir
    Path root;

    private static final String SPILL = "com.example.app.SiteMakers.spill(SiteMakers.java:";
    private static final String SCRATCH = "com.example.app.SiteMakers.scratch(SiteMakers.java:";

    @Test
    void inModeAllTopSitesNamesEachSiteWithItsExactLiveCount() throws Exception {
        TestClock clock = new TestClock();
        try (TempFileManager m = TempFileManager.create(config(root).clock(clock)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.ALL)).build())) {
            List<Path> spills = SiteMakers.spill(m, root, 7);
            clock.advance(Duration.ofSeconds(30));
            SiteMakers.scratch(m, root, 3);
            Files.write(spills.get(0), new byte[1234]);
            m.listTracked(Integer.MAX_VALUE); // refreshes file sizes
            Files.delete(spills.get(1));
            m.unregister(spills.get(1));

            List<SiteUsage> top = m.topSites(10);

            assertEquals(2, top.size(), top.toString());
            SiteUsage first = top.get(0);
            assertTrue(first.site().startsWith(SPILL), first.site());
            assertEquals(6, first.liveCount());
            assertEquals(7, first.createdTotal());
            assertEquals(1234, first.liveBytes());
            assertEquals(30, first.oldestAge().getSeconds());
            assertEquals(Thread.currentThread().getName(), first.thread());
            assertTrue(!first.estimated());
            assertTrue(top.get(1).site().startsWith(SCRATCH), top.get(1).site());
            assertEquals(3, top.get(1).liveCount());
            assertEquals(0, top.get(1).oldestAge().getSeconds());
            assertEquals(1, m.topSites(1).size());

            List<String> listed = m.listTracked(Integer.MAX_VALUE).stream().map(TrackedPath::site).distinct().collect(Collectors.toList());
            assertEquals(List.of(first.site(), top.get(1).site()), listed, "each listed path names its site");
        }
    }

    @Test
    void topSitesOverTheMXBeanCarriesTheSameRows() throws Exception {
        try (TempFileManager m = TempFileManager.create(config(root)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.ALL)).build())) {
            SiteMakers.spill(m, root, 2);
            SiteMakers.scratch(m, root, 4);
            List<SiteRow> rows = m.mxBean().topSites(0);
            assertEquals(2, rows.size());
            assertTrue(rows.get(0).getSite().startsWith(SCRATCH), rows.get(0).getSite());
            assertEquals(4, rows.get(0).getLiveCount());
            assertEquals(2, rows.get(1).getLiveCount());
            assertTrue(m.mxBean().listTracked(1).get(0).getSite().startsWith(SPILL));
        }
    }

    @Test
    void inSampledModeTheEstimatesAreWithinTheDocumentedError() throws Exception {
        int n = 10;
        int created = 3000;
        try (TempFileManager m = TempFileManager.create(config(root)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.SAMPLED, n, SiteRecording.DEFAULT_EXCLUDED_PREFIXES))
                .build())) {
            SiteMakers.spill(m, root, created);

            SiteUsage spill = m.topSites(1).get(0);

            assertTrue(spill.site().startsWith(SPILL), spill.site());
            assertTrue(spill.estimated());
            assertEquals(0, spill.liveCount() % n, "an estimate is a sampled count times N");
            // Five standard errors, sqrt(c * (N - 1)) = 164: a false failure about once in 1.7 million runs.
            double bound = 5 * Math.sqrt(created * (n - 1.0));
            assertTrue(Math.abs(spill.liveCount() - created) <= bound, spill + " within " + bound + " of " + created);
            long unsampled = m.listTracked(Integer.MAX_VALUE).stream().filter(t -> t.site().equals("unsampled")).count();
            assertEquals(created - spill.liveCount() / n, unsampled, "the others are attributed as unsampled");
        }
    }

    @Test
    void withSitesOffNothingIsWalkedOrReported() throws Exception {
        try (TempFileManager m = TempFileManager.create(config(root)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.OFF)).build())) {
            SiteMakers.spill(m, root, 3);
            assertEquals(List.of(), m.topSites(0));
            assertEquals("", m.listTracked(1).get(0).site());
        }
    }

    @Test
    void excludedPrefixesMoveTheSiteToTheCallerOfTheLibrary() throws Exception {
        try (TempFileManager m = TempFileManager.create(config(root).siteRecording(SiteRecording.of(
                SiteRecording.Mode.ALL, 1, List.of("java.", "jdk.", "com.example.lib."))).build())) {
            SiteMakers.viaLibrary(m, root);
            assertTrue(m.topSites(1).get(0).site().startsWith("com.example.app.SiteMakers.viaLibrary(SiteMakers.java:"),
                    m.topSites(1).toString());
        }
        try (TempFileManager m = TempFileManager.create(config(root)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.ALL)).build())) {
            SiteMakers.viaLibrary(m, root);
            assertTrue(m.topSites(1).get(0).site().startsWith("com.example.lib.TempLib.buffer(TempLib.java:"),
                    "by default the library's own frame is the site: " + m.topSites(1));
        }
    }
}
