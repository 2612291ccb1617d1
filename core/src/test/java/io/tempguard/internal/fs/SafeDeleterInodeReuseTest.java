package io.tempguard.internal.fs;

import io.tempguard.CleanupResult;
import io.tempguard.TempFileManager;
import io.tempguard.TempFileManagerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 5, on the machine's real /tmp (ext4, which hands a freed inode number to the next
 * file at once): 300 tracked files are each deleted behind the manager's back and at once
 * recreated under the same name with new content. Many get the same device and inode, and most
 * of those the same millisecond of birth: only the nanoseconds tell the new file from the
 * tracked one. Cleanup must leave all 300 new files, reported as skipped.
 */
class SafeDeleterInodeReuseTest {
    private static final int FILES = 300;
    /** How long to go on making rounds of 300 while none landed in the tracked file's millisecond. */
    private static final Duration ROUNDS_FOR_AT_MOST = Duration.ofSeconds(60);
    private Path root;
    private TempFileManager manager;

    @BeforeEach
    void open() throws Exception {
        root = Files.createTempDirectory(Paths.get("/tmp"), "tg-inode-reuse-");
        String type = Files.getFileStore(root).type();
        Assumptions.assumeTrue("ext4".equals(type), "SKIPPED: /tmp is " + type + " here; the test needs ext4's inode reuse");
        manager = TempFileManager.create(TempFileManagerConfig.builder().roots(root).jmx(false).shutdownCleanup(false)
                .reconcileInterval(Duration.ZERO).journal(false).sweepOnStart(false).build());
    }

    @AfterEach
    void close() throws Exception {
        if (manager != null) manager.close();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }

    @Test
    void filesRecreatedAtTheSameNameWithAReusedInodeAllSurviveCleanup() throws Exception {
        List<Path> files = new ArrayList<>();
        int sameInode = 0;
        int sameInodeSameMillisecond = 0;
        // On a loaded machine a round may see no recreation within the tracked file's millisecond;
        // such a round could not fail on a millisecond comparison, so another round of 300 is made.
        long deadline = System.nanoTime() + ROUNDS_FOR_AT_MOST.toNanos();
        for (int round = 1; round == 1 || sameInodeSameMillisecond == 0 && System.nanoTime() - deadline < 0; round++) {
            for (int i = 0; i < FILES; i++) {
                Path f = manager.createTempFile(root, "f-", ".tmp");
                FileIdentity tracked = FsAttributes.identity(f);
                // Behind the manager's back (in core there is no agent to see this delete), and at once
                // a new file of the host's own under the same name, as a child process or rm would do.
                Files.delete(f);
                Files.write(f, content(files.size()));
                files.add(f);
                FileIdentity now = FsAttributes.identity(f);
                if (now.device() == tracked.device() && now.inode() == tracked.inode()) {
                    sameInode++;
                    if (now.birthTimeNanos() / 1_000_000 == tracked.birthTimeNanos() / 1_000_000) sameInodeSameMillisecond++;
                }
            }
        }
        System.out.println("inode reuse on /tmp: " + sameInode + " of " + files.size() + " recreated files got the same"
                + " inode, " + sameInodeSameMillisecond + " of those born in the same millisecond as the tracked file");
        assertTrue(sameInode > 0, "ext4 reuses a freed inode at once: none of " + files.size() + " did here");
        assertTrue(sameInodeSameMillisecond > 0, "in " + files.size() + " files none shared device, inode and millisecond,"
                + " so this run could not tell a millisecond comparison from a nanosecond one");

        CleanupResult r = manager.cleanupAll();

        for (int i = 0; i < files.size(); i++) {
            assertEquals(new String(content(i), StandardCharsets.UTF_8), Files.readString(files.get(i)),
                    "file " + i + " survives");
        }
        assertEquals(0, r.deletedCount(), r::toString);
        assertEquals(files.size(), r.skippedCount(), r::toString);
        r.skipped().forEach(p -> assertTrue(p.reason().startsWith("identity changed since it was tracked"), p::toString));
    }

    private static byte[] content(int i) {
        return ("the host's own new file " + i).getBytes(StandardCharsets.UTF_8);
    }
}
