package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes journals the way a JVM that then died would have left them, for sweeper and reader tests:
 * no lock is held, and the owner can be a process that no longer runs.
 */
public final class JournalFixture {
    private final ProcessIdentity owner;
    private final List<Path> roots;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    private final CRC32 crc = new CRC32();
    private final List<Integer> recordStarts = new ArrayList<>();

    private JournalFixture(ProcessIdentity owner, List<Path> roots) {
        this.owner = owner;
        this.roots = roots;
        byte[] header = JournalFormat.header(owner, System.currentTimeMillis(), roots);
        buf.put(header);
        while (buf.position() < JournalFormat.superblockOffset(header.length)) buf.put((byte) 0);
        buf.putLong(JournalFormat.superblock(JournalFormat.firstRegion(header.length)));
    }

    /** A journal of a process that has exited (a real pid that no longer runs). */
    public static JournalFixture ofDeadProcess(List<Path> roots) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        long start = p.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
        p.waitFor();
        return new JournalFixture(new ProcessIdentity(p.pid(), start), roots);
    }

    public static JournalFixture of(ProcessIdentity owner, List<Path> roots) {
        return new JournalFixture(owner, roots);
    }

    public ProcessIdentity owner() {
        return owner;
    }

    /** Records {@code path} as registered, with the identity it has on disk now. */
    public JournalFixture register(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return register(path, a.isDirectory() ? PathKind.DIRECTORY : PathKind.FILE, FileIdentity.of(a));
    }

    public JournalFixture register(Path path, PathKind kind, FileIdentity identity) {
        recordStarts.add(buf.position());
        JournalFormat.putRegister(buf, JournalFormat.pathBytes(path), kind, identity, crc);
        return this;
    }

    public JournalFixture unregister(Path path) {
        recordStarts.add(buf.position());
        JournalFormat.putUnregister(buf, JournalFormat.pathBytes(path), crc);
        return this;
    }

    /** The bytes written so far (no end marker: like a file whose zero-filled tail was cut). */
    public byte[] bytes() {
        byte[] out = new byte[buf.position()];
        System.arraycopy(buf.array(), 0, out, 0, out.length);
        return out;
    }

    /** Offset at which record {@code index} (0-based) starts. */
    public int recordStart(int index) {
        return recordStarts.get(index);
    }

    /** Writes the journal into {@code dir} under the name its owner's writer would use; returns the file. */
    public Path writeTo(Path dir) throws IOException {
        Path file = dir.resolve(JournalWriter.fileName(owner, 0));
        byte[] content = bytes();
        byte[] withTail = new byte[content.length + 4096]; // a zero-filled tail, like the real writer's
        System.arraycopy(content, 0, withTail, 0, content.length);
        Files.write(file, withTail);
        return file;
    }
}
