package io.tempguard.internal.journal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults under a live journal (issue 9 item 3): its file truncated, deleted or replaced by someone
 * else. The host's calls keep working (no SIGBUS: the old writer wrote through a mapping and
 * crashed the JVM on the first record after a truncation), one pass of {@link JournalWriter#check()}
 * fails the journal with one WARN, and the next recovers it with a fresh, locked, owner-only file
 * that lists exactly the live set.
 */
class JournalFaultTest {
    @TempDir
    Path tmp;

    private final ProcessIdentity owner = new ProcessIdentity(4243, 1_700_000_000_000L);
    private final Registry registry = new Registry();
    private final Set<String> live = new HashSet<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger writerLog = (Logger) LoggerFactory.getLogger(JournalWriter.class);
    private JournalWriter writer;
    private long inode;

    @BeforeEach
    void openJournal() throws IOException {
        logged.start();
        writerLog.addAppender(logged);
        writer = new JournalWriter(tmp.resolve("journals"), 0, owner, List.of(tmp.resolve("root")), Runnable::run);
        registry.setListener(writer);
        writer.open();
        assertTrue(writer.healthy(), writer.status());
        churn(0, 1_000); // 100 live: a third of the first region, so the next 300 do not grow the file
    }

    @AfterEach
    void finish() {
        writer.finish(false);
        writerLog.detachAppender(logged);
    }

    /** Registers {@code count} paths and releases most of them, as a host looping create+delete does. */
    private void churn(int from, int count) {
        for (int i = from; i < from + count; i++) {
            Path p = tmp.resolve("root/some-temp-file-" + i + ".tmp");
            Entry e = registry.add(p, PathKind.FILE, new FileIdentity(1, i, 1000 + i), 0, System.currentTimeMillis());
            if (i % 10 == 0) {
                live.add(p.toString());
            } else {
                registry.remove(e, Registry.Removal.RELEASED);
            }
        }
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
    }

    private static Object key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** The host keeps going, one pass fails the journal with one WARN, the next one recovers it. */
    private void assertFailsOnceThenRecovers(String fault) throws IOException {
        churn(2_000, 300); // appends into the broken file (not enough to grow it): must neither crash nor throw
        assertTrue(writer.healthy(), "nothing notices before the maintenance pass: " + writer.status());
        writer.check();
        assertFalse(writer.healthy(), "the pass after the fault must fail the journal");
        assertTrue(writer.status().contains(fault), writer.status());
        churn(5_000, 3_000);
        writer.check();
        assertTrue(writer.healthy(), "recovered on the next pass: " + writer.status());
        churn(8_000, 1_000);
        writer.check();
        assertTrue(writer.healthy(), writer.status());
        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), "one WARN for the episode: " + warnings);
        assertTrue(warnings.get(0).contains(fault), warnings.get(0));
        assertEquals(live, JournalWriterTest.listed(JournalWriterTest.readCopy(writer.file())),
                "the fresh journal lists exactly the live set");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(writer.file())));
        assertLockedByThisProcess(writer.file());
    }

    /** Another lock on the file from this JVM throws OverlappingFileLockException: the writer holds it. */
    private static void assertLockedByThisProcess(Path file) throws IOException {
        // The JDK tracks this JVM's locks per file and refuses an overlapping one. Run it last:
        // closing the probe's channel drops the process's POSIX lock on the file.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            org.junit.jupiter.api.Assertions.assertThrows(java.nio.channels.OverlappingFileLockException.class,
                    ch::tryLock, "the recovered journal must be locked by this process");
        }
    }

    @Test
    void aJournalTruncatedToZeroIsNoticedAndRecreatedWithTheLiveSet() throws Exception {
        Path file = writer.file();
        Object before = key(file);
        Process truncate = new ProcessBuilder("truncate", "-s", "0", file.toString()).inheritIO().start();
        assertEquals(0, truncate.waitFor(), "truncate failed");
        assertFailsOnceThenRecovers("truncated");
        assertEquals(file, writer.file(), "the own name is taken back");
        assertNotEquals(before, key(file), "a fresh file");
    }

    @Test
    void aDeletedJournalIsNoticedAndRecreatedWithTheLiveSet() throws Exception {
        Path file = writer.file();
        Files.delete(file);
        assertFailsOnceThenRecovers("deleted");
        assertEquals(file, writer.file(), "the free name is taken again");
    }

    @Test
    void aReplacedJournalIsNoticedAndAFreshOneWrittenBesideTheOtherFile() throws Exception {
        Path file = writer.file();
        Path other = Files.write(tmp.resolve("journals/someone-elses"), "not a journal".getBytes());
        Files.move(other, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertFailsOnceThenRecovers("replaced");
        assertNotEquals(file, writer.file(), "the other file's name is left to it");
        assertEquals("not a journal", Files.readString(file), "the other file is not touched");
    }

    @Test
    void aSecondEpisodeGetsItsOwnWarning() throws Exception {
        Files.delete(writer.file());
        writer.check();
        writer.check();
        assertTrue(writer.healthy(), writer.status());
        Files.delete(writer.file());
        writer.check();
        assertFalse(writer.healthy());
        writer.check();
        assertTrue(writer.healthy(), writer.status());
        assertEquals(2, warnings().size(), "one WARN per episode: " + warnings());
    }

    @Test
    void aHealthyJournalPassesTheCheckUnchanged() throws Exception {
        Object before = key(writer.file());
        for (int i = 0; i < 3; i++) writer.check();
        assertTrue(writer.healthy(), writer.status());
        assertEquals(before, key(writer.file()));
        assertEquals(List.of(), warnings());
        assertEquals(0, writer.errorCount());
    }
}
