package io.tempguard.internal.journal;

import io.tempguard.testkit.RunAs;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A journal on a full file system: the host's calls still succeed, paths stay tracked in memory,
 * the degraded state shows in the manager's journal attributes, and the maintenance thread recovers
 * the journal, listing every live path, once there is room again. Needs a small tmpfs (root).
 */
class JournalDiskFullTest {
    @TempDir
    Path tmp;
    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount == null) return;
        if (run("umount", mount.toString()) == 0) return; // no mapping keeps it busy any more
        assertEquals(0, run("umount", "-l", mount.toString()), "could not unmount " + mount);
    }

    @Test
    void aFullDiskDegradesTheJournalButNotTheHost() throws Exception {
        assumeTrue(RunAs.isRoot(), "SKIPPED: mounting a tmpfs needs root: disk-full test");
        mount = Files.createDirectory(tmp.resolve("small-fs"));
        assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=4m,mode=700", "tmpfs", mount.toString()),
                "mount tmpfs failed");
        Path journals = mount.resolve("journals");
        Path root = Files.createDirectory(tmp.resolve("root"));
        TempFileManagerConfig config = TempFileManagerConfig.builder().roots(root).jmx(false)
                .shutdownCleanup(false).reconcileInterval(Duration.ZERO).sweepOnStart(false)
                .journal(true).journalDir(journals).build();
        try (TempFileManager manager = TempFileManager.create(config)) {
            assertTrue(manager.isJournalHealthy(), manager.journalStatus());
            fill(mount);
            int created = 0;
            for (int i = 0; i < 3_000; i++) { // needs far more than the initial 64 KiB of journal
                manager.createTempFile(root, "tracked-despite-full-disk-" + i + "-", ".tmp");
                created++;
            }
            assertEquals(created, manager.stats().trackedFiles(), "every path stays tracked in memory");
            assertFalse(manager.isJournalHealthy(), "the journal must report the failure");
            assertTrue(manager.journalErrorCount() > 0);
            assertTrue(manager.journalStatus().startsWith("failed"), manager.journalStatus());

            // The maintenance thread retries every pass; once there is room, a fresh journal lists them all.
            Files.delete(mount.resolve("filler"));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!manager.isJournalHealthy() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(manager.isJournalHealthy(), "recovered once the space is free: " + manager.journalStatus());
            try (var journalFiles = Files.list(journals)) {
                Path journal = journalFiles.filter(p -> p.getFileName().toString().endsWith(JournalFormat.SUFFIX))
                        .findFirst().orElseThrow();
                assertEquals(created, JournalWriterTest.readCopy(journal).listed().size(), "the live set re-recorded");
            }
            assertEquals(created, manager.cleanupAll().deletedCount(), "cleanup still works");
        }
    }

    private static void fill(Path dir) throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(dir.resolve("filler"))) {
            while (true) out.write(block);
        } catch (IOException full) {
            // No space left on device: exactly what we want
        }
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
