package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.RemovalBatch;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the journal holds removal records back and writes them with the next record, when a
 * {@link RemovalBatch} ends, or at the next maintenance pass; until then it lists more than is
 * tracked, never less; a registration is never held back and writes what was held before it, in order.
 */
class JournalRemovalBatchTest {
    @TempDir
    Path tmp;

    @Test
    void removalsOfABatchAreWrittenWhenItEndsAndARegistrationWritesThemFirst() throws Exception {
        Registry registry = new Registry();
        JournalWriter w = new JournalWriter(tmp.resolve("journals"), 0, new ProcessIdentity(4242, 1_700_000_000_000L),
                Collections.singletonList(tmp.resolve("root")), Runnable::run);
        registry.setListener(w);
        w.open();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(registry.add(tmp.resolve("root/f" + i), PathKind.FILE, new FileIdentity(1, i, 1000 + i), 0, 0));
        }

        RemovalBatch batch = RemovalBatch.begin();
        for (int i = 0; i < 50; i++) registry.remove(entries.get(i), Registry.Removal.DELETED);
        assertEquals(100, JournalWriterTest.readCopy(w.file()).listed().size(),
                "held back: the journal still lists the removed paths (more than tracked, never less)");
        batch.end();
        JournalReader.Contents afterBatch = JournalWriterTest.readCopy(w.file());
        assertNull(afterBatch.problem());
        assertEquals(50, afterBatch.listed().size(), "written when the batch ended");

        batch = RemovalBatch.begin();
        registry.remove(entries.get(50), Registry.Removal.DELETED);
        Path again = tmp.resolve("root/f50");
        registry.add(again, PathKind.FILE, new FileIdentity(1, 999, 5000), 0, 0); // the same name, tracked anew
        Set<String> listed = JournalWriterTest.listed(JournalWriterTest.readCopy(w.file()));
        assertTrue(listed.contains(again.toString()), "the new registration is on disk at once");
        JournalReader.Contents c = JournalWriterTest.readCopy(w.file());
        assertEquals(999, c.listed().stream().filter(l -> l.path().equals(again)).findFirst().orElseThrow()
                .identity().inode(), "the held-back removal was written before the registration, so the new one counts");
        batch.end();
        assertEquals(50, JournalWriterTest.readCopy(w.file()).listed().size());
        w.finish(false);
    }

    @Test
    void outsideABatchARemovalIsWrittenWithTheNextRecordOrByTheNextMaintenancePass() throws Exception {
        Registry registry = new Registry();
        JournalWriter w = new JournalWriter(tmp.resolve("journals"), 0, new ProcessIdentity(4243, 1_700_000_000_000L),
                Collections.singletonList(tmp.resolve("root")), Runnable::run);
        registry.setListener(w);
        w.open();
        Entry a = registry.add(tmp.resolve("root/a"), PathKind.FILE, new FileIdentity(1, 1, 1), 0, 0);
        registry.remove(a, Registry.Removal.DELETED);
        assertEquals(Set.of(tmp.resolve("root/a").toString()), JournalWriterTest.listed(JournalWriterTest.readCopy(w.file())),
                "held back: the journal lists more than is tracked, never less");

        // The host's next creation writes the held-back removal and its own record, in that order.
        Entry b = registry.add(tmp.resolve("root/b"), PathKind.FILE, new FileIdentity(1, 2, 2), 0, 0);
        assertEquals(Set.of(tmp.resolve("root/b").toString()), JournalWriterTest.listed(JournalWriterTest.readCopy(w.file())));

        // With no next record, the maintenance pass writes it.
        registry.remove(b, Registry.Removal.DELETED);
        assertEquals(1, JournalWriterTest.readCopy(w.file()).listed().size());
        w.check();
        JournalReader.Contents c = JournalWriterTest.readCopy(w.file());
        assertNull(c.problem());
        assertEquals(0, c.listed().size());
        w.finish(false);
    }
}
