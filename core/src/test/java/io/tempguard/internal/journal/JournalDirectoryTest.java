package io.tempguard.internal.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 item 1: the current user is the effective uid, not the owner of the /proc/self link. */
class JournalDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void theEffectiveUidIsTheSecondFieldOfTheUidLine() {
        List<String> status = List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t65534\t65534\t65534", "Gid:\t0\t0\t0\t0");
        assertEquals(65534, JournalDirectory.effectiveUid(status));
        assertEquals(-2, JournalDirectory.effectiveUid(List.of("Uid:\t4294967294\t4294967294\t0\t0")),
                "a uid above 2^31 wraps as the file system's unix:uid does");
        assertNull(JournalDirectory.effectiveUid(List.of("Name:\tjava")));
        assertNull(JournalDirectory.effectiveUid(List.of("Uid:\tgarbage")));
    }

    @Test
    void theCurrentUidOwnsTheFilesThisProcessCreates() throws Exception {
        Path mine = Files.createFile(tmp.resolve("mine"));
        assertEquals(Files.getAttribute(mine, "unix:uid", LinkOption.NOFOLLOW_LINKS), JournalDirectory.currentUid());
        assertTrue(JournalDirectory.ownedBySelf(mine));
        JournalDirectory.verify(tmp); // @TempDir is this user's, mode 700
    }
}
