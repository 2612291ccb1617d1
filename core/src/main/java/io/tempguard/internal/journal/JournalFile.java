package io.tempguard.internal.journal;

import io.tempguard.internal.OwnOperations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * One journal file this process created and holds the exclusive lock on: all of the writer's file
 * I/O. It is created owner-only and never over an existing file, locked at once, written only with
 * positional writes (never through a memory mapping: a mapping raises SIGBUS in the host when
 * someone truncates the file), renamed atomically, and deleted only while its name still leads to it.
 *
 * <p>Channel I/O runs on the host's threads, and a FileChannel closes itself (dropping this
 * process's lock) when its thread is interrupted. The host's interrupt flag is the host's business:
 * every channel call goes through {@link #uninterrupted}, which clears it for the call and sets it again.
 */
final class JournalFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int ZERO_CHUNK = 64 * 1024;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK).asReadOnlyBuffer();

    /** What lies at the journal's path now, compared with the file this object holds. */
    enum AtPath { SAME_FILE, MISSING, OTHER_FILE }

    private Path path;
    private final FileChannel channel;
    private final Object identity;

    private JournalFile(Path path, FileChannel channel, Object identity) {
        this.path = path;
        this.channel = channel;
        this.identity = identity;
    }

    /**
     * Creates {@code path} (which must not exist), owner-only, and takes the exclusive lock on it.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the name is taken
     */
    static JournalFile create(Path path) throws IOException {
        return uninterrupted(new Io<JournalFile>() {
            @Override
            public JournalFile run() throws IOException {
                FileChannel channel = open(path);
                try {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        throw new IOException("another process holds the lock on a journal file this process just created");
                    }
                    return new JournalFile(path, channel, identityAt(path));
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    deleteQuietly(path);
                    throw e;
                }
            }
        });
    }

    Path path() { return path; }

    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException {
        uninterrupted(new Io<Void>() {
            @Override
            public Void run() throws IOException {
                long at = position;
                while (src.hasRemaining()) at += channel.write(src, at);
                return null;
            }
        });
    }

    /** Reads into {@code dst} from {@code position}, until it is full or the file ends. */
    void read(ByteBuffer dst, long position) throws IOException {
        uninterrupted(new Io<Void>() {
            @Override
            public Void run() throws IOException {
                long at = position;
                while (dst.hasRemaining()) {
                    int n = channel.read(dst, at);
                    if (n < 0) break;
                    at += n;
                }
                return null;
            }
        });
    }

    /** Writes real zeros (not a sparse extension) from {@code from} to {@code to}, so the blocks exist. */
    void zeroFill(long from, long to) throws IOException {
        uninterrupted(new Io<Void>() {
            @Override
            public Void run() throws IOException {
                ByteBuffer zeros = ZEROS.duplicate();
                long at = from;
                while (at < to) {
                    zeros.clear().limit((int) Math.min(ZERO_CHUNK, to - at));
                    while (zeros.hasRemaining()) at += channel.write(zeros, at);
                }
                return null;
            }
        });
    }

    /**
     * Why this file is no longer a journal that works, or null: its name leads elsewhere or nowhere,
     * or it is shorter than {@code expectedSize} (truncated). One lstat and one fstat.
     */
    String fault(long expectedSize) {
        AtPath at = atPath();
        if (at == AtPath.MISSING) return "the file was deleted";
        if (at == AtPath.OTHER_FILE) return "the file was replaced by another file";
        try {
            long size = uninterrupted(new Io<Long>() {
                @Override
                public Long run() throws IOException {
                    return channel.size();
                }
            });
            return size < expectedSize ? "the file was truncated to " + size + " bytes" : null;
        } catch (IOException e) {
            return "the file cannot be read (" + e + ")";
        }
    }

    /** What lies at this file's path now. */
    AtPath atPath() {
        try {
            Object now = identityAt(path); // a file system without file keys: only missing can be told
            return identity == null || identity.equals(now) ? AtPath.SAME_FILE : AtPath.OTHER_FILE;
        } catch (NoSuchFileException gone) {
            return AtPath.MISSING;
        } catch (IOException unreadable) {
            return AtPath.OTHER_FILE;
        }
    }

    /** Renames this file to {@code target} atomically, replacing whatever is there. */
    void moveTo(Path target) throws IOException {
        OwnOperations.enter();
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            path = target;
        } finally {
            OwnOperations.exit();
        }
    }

    /** Deletes the file if its name still leads to it (never someone else's file), then closes it. */
    void deleteAndClose() {
        if (atPath() == AtPath.SAME_FILE) deleteQuietly(path);
        close();
    }

    /** Closes the channel, which releases the lock. */
    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /**
     * The name a replacement for the journal at {@code journal} is written under before it is
     * renamed over it; a leftover there (a replacement this process did not finish) is removed.
     */
    static Path spareOf(Path journal) throws IOException {
        Path spare = journal.resolveSibling(journal.getFileName() + JournalFormat.COMPACT_SUFFIX);
        deleteLeftover(spare);
        return spare;
    }

    private static void deleteLeftover(Path path) throws IOException {
        OwnOperations.enter();
        try {
            Files.deleteIfExists(path);
        } finally {
            OwnOperations.exit();
        }
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static FileChannel open(Path path) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        OwnOperations.enter();
        try {
            return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(path, options);
        } finally {
            OwnOperations.exit();
        }
    }

    /** The file system's key (device and inode) of what {@code path} names, without following a link. */
    private static Object identityAt(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteLeftover(path);
        } catch (IOException ignored) {
            // a leftover name; the next replacement removes it first
        }
    }

    /** A piece of channel I/O, run by {@link #uninterrupted}. */
    private interface Io<T> {
        T run() throws IOException;
    }

    /** The one place channel I/O happens: with the host's interrupt flag cleared, and set again after. */
    private static <T> T uninterrupted(Io<T> io) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return io.run();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
