package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal the real writer wrote, damaged in the middle of its log: one bad record no longer loses
 * the records after it. The reader resumes at the next record that passes its checksum, but only
 * within the active region: the other region holds the log from before the last compaction, whose
 * records of released paths must never come back.
 */
class JournalDamageRecoveryTest {
    private static final int PATHS = 6;

    @TempDir
    Path tmp;

    private final ProcessIdentity owner = new ProcessIdentity(4242, 1_000);
    private final Registry registry = new Registry();
    private JournalWriter writer;

    /** The copy of the writer's file, and where its active log's records start. */
    private Path copy;
    private List<Integer> starts;

    private void openWriter() {
        writer = new JournalWriter(tmp.resolve("journals"), 0, owner, Collections.singletonList(tmp.resolve("root")),
                Runnable::run);
        registry.setListener(writer);
        writer.open();
        assertTrue(writer.healthy(), writer.status());
    }

    @AfterEach
    void finish() {
        if (writer != null) writer.finish(false);
    }

    private Entry add(String name, long inode) {
        return registry.add(tmp.resolve("root").resolve(name), PathKind.FILE, new FileIdentity(1, inode, 1000 + inode), 0,
                System.currentTimeMillis());
    }

    private Set<String> names(int... except) {
        Set<String> names = new TreeSet<>();
        outer:
        for (int i = 0; i < PATHS; i++) {
            for (int e : except) if (e == i) continue outer;
            names.add(tmp.resolve("root").resolve("p" + i).toString());
        }
        return names;
    }

    /** Copies the writer's file (reading the live file would drop the writer's lock) and finds its records. */
    private byte[] snapshot() throws IOException {
        copy = tmp.resolve("copy.tgj");
        Files.copy(writer.file(), copy);
        byte[] bytes = Files.readAllBytes(copy);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int at = logStart(bytes);
        starts = new ArrayList<>();
        for (int length = buf.getInt(at); length != 0; length = buf.getInt(at)) {
            starts.add(at);
            at += 4 + length + 4;
        }
        return bytes;
    }

    private static int logStart(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        return JournalFormat.logStart(buf.getLong(JournalFormat.superblockOffset(buf.getInt(6))));
    }

    private JournalReader.Contents read(byte[] damaged) throws IOException {
        Files.write(copy, damaged);
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
            return JournalReader.read(ch);
        }
    }

    private static Set<String> listed(JournalReader.Contents c) {
        Set<String> s = new TreeSet<>();
        for (JournalReader.Listed l : c.listed()) s.add(l.path().toString());
        return s;
    }

    private byte[] journalOfSixPaths() throws IOException {
        openWriter();
        for (int i = 0; i < PATHS; i++) add("p" + i, i);
        byte[] bytes = snapshot();
        assertEquals(PATHS, starts.size());
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
            assertNull(JournalReader.read(ch).problem(), "undamaged");
        }
        return bytes;
    }

    @Test
    void aBadByteInTheMiddleLosesOnlyItsOwnRecord() throws IOException {
        byte[] bytes = journalOfSixPaths();
        bytes[starts.get(2) + 12] ^= 0x5A; // inside the third record's identity: its checksum fails

        JournalReader.Contents c = read(bytes);

        assertEquals(names(2), listed(c), c.problem());
        assertEquals("record 3 at offset " + starts.get(2) + " fails its checksum (torn write?); 2 records before it "
                + "were read; reading resumed at offset " + starts.get(3) + ", where 3 more records were read", c.problem());
    }

    @Test
    void aZeroedLengthIsNotTakenForTheEndOfTheLog() throws IOException {
        byte[] bytes = journalOfSixPaths();
        for (int i = 0; i < 4; i++) bytes[starts.get(2) + i] = 0;

        JournalReader.Contents c = read(bytes);

        assertEquals(names(2), listed(c), c.problem());
        assertTrue(c.problem().startsWith("record 3 at offset " + starts.get(2) + " (an end mark) is followed by "
                + "non-zero bytes at offset " + (starts.get(2) + 4)), c.problem());
        assertTrue(c.problem().endsWith("reading resumed at offset " + starts.get(3) + ", where 3 more records were read"),
                c.problem());
    }

    @Test
    void twoDamagedSpansAreBothSkippedAndCounted() throws IOException {
        byte[] bytes = journalOfSixPaths();
        bytes[starts.get(1) + 12] ^= 0x01;
        bytes[starts.get(4) + 12] ^= 0x01;

        JournalReader.Contents c = read(bytes);

        assertEquals(names(1, 4), listed(c), c.problem());
        assertTrue(c.problem().startsWith("record 2 at offset " + starts.get(1) + " fails its checksum"), c.problem());
        assertTrue(c.problem().endsWith("reading resumed at offset " + starts.get(2) + ", where 3 more records were read "
                + "(1 more damaged spans skipped)"), c.problem());
    }

    /** Close behind the end mark, and 20,000 bytes behind it: past the zero scan's 8 KiB chunks. */
    @ParameterizedTest(name = "{0} bytes after the end mark")
    @ValueSource(ints = {100, 8191, 8192, 20_000})
    void garbageAfterTheEndMarkIsReportedAndReadsNothingIn(int distance) throws IOException {
        byte[] bytes = journalOfSixPaths();
        int end = starts.get(PATHS - 1) + 4 + ByteBuffer.wrap(bytes).getInt(starts.get(PATHS - 1)) + 4;
        assertTrue(end + distance < logStart(bytes) + JournalWriter.INITIAL_REGION, "still inside the active region");
        bytes[end + distance] = 0x7F;

        JournalReader.Contents c = read(bytes);

        assertEquals(names(), listed(c), c.problem());
        assertTrue(c.problem().contains("is followed by non-zero bytes at offset " + (end + distance)), c.problem());
        assertTrue(c.problem().endsWith("no valid record follows it in the active region"), c.problem());
    }

    /**
     * After two compactions the log is back in the first region and the second still holds the log
     * before them, where {@code released} is registered. Damage to the active log's last record must
     * not make the reader look there: {@code released} was released after the last compaction.
     */
    @Test
    void theResumedReadNeverEntersTheOtherRegionWithItsStaleRecords() throws IOException {
        openWriter();
        Entry released = add("released", 999_999);
        int switches = 0;
        boolean wasInSecond = false;
        for (int i = 0; switches < 2; i++) {
            registry.remove(add("churn-" + i, 10_000 + i), Registry.Removal.RELEASED);
            if (i % 50 != 0) continue;
            boolean inSecond = logStart(Files.readAllBytes(writer.file())) != firstRegion(writer.file());
            if (inSecond != wasInSecond) switches++;
            wasInSecond = inSecond;
            assertTrue(i < 100_000, "the log never switched regions twice");
        }
        for (int i = 0; i < PATHS; i++) add("p" + i, i);
        registry.remove(released, Registry.Removal.RELEASED);
        add("last", 7);
        byte[] bytes = snapshot();
        assertEquals(firstRegion(copy), logStart(bytes), "the log is back in the first region");
        String stale = released.path().toString();
        assertTrue(new String(bytes, logStart(bytes) + ((bytes.length - logStart(bytes)) / 2),
                (bytes.length - logStart(bytes)) / 2, java.nio.charset.StandardCharsets.ISO_8859_1).contains(stale),
                "the second region still holds a record of the released path");
        int last = starts.get(starts.size() - 1); // the REGISTER of `last`
        bytes[last + 12] ^= 0x01;

        JournalReader.Contents c = read(bytes);

        assertEquals(names(), listed(c), "the damaged record is lost, and nothing comes back from the other region: "
                + c.problem());
        assertFalse(listed(c).contains(stale));
        assertTrue(c.problem().endsWith("no valid record follows it in the active region"), c.problem());
    }

    private static int firstRegion(Path journal) throws IOException {
        byte[] head = new byte[10];
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(head), 0);
        }
        return JournalFormat.firstRegion(ByteBuffer.wrap(head).getInt(6));
    }
}
