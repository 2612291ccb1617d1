package io.tempguard.internal.sweep;

import io.tempguard.PathKind;
import io.tempguard.SweepResult;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.journal.JournalFixture;
import io.tempguard.internal.journal.JournalWriter;
import io.tempguard.internal.journal.ProcessIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep and what a journal records about its writer and roots: a root replaced since the
 * writer died (issue 9 item 10), a version-2 journal (item 5), a reused pid, and a journal
 * another sweeper holds (item 11).
 */
class OrphanSweeperJournalRootsTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path journals;

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        journals = Files.createDirectory(tmp.resolve("journals"));
        Files.setPosixFilePermissions(journals, PosixFilePermissions.fromString("rwx------"));
    }

    private SweepResult sweep() {
        return new OrphanSweeper(journals, ProcessIdentity.current(), false).sweep();
    }

    @Test
    void aRootReplacedByASymlinkToAnotherDirectoryIsRefused() throws Exception {
        JournalFixture journal = JournalFixture.ofDeadProcess(List.of(root)); // records the root as it is now
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path precious = Files.write(elsewhere.resolve("data.txt"), bytes("not tempguard's"));
        // The listed file's identity is the one behind the link (the worst case, as if its inode had
        // been reused): only the root check stands between the sweep and that file.
        journal.register(root.resolve("data.txt"), PathKind.FILE, identity(precious)).writeTo(journals);
        Files.delete(root);
        Files.createSymbolicLink(root, elsewhere);

        SweepResult r = sweep();

        assertEquals("not tempguard's", Files.readString(precious), "nothing behind the link is deleted");
        assertEquals(0, r.paths().deletedCount(), r.summary());
        assertEquals(1, r.paths().failureCount(), r.summary());
        String reason = r.paths().failures().get(0).reason();
        assertTrue(reason.contains("root " + root + " is now a symbolic link"), reason);
    }

    @Test
    void aRootReplacedByAnotherDirectoryAtTheSamePathIsRefused() throws Exception {
        JournalFixture journal = JournalFixture.ofDeadProcess(List.of(root));
        Path newcomer = Files.createDirectory(tmp.resolve("newcomer"));
        Files.write(newcomer.resolve("work.tmp"), bytes("theirs"));
        journal.register(root.resolve("work.tmp"), PathKind.FILE, identity(newcomer.resolve("work.tmp")))
                .writeTo(journals);
        // Another directory now stands at the root's path, holding a file under the listed name.
        Files.move(root, tmp.resolve("old-root"));
        Files.move(newcomer, root);
        Path theirs = root.resolve("work.tmp");

        SweepResult r = sweep();

        assertTrue(Files.exists(theirs), "nothing in the other directory is deleted");
        assertEquals(0, r.paths().deletedCount(), r.summary());
        assertEquals(1, r.paths().failureCount(), r.summary());
        String reason = r.paths().failures().get(0).reason();
        assertTrue(reason.contains("root " + root + " is another directory now"), reason);
    }

    @Test
    void aVersion2JournalIsStillSweptComparingBirthTimesToTheMillisecond() throws Exception {
        Path listed = Files.write(root.resolve("v2.tmp"), bytes("from an older tempguard"));
        Path replaced = Files.write(root.resolve("v2-replaced.tmp"), bytes("someone else's"));
        BasicFileAttributes a = Files.readAttributes(listed, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        BasicFileAttributes b = Files.readAttributes(replaced, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        ProcessIdentity owner = JournalFixture.ofDeadProcess(List.of(root)).owner();
        long millisA = a.creationTime().toMillis();
        long millisB = b.creationTime().toMillis() - 1; // recorded a millisecond apart: another file
        byte[] v2 = version2Journal(owner, root, new Object[][] {
                {listed, devIno(a), millisA}, {replaced, devIno(b), millisB}});
        Path journal = journals.resolve(JournalWriter.fileName(owner, 0));
        Files.write(journal, v2);

        SweepResult r = sweep();

        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertFalse(Files.exists(listed), "a version-2 journal's path with the same millisecond is swept: " + r.summary());
        assertTrue(Files.exists(replaced), "a millisecond apart is another file");
        assertEquals(1, r.paths().deletedCount(), r.summary());
        assertEquals(1, r.paths().skippedCount(), r.summary());
        assertFalse(Files.exists(journal));
    }

    @Test
    void aJournalOfAReusedPidIsSweptWhileOneOfTheRunningProcessIsNot() throws Exception {
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            long start = alive.info().startInstant().orElseThrow().toEpochMilli();
            Path orphaned = Files.write(root.resolve("of-the-pids-earlier-owner"), bytes("x"));
            Path kept = Files.write(root.resolve("of-the-running-process"), bytes("y"));
            Path other = Files.createDirectory(tmp.resolve("root2"));
            Path keptToo = Files.write(other.resolve("z"), bytes("z"));
            // The same pid, started an hour earlier: a process that died, its pid since reused.
            JournalFixture.of(new ProcessIdentity(alive.pid(), start - 3_600_000), List.of(root)).register(orphaned)
                    .writeTo(journals);
            Path liveJournal = journals.resolve("journal-" + alive.pid() + "-" + start + "-1.tgj");
            Files.write(liveJournal, withTail(JournalFixture.of(new ProcessIdentity(alive.pid(), start),
                    List.of(root, other)).register(kept).register(keptToo).bytes()));

            SweepResult r = sweep();

            assertFalse(Files.exists(orphaned), "the earlier owner of the pid is dead: " + r.summary());
            assertTrue(Files.exists(kept), "pid and start time match a running process");
            assertTrue(Files.exists(liveJournal));
            assertEquals(1, r.journalsSwept(), r.summary());
            assertEquals(1, r.journalsLive(), r.summary());
        } finally {
            alive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeadJvmsJournalLockedByAnotherSweeperCountsAsBusyNotLive() throws Exception {
        Path listed = Files.write(root.resolve("being-swept"), bytes("x"));
        Path journal = JournalFixture.ofDeadProcess(List.of(root)).register(listed).writeTo(journals);
        try (FileChannel other = FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = other.lock()) {
            SweepResult r = sweep();
            assertEquals(1, r.journalsBusy(), r.summary());
            assertEquals(0, r.journalsLive(), r.summary());
            assertTrue(r.summary().contains("1 busy"), r.summary());
            assertTrue(Files.exists(listed), "the other sweeper's journal is not touched");
        }
    }

    // ------------------------------------------------------------------ hand-written journals

    private static FileIdentity identity(Path p) throws IOException {
        return FileIdentity.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long[] devIno(BasicFileAttributes attrs) {
        String key = attrs.fileKey().toString(); // (dev=fe00,ino=2146329)
        String dev = key.substring(key.indexOf("dev=") + 4, key.indexOf(','));
        String ino = key.substring(key.indexOf("ino=") + 4, key.indexOf(')'));
        return new long[] {Long.parseUnsignedLong(dev, 16), Long.parseLong(ino)};
    }

    /** A journal in the version-2 layout: roots by path only, birth times in epoch milliseconds. */
    private static byte[] version2Journal(ProcessIdentity owner, Path root, Object[][] entries) {
        byte[] rootBytes = bytes(root.toString());
        int headerLength = 4 + 2 + 4 + 8 + 8 + 8 + 2 + 2 + rootBytes.length + 4;
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        buf.put(bytes("TGJ1")).putShort((short) 2).putInt(headerLength).putLong(owner.pid())
                .putLong(owner.startMillis()).putLong(System.currentTimeMillis()).putShort((short) 1)
                .putShort((short) rootBytes.length).put(rootBytes);
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        int superblock = (headerLength + 7) & ~7;
        int logStart = superblock + 8;
        buf.putLong(superblock, ((long) logStart << 32) | (~logStart & 0xFFFFFFFFL));
        buf.position(logStart);
        for (Object[] e : entries) {
            byte[] path = bytes(e[0].toString());
            long[] id = (long[]) e[1];
            ByteBuffer payload = ByteBuffer.allocate(1 + 1 + 8 + 8 + 8 + 2 + path.length);
            payload.put((byte) 1).put((byte) 0).putLong(id[0]).putLong(id[1]).putLong((Long) e[2])
                    .putShort((short) path.length).put(path);
            crc.reset();
            crc.update(payload.array());
            buf.putInt(payload.capacity()).put(payload.array()).putInt((int) crc.getValue());
        }
        buf.putInt(0);
        byte[] out = new byte[buf.position() + 4096];
        System.arraycopy(buf.array(), 0, out, 0, buf.position());
        return out;
    }

    private static byte[] withTail(byte[] content) {
        byte[] out = new byte[content.length + 4096];
        System.arraycopy(content, 0, out, 0, content.length);
        return out;
    }
}
