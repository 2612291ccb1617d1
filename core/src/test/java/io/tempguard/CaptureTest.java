package io.tempguard;

import io.tempguard.internal.capture.RootPrefixes;
import io.tempguard.internal.spi.HostObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tempguard.TestManagers.host;
import static io.tempguard.TestManagers.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture rules and the uncaptured record, fed as the agent feeds them (HostObserver). */
class CaptureTest extends ManagerPerTest {

    private void withRules(String rules) {
        manager.mxBean().setCaptureRules(rules);
    }

    @Test
    void aCreationMatchingARuleIsTrackedAndDeletedByCleanup() throws Exception {
        withRules("blockmgr-*:upload_*.tmp");
        Path dir = Files.createDirectories(root.resolve("blockmgr-1/0a"));
        writeBytes(dir.resolve("shuffle.data"), 5);
        Path upload = writeBytes(root.resolve("upload_7.tmp"), 3);
        HostObserver host = host(manager);
        host.observeCreatedBy(root.resolve("blockmgr-1"), PathKind.DIRECTORY);
        host.observeCreatedBy(dir, PathKind.DIRECTORY);
        host.observeCreatedBy(dir.resolve("shuffle.data"), PathKind.FILE);
        host.observeCreatedBy(upload, PathKind.FILE);

        assertTrue(manager.isTracked(root.resolve("blockmgr-1")));
        assertFalse(manager.isTracked(dir), "inside a tracked directory: goes with it");
        assertTrue(manager.isTracked(upload));
        assertEquals(0, manager.stats().uncapturedCreatedTotal(), "nothing below a captured directory is uncaptured");
        manager.cleanupAll();
        assertFalse(Files.exists(root.resolve("blockmgr-1")));
        assertFalse(Files.exists(upload));
    }

    @Test
    void aCreationNoRuleMatchesIsListedOnceAtItsTopmostPathAndNeverDeleted() throws Exception {
        withRules("spark-*");
        Path top = Files.createDirectories(root.resolve("blockmgr-2/0a"));
        Path file = writeBytes(root.resolve("blockmgr-2/0a/f"), 1);
        Path upload = writeBytes(root.resolve("upload_1.tmp"), 1);
        HostObserver host = host(manager);
        host.observeCreatedBy(root.resolve("blockmgr-2"), PathKind.DIRECTORY);
        host.observeCreatedBy(top, PathKind.DIRECTORY);
        host.observeCreatedBy(file, PathKind.FILE);
        host.observeCreatedBy(upload, null);

        assertEquals(2, manager.stats().uncapturedCreatedTotal());
        assertEquals(2, manager.mxBean().getUncapturedCreatedTotal());
        List<String> listed = new ArrayList<>();
        for (UncapturedPathRow r : manager.mxBean().listUncaptured(0)) listed.add(r.getKind() + " " + r.getPath());
        assertEquals(List.of("FILE " + upload, "DIRECTORY " + root.resolve("blockmgr-2")), listed, "newest first");
        assertEquals(1, manager.mxBean().listUncaptured(1).size());
        manager.cleanupAll();
        assertTrue(Files.exists(file) && Files.exists(upload), "uncaptured paths are never deleted");
        assertEquals(0, manager.stats().createdTotal());
    }

    @Test
    void theUncapturedListIsBoundedToTheMostRecent() throws Exception {
        HostObserver host = host(manager);
        for (int i = 0; i < 250; i++) host.observeCreatedBy(writeBytes(root.resolve("f" + i), 0), PathKind.FILE);
        assertEquals(250, manager.stats().uncapturedCreatedTotal());
        List<UncapturedPathRow> rows = manager.mxBean().listUncaptured(0);
        assertEquals(TempFileManagerMXBean.MAX_UNCAPTURED_ROWS, rows.size());
        assertEquals(root.resolve("f249").toString(), rows.get(0).getPath());
        assertEquals(root.resolve("f150").toString(), rows.get(99).getPath());
    }

    @Test
    void creationsOutsideTheRootsAreNeitherTrackedNorCounted(@TempDir Path outside) throws Exception {
        withRules("**");
        Path f = writeBytes(outside.resolve("x.tmp"), 1);
        assertFalse(host(manager).isCaptureCandidate(f.toString()));
        host(manager).observeCreatedBy(f, PathKind.FILE);
        assertFalse(manager.isTracked(f));
        assertEquals(0, manager.stats().uncapturedCreatedTotal());
    }

    @Test
    void aMatchingPathBehindALinkThatLeadsOutOfTheRootsIsNotTracked(@TempDir Path outside) throws Exception {
        withRules("out/*");
        Files.createSymbolicLink(root.resolve("out"), outside);
        Path dir = Files.createDirectory(root.resolve("out/blockmgr-1"));
        host(manager).observeCreatedBy(dir, PathKind.DIRECTORY);
        assertFalse(manager.isTracked(dir));
        manager.cleanupAll();
        assertTrue(Files.isDirectory(outside.resolve("blockmgr-1")), "never deleted outside the roots");
    }

    @Test
    void mayCreateSeesWhetherSomethingIsThere() throws Exception {
        Path existing = writeBytes(root.resolve("e"), 1);
        assertFalse(host(manager).observeMayCreate(existing));
        assertTrue(host(manager).observeMayCreate(root.resolve("absent")));
    }

    @Test
    void aDanglingLinkMatchingARuleThatTheHostWritesThroughIsNeverTracked(@TempDir Path outside) throws Exception {
        withRules("upload_*");
        Path link = Files.createSymbolicLink(root.resolve("upload_1"), outside.resolve("target"));
        assertTrue(host(manager).observeMayCreate(link), "a dangling link reads as absent");
        Files.writeString(link, "through the link"); // creates the link's target, outside the roots
        host(manager).observeCreatedBy(link, PathKind.FILE);
        assertFalse(manager.isTracked(link), "the link existed before: never tracked");
        manager.cleanupAll();
        assertTrue(Files.isSymbolicLink(link) && Files.exists(outside.resolve("target")));
    }

    @Test
    void aBadRuleIsRefusedWithItsNameAndTheOldRulesStay() {
        withRules("a-*:b-*");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withRules("ok-*:[bad"));
        assertTrue(e.getMessage().contains("bad capture rule '[bad'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("a-*:b-*", manager.mxBean().getCaptureRules());
        withRules("");
        assertEquals("", manager.mxBean().getCaptureRules());
    }

    @Test
    void theConfigSettingIsCheckedAndUsed() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> TempFileManagerConfig.builder().captureRules(List.of("/abs/*")));
        try (TempFileManager m = TempFileManager.create(TestManagers.config(root).captureRules(List.of("work-*")).build())) {
            assertEquals("work-*", m.mxBean().getCaptureRules());
            Path d = Files.createDirectory(root.resolve("work-9"));
            host(m).observeCreatedBy(d, PathKind.DIRECTORY);
            assertTrue(m.isTracked(d));
        }
    }

    @Test
    void anUncapturedRowNamesTheCodeThatCreatedIt() throws Exception {
        try (TempFileManager m = TempFileManager.create(TestManagers.config(root)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.ALL)).build())) {
            Path f = writeBytes(root.resolve("upload_3.tmp"), 1);
            com.example.app.SiteMakers.created(host(m), f);
            List<UncapturedPathRow> rows = m.mxBean().listUncaptured(0);
            assertEquals(1, rows.size());
            assertTrue(rows.get(0).getSite().startsWith("com.example.app.SiteMakers.created(SiteMakers.java:"),
                    rows.get(0).getSite());
        }
        try (TempFileManager m = TempFileManager.create(TestManagers.config(root)
                .siteRecording(SiteRecording.of(SiteRecording.Mode.OFF)).build())) {
            Path f = writeBytes(root.resolve("upload_4.tmp"), 1);
            com.example.app.SiteMakers.created(host(m), f);
            assertEquals("", m.mxBean().listUncaptured(0).get(0).getSite(), "sites off: no site");
        }
    }

    @Test
    void rootPrefixesAnswerWithStringsOnly() {
        RootPrefixes p = new RootPrefixes(List.of(Path.of("/tmp/r"), Path.of("/data/real")), Path.of("/home/u"));
        assertTrue(p.mayContain("/tmp/r/x"));
        assertFalse(p.mayContain("/tmp/r"), "the root itself");
        assertFalse(p.mayContain("/tmp/r/"), "the root itself");
        assertFalse(p.mayContain("/tmp/rx/y"));
        assertTrue(p.mayContain("/data/real/a/b"));
        assertFalse(p.mayContain("x"), "relative to /home/u: outside");
        assertFalse(p.mayContain(""));
        RootPrefixes below = new RootPrefixes(List.of(Path.of("/home/u/tmp")), Path.of("/home/u"));
        assertTrue(below.mayContain("tmp/x"));
        assertFalse(below.mayContain("tmp"));
        assertFalse(below.mayContain("tmpx/y"));
        RootPrefixes inside = new RootPrefixes(List.of(Path.of("/home")), Path.of("/home/u"));
        assertTrue(inside.mayContain("anything"));
        RootPrefixes cwdSlash = new RootPrefixes(List.of(Path.of("/tmp")), Path.of("/"));
        assertTrue(cwdSlash.mayContain("tmp/a"));
        assertFalse(cwdSlash.mayContain("tmpa/b"));
    }

    @Test
    void rootLengthOfLocatesAsPathStartsWithDoes() {
        RootPrefixes p = new RootPrefixes(List.of(Path.of("/tmp/r"), Path.of("/data/real")), Path.of("/home/u"));
        for (String path : List.of("/tmp/r/x", "/tmp/r/a/b/c", "/data/real/a", "/tmp/r", "/tmp/rx/y", "/tmp", "/data/realx")) {
            Path asPath = Path.of(path);
            int expected = -1;
            for (Path root : List.of(Path.of("/tmp/r"), Path.of("/data/real"))) {
                if (expected < 0 && asPath.startsWith(root) && !asPath.equals(root)) expected = root.toString().length();
            }
            assertEquals(expected, p.rootLengthOf(path), path);
        }
        assertEquals("a/b", "/tmp/r/a/b".substring(p.rootLengthOf("/tmp/r/a/b") + 1), "the name relative to the root");
        RootPrefixes slash = new RootPrefixes(List.of(Path.of("/")), Path.of("/home/u"));
        assertEquals("tmp/x", "/tmp/x".substring(slash.rootLengthOf("/tmp/x") + 1), "the root / itself");
        assertEquals(-1, slash.rootLengthOf("/"));
    }
}
