package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.SweepResult;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.sweep.OrphanSweeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 4: reading and sweeping a journal takes memory bounded independently of the
 * file's size. A JVM with a 32 MB heap sweeps a 300 MB journal of churn and a 1.9 GB sparse one
 * (the old reader allocated the whole file and died of OutOfMemoryError); a file too large for a
 * journal, or whose header claims absurd sizes, is set aside as corrupt without being read.
 */
@Timeout(180)
class JournalBigFileTest {
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

    @Test
    void aSmallHeapSweepsAJournalOfHundredsOfMegabytesOfChurn() throws Exception {
        List<Path> live = liveFiles(5);
        JournalFixture fixture = JournalFixture.ofDeadProcess(List.of(root));
        Path journal = journals.resolve(JournalWriter.fileName(fixture.owner(), 0));
        try (FileChannel out = FileChannel.open(journal, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            buf.put(headerAndSuperblock(fixture.owner()));
            CRC32 crc = new CRC32();
            String padding = "x".repeat(120);
            FileIdentity someone = new FileIdentity(1, 2, 3);
            for (int i = 0; out.size() < 300L * 1024 * 1024; i++) {
                byte[] path = JournalFormat.pathBytes(root.resolve("churn-" + i + "-" + padding));
                JournalFormat.putRegister(buf, path, PathKind.FILE, someone, crc);
                JournalFormat.putUnregister(buf, path, crc);
                if (buf.remaining() < 1024) flush(out, buf);
            }
            for (Path p : live) {
                JournalFormat.putRegister(buf, JournalFormat.pathBytes(p), PathKind.FILE, identity(p), crc);
            }
            buf.putInt(0);
            flush(out, buf);
        }

        String result = sweepInSmallHeap();

        assertTrue(result.contains("swept=1 setAside=0 deleted=5 failed=0 problems=[]"), result);
        for (Path p : live) assertFalse(Files.exists(p), p + " is swept");
        assertFalse(Files.exists(journal), "the swept journal is removed");
    }

    @Test
    void aSmallHeapSweepsASparseJournalOfNearlyTwoGigabytes() throws Exception {
        List<Path> live = liveFiles(3);
        JournalFixture fixture = JournalFixture.ofDeadProcess(List.of(root));
        for (Path p : live) fixture.register(p);
        Path journal = fixture.writeTo(journals);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(1900L * 1024 * 1024); // a hole: zeros, taking no disk
        }

        String result = sweepInSmallHeap();

        assertTrue(result.contains("swept=1 setAside=0 deleted=3 failed=0 problems=[]"), result);
        for (Path p : live) assertFalse(Files.exists(p), p + " is swept");
        assertFalse(Files.exists(journal));
    }

    @Test
    void aSparseFileLargerThanAnyJournalIsSetAsideUnread() throws Exception {
        Path listed = liveFiles(1).get(0);
        JournalFixture fixture = JournalFixture.ofDeadProcess(List.of(root)).register(listed);
        Path journal = fixture.writeTo(journals);
        try (RandomAccessFile f = new RandomAccessFile(journal.toFile(), "rw")) {
            f.setLength(10L * 1024 * 1024 * 1024);
        }

        SweepResult r = new OrphanSweeper(journals, ProcessIdentity.current(), false).sweep();

        assertEquals(1, r.journalsSetAside(), r.summary());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains("file too large (10737418240 bytes"), r.problems().get(0));
        assertTrue(Files.exists(listed), "nothing is deleted on the word of such a file");
        assertTrue(Files.exists(journals.resolve(journal.getFileName() + ".corrupt")));
    }

    @Test
    void aHeaderClaimingAbsurdSizesIsSetAside() throws Exception {
        Path listed = liveFiles(1).get(0);
        JournalFixture fixture = JournalFixture.ofDeadProcess(List.of(root)).register(listed);
        byte[] absurdHeader = fixture.bytes();
        ByteBuffer.wrap(absurdHeader).putInt(6, Integer.MAX_VALUE); // header length 2 GiB
        Path first = journals.resolve(JournalWriter.fileName(fixture.owner(), 0));
        Files.write(first, absurdHeader);
        byte[] absurdLogStart = fixture.bytes();
        int superblock = JournalFormat.superblockOffset(ByteBuffer.wrap(absurdLogStart).getInt(6));
        ByteBuffer.wrap(absurdLogStart).putLong(superblock, JournalFormat.superblock(Integer.MAX_VALUE - 7));
        Path second = journals.resolve(JournalWriter.fileName(fixture.owner(), 1));
        Files.write(second, absurdLogStart);

        SweepResult r = new OrphanSweeper(journals, ProcessIdentity.current(), false).sweep();

        assertEquals(2, r.journalsSetAside(), r.summary());
        String problems = r.problems().toString();
        assertTrue(problems.contains("bad header length 2147483647"), problems);
        assertTrue(problems.contains("bad superblock"), problems);
        assertTrue(Files.exists(listed));
    }

    private List<Path> liveFiles(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) files.add(Files.write(root.resolve("live-" + i), new byte[] {1}));
        return files;
    }

    private byte[] headerAndSuperblock(ProcessIdentity owner) {
        byte[] header = JournalFormat.header(owner, System.currentTimeMillis(), List.of(root));
        ByteBuffer b = ByteBuffer.allocate(JournalFormat.firstRegion(header.length));
        b.put(header);
        b.putLong(JournalFormat.superblockOffset(header.length), JournalFormat.superblock(b.capacity()));
        return b.array();
    }

    private static FileIdentity identity(Path p) throws IOException {
        return FileIdentity.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    private static void flush(FileChannel out, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) out.write(buf);
        buf.clear();
    }

    /** Runs {@link SweepMain} in a JVM with a 32 MB heap; returns its output, failing on a non-zero exit. */
    private String sweepInSmallHeap() throws Exception {
        Path output = tmp.resolve("sweep-output.txt");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + tmp,
                SweepMain.class.getName(), journals.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the sweeping JVM finishes");
        String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "exit code of the sweeping JVM (-Xmx32m):\n" + text);
        return text;
    }
}
