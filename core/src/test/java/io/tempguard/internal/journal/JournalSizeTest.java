package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal on disk stays proportional to the live set (issue 9 item 4): 200,000 live paths of a
 * realistic length (~70 bytes) once made a 268 MB file (regions of four times the live records,
 * doubled to a power of two). Prints the measured bytes per live entry ("JOURNAL-SIZE ...").
 * The bound: the file is at most 4 times the live records' bytes (plus 64 KiB and the header)
 * while entries accumulate, and 8 times right after compacting a live set that shrank.
 */
class JournalSizeTest {
    private static final int LIVE = 200_000;
    private static final long SLACK = 2L * JournalWriter.INITIAL_REGION + 4096;

    @TempDir
    Path tmp;

    private final Registry registry = new Registry();
    private long liveBytes;

    private Entry add(int i) {
        Path p = tmp.resolve(String.format("root/job-%08d-%012d.tmp", i, 123456789012L + i));
        return registry.add(p, PathKind.FILE, new FileIdentity(1, i, 1000L + i), 0, 0);
    }

    private static long recordBytes(Path p) {
        return JournalFormat.recordSize(JournalFormat.registerPayloadLength(JournalFormat.pathBytes(p)));
    }

    private long report(String what, JournalWriter w, int liveCount) throws IOException {
        long size = Files.size(w.file());
        System.out.printf("JOURNAL-SIZE %s: %d live, %d bytes of live records, file %d bytes = %.0f bytes per live entry"
                + " (%.2f x the live records)%n", what, liveCount, liveBytes, size, (double) size / liveCount,
                (double) size / liveBytes);
        return size;
    }

    @Test
    void twoHundredThousandLivePathsTakeAFewTimesTheirRecordsNotHundredsOfMegabytes() throws IOException {
        JournalWriter w = new JournalWriter(tmp.resolve("journals"), 0, new ProcessIdentity(77, 1L),
                List.of(tmp.resolve("root")), Runnable::run);
        registry.setListener(w);
        w.open();
        List<Entry> live = new ArrayList<>();
        for (int i = 0; i < LIVE; i++) {
            Entry e = add(i);
            live.add(e);
            liveBytes += recordBytes(e.path());
        }
        double pathLength = (double) (liveBytes - LIVE * (long) recordBytes(Path.of(""))) / LIVE;
        assertTrue(pathLength > 60 && pathLength < 80, "realistic path length: " + pathLength);
        assertTrue(w.healthy(), w.status());
        long grown = report("200k registered", w, LIVE);
        assertTrue(grown <= 4 * liveBytes + SLACK, grown + " bytes for " + liveBytes + " bytes of live records");
        assertTrue(grown < 256L << 20);

        // Churn: register and unregister another 400,000 while 200,000 stay live.
        for (int i = LIVE; i < 3 * LIVE; i++) registry.remove(add(i), io.tempguard.internal.registry.Registry.Removal.RELEASED);
        long churned = report("200k live after 400k churned", w, LIVE);
        assertTrue(churned <= 4 * liveBytes + SLACK, churned + " bytes for " + liveBytes + " bytes of live records");

        // Most entries go, churn goes on: the journal shrinks with them.
        for (int i = 2_000; i < LIVE; i++) {
            liveBytes -= recordBytes(live.get(i).path());
            registry.remove(live.get(i), Registry.Removal.RELEASED);
        }
        for (int i = 3 * LIVE; i < 4 * LIVE; i++) registry.remove(add(i), Registry.Removal.RELEASED);
        long shrunk = report("2k live after shrinking", w, 2_000);
        assertTrue(shrunk <= 8 * liveBytes + SLACK, shrunk + " bytes for " + liveBytes + " bytes of live records");
        w.check(); // writes the last removals, held back until the next record or this pass
        assertEquals(2_000, JournalWriterTest.readCopy(w.file()).listed().size());
        w.finish(false);
    }
}
