package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.SweepResult;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import io.tempguard.internal.sweep.OrphanSweeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal holds a removal back until its next write. A JVM killed in that window leaves a
 * journal that still lists a temp file the host had deleted; if another file took the name
 * meanwhile (on ext4 often with the same inode number at once), the sweep must leave it alone.
 * This is the real writer's journal, copied as a dead JVM would leave it, swept by the real sweeper.
 */
class HeldBackRemovalSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aFileThatTookTheNameOfADeletedTempFileIsNotSweptWhileItsRemovalWasHeldBack() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path journals = Files.createDirectory(tmp.resolve("journals"));
        Files.setPosixFilePermissions(journals, PosixFilePermissions.fromString("rwx------"));
        Path written = Files.createDirectory(tmp.resolve("writer"));
        JournalFixture dead = JournalFixture.ofDeadProcess(Collections.singletonList(root));
        Registry registry = new Registry();
        JournalWriter w = new JournalWriter(written, 0, dead.owner(), Collections.singletonList(root), Runnable::run);
        registry.setListener(w);
        w.open();

        Path temp = Files.write(root.resolve("spill-1.tmp"), "the host's temp file".getBytes(StandardCharsets.UTF_8));
        BasicFileAttributes before = Files.readAttributes(temp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Entry e = registry.add(temp, PathKind.FILE, FileIdentity.of(before), before.size(), 0);
        Files.delete(temp); // the host deletes it ...
        registry.remove(e, Registry.Removal.DELETED); // ... and the removal is held back
        Path other = Files.write(temp, "someone else's file".getBytes(StandardCharsets.UTF_8)); // the name is taken
        Object reusedKey = Files.readAttributes(other, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();

        // The JVM dies now: its journal, as it is on disk, still lists the deleted temp file.
        Path journal = journals.resolve(w.file().getFileName());
        Files.copy(w.file(), journal);
        assertEquals(Collections.singleton(temp.toString()), JournalWriterTest.listed(JournalWriterTest.readCopy(journal)),
                "the window this test is about: the removal not yet written");

        SweepResult r = new OrphanSweeper(journals, ProcessIdentity.current(), false).sweep();
        assertEquals(0, r.paths().deletedCount(), r.summary());
        assertEquals(1, r.paths().skippedCount(), r.summary() + " (same file key as the temp file: "
                + reusedKey.equals(before.fileKey()) + ")");
        assertEquals("someone else's file", Files.readString(other));
        assertTrue(Files.notExists(journal), "the swept journal is removed");
        w.finish(false);
    }
}
