package io.tempguard.internal.journal;

import io.tempguard.internal.OwnOperations;
import io.tempguard.internal.log.Logs;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.registry.Registry;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * Keeps this process's journal: every path the registry starts or stops tracking is appended, in
 * the order it happened, to a memory-mapped file this process holds an exclusive lock on for its
 * whole life. The kernel drops the lock when the process dies, however it dies; a sweeper that can
 * take the lock knows the owner is gone and deletes what the journal still lists.
 *
 * <p>Cost on the host's path: one encoded record copied into the mapping under a short lock; no
 * system call, no fsync (the page cache survives the death of the process). Space is zero-filled
 * ahead of use, so a full disk shows up as an error while growing, never as a SIGBUS.
 *
 * <p>When the log outgrows twice its live content it is compacted: the live entries are written to
 * a new locked file that atomically replaces the old one. If the journal cannot be written, the
 * host is not affected: paths stay tracked in memory, a WARN is logged once, the journal is cut
 * back to its header (so it can never list something stale) and {@link #healthy()} turns false.
 */
public final class JournalWriter implements Registry.Listener {
    private static final Logger LOG = Logs.get(JournalWriter.class);
    static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private enum State { NOT_OPEN, OPEN, FAILED, CLOSED }

    private final Path dir;
    private final int instance;
    private volatile Path file;
    private final ProcessIdentity owner;
    private final List<Path> roots;
    private final Executor background;
    /**
     * What the journal says is live, changed under {@link #lock} in exactly the order records are
     * appended. Compaction writes this set, never the registry: the registry tells its listener
     * before its own map changes, so a snapshot of it could list a path whose removal record was
     * already written, and a crash would then let a sweep delete a path the host had kept.
     */
    private final Map<Path, Entry> live = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final CRC32 crc = new CRC32();
    private final AtomicLong errors = new AtomicLong();

    private FileChannel channel;
    private FileLock fileLock;
    private MappedByteBuffer map;
    private int headerLength;
    /** Bytes the REGISTER records of live entries take: what a compacted journal would hold. */
    private long liveBytes;
    private volatile State state = State.NOT_OPEN;
    private volatile String status = "not open yet";
    /** The directory was refused (wrong owner, writable by others): retrying cannot help. */
    private volatile boolean refused;
    /** The one WARN about a failing journal has been logged. */
    private boolean warned;
    /** A grow-ahead is queued on the background executor. */
    private final AtomicBoolean makingRoomAhead = new AtomicBoolean();
    private final Runnable makeRoomAhead = new Runnable() {
        @Override
        public void run() {
            lock.lock();
            try {
                if (state == State.OPEN && lowOnRoom()) ensureRoom(map.capacity() / 4);
            } catch (IOException | RuntimeException e) {
                fail("cannot grow", e);
            } finally {
                makingRoomAhead.set(false);
                lock.unlock();
            }
        }
    };

    /**
     * @param instance this manager's number within the process (0 for the first); a taken name
     *                 (another copy of tempguard in the same JVM, e.g. the agent's beside the host's
     *                 library) moves it to the next free number
     */
    /**
     * @param background runs the zero-filling ahead of need, so the host's thread rarely waits for it
     */
    public JournalWriter(Path dir, int instance, ProcessIdentity owner, List<Path> roots, Executor background) {
        this.dir = dir.toAbsolutePath().normalize();
        this.instance = instance;
        this.file = this.dir.resolve(fileName(owner, instance));
        this.owner = owner;
        this.roots = roots;
        this.background = background;
    }

    /** The journal's file name for a process (and, for all but its first manager, an instance number). */
    public static String fileName(ProcessIdentity owner, int instance) {
        return JournalFormat.PREFIX + owner.fileStem() + (instance == 0 ? "" : "-" + instance) + JournalFormat.SUFFIX;
    }

    public Path file() { return file; }

    /** True while records are being written; false before opening, after a failure, and after close. */
    public boolean healthy() { return state == State.OPEN; }

    public long errorCount() { return errors.get(); }

    /** One line: where the journal is and its state, or why it is off. */
    public String status() { return status; }

    /**
     * Creates and locks the journal and writes every path tracked so far (the registry told this
     * writer of them even before it opened), so registrations made before it was ready are not missed.
     */
    public void open() {
        lock.lock();
        boolean interrupted = Thread.interrupted();
        try {
            if (state != State.NOT_OPEN) return;
            try {
                JournalDirectory.prepare(dir);
            } catch (JournalDirectory.RefusedException e) {
                refuse(e.getMessage());
                return;
            }
            FileChannel fresh = createFirstFree();
            FileLock freshLock = lockOrClose(fresh);
            install(fresh, freshLock, writeSnapshot(fresh));
            state = State.OPEN;
            LOG.debug("tempguard: journal {} open", file);
        } catch (IOException | RuntimeException e) {
            fail("cannot create it", e);
        } finally {
            restoreInterrupt(interrupted);
            lock.unlock();
        }
    }

    @Override
    public void added(Entry entry) {
        if (refused || state == State.CLOSED) return;
        lock.lock();
        try {
            if (refused || state == State.CLOSED) return;
            byte[] path = JournalFormat.pathBytes(entry.path());
            if (path.length > JournalFormat.MAX_PATH_BYTES) return; // tracked in memory only
            int size = JournalFormat.recordSize(JournalFormat.registerPayloadLength(path));
            if (live.put(entry.path(), entry) == null) liveBytes += size;
            if (state != State.OPEN) return; // open() or a retry writes what is live
            ensureRoom(size);
            JournalFormat.putRegister(map, path, entry.kind(), entry.identity(), crc);
            askForRoomAheadIfLow();
        } catch (IOException | RuntimeException e) {
            fail("cannot append", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void removed(Entry entry) {
        if (refused || state == State.CLOSED) return;
        lock.lock();
        try {
            if (refused || state == State.CLOSED) return;
            byte[] path = JournalFormat.pathBytes(entry.path());
            if (path.length > JournalFormat.MAX_PATH_BYTES) return;
            if (live.remove(entry.path()) != null) {
                liveBytes -= JournalFormat.recordSize(JournalFormat.registerPayloadLength(path));
            }
            if (state != State.OPEN) return;
            ensureRoom(JournalFormat.recordSize(JournalFormat.unregisterPayloadLength(path)));
            JournalFormat.putUnregister(map, path, crc);
            askForRoomAheadIfLow();
        } catch (IOException | RuntimeException e) {
            fail("cannot append", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * At clean shutdown, after cleanup: deletes the journal when nothing stays tracked (or when the
     * tracked paths are meant to stay), otherwise compacts it to what is left, so a later sweep
     * retries exactly those. Then releases the lock.
     */
    public void finish(boolean keepWhatIsStillTracked) {
        lock.lock();
        OwnOperations.enter();
        boolean interrupted = Thread.interrupted();
        try {
            if (state == State.CLOSED) return;
            boolean wasOpen = state == State.OPEN;
            if (wasOpen && keepWhatIsStillTracked && !live.isEmpty()) {
                compact();
                LOG.info("tempguard: journal {} kept: it lists the paths that could not be deleted, for a later sweep", file);
            } else if (channel != null) {
                Files.deleteIfExists(file);
            }
            state = State.CLOSED;
            status = "closed";
        } catch (IOException | RuntimeException e) {
            LOG.warn("tempguard: could not finish journal {}: {}", file, e.toString());
        } finally {
            closeChannel();
            restoreInterrupt(interrupted);
            OwnOperations.exit();
            lock.unlock();
        }
    }

    /** After a failure (a full disk, say): tries once more with a fresh, compacted journal. */
    public void retryIfFailed() {
        if (state != State.FAILED || refused) return;
        lock.lock();
        boolean interrupted = Thread.interrupted();
        try {
            if (state != State.FAILED) return;
            if (channel == null) { // failed while creating it: start over
                state = State.NOT_OPEN;
                open();
                if (state == State.OPEN) LOG.info("tempguard: journal {} works again", file);
                return;
            }
            compact();
            state = State.OPEN;
            LOG.info("tempguard: journal {} works again", file);
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            LOG.debug("tempguard: journal {} still failing: {}", file, e.toString());
        } finally {
            restoreInterrupt(interrupted);
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- internals (under lock)

    private boolean lowOnRoom() {
        return map.remaining() < map.capacity() / 4;
    }

    /** Under the lock, after an append: once a quarter is left, the background thread makes room. */
    private void askForRoomAheadIfLow() {
        if (lowOnRoom() && makingRoomAhead.compareAndSet(false, true)) {
            try {
                background.execute(makeRoomAhead);
            } catch (RuntimeException rejected) {
                makingRoomAhead.set(false); // shutting down: the inline path still works
            }
        }
    }

    /** Compacts or grows until {@code size} more bytes fit; inline on the caller's thread only if the background fell behind. */
    private void ensureRoom(int size) throws IOException {
        // Keep four zero bytes after the last record: the reader's end-of-log mark.
        if (map.remaining() >= size + 4) return;
        boolean interrupted = Thread.interrupted();
        try {
            long compacted = headerLength + liveBytes + size + 4;
            if (compacted * 2 <= map.capacity()) {
                compact();
            }
            if (map.remaining() < size + 4) {
                grow((long) map.capacity() * 2 + size);
            }
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /**
     * Channel I/O runs on the host's threads, and a FileChannel closes itself (dropping this
     * process's lock on the journal) when its thread is interrupted. The host's interrupt flag is
     * the host's business: it is cleared for the I/O ({@link Thread#interrupted()}) and set again here.
     */
    private static void restoreInterrupt(boolean wasInterrupted) {
        if (wasInterrupted) Thread.currentThread().interrupt();
    }

    /** Writes the live entries to a new locked file that replaces the journal atomically. */
    private void compact() throws IOException {
        Path next = dir.resolve(file.getFileName() + ".compact");
        OwnOperations.enter();
        try {
            Files.deleteIfExists(next);
            FileChannel fresh = create(next);
            FileLock freshLock = lockOrClose(fresh);
            int position;
            try {
                position = writeSnapshot(fresh);
                // The new file is locked before it takes the journal's name: a sweeper never sees it unlocked.
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                fresh.close();
                Files.deleteIfExists(next);
                throw e;
            }
            closeChannel(); // the old inode: its lock goes with it
            install(fresh, freshLock, position);
        } finally {
            OwnOperations.exit();
        }
    }

    /** Writes header and live entries through {@code target} and zero-fills spare room; returns the end of the log. */
    private int writeSnapshot(FileChannel target) throws IOException {
        byte[] header = JournalFormat.header(owner, System.currentTimeMillis(), roots);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long position = 0;
        long bytesOfLive = 0;
        chunk.put(header);
        for (Entry e : live.values()) {
            byte[] path = JournalFormat.pathBytes(e.path());
            if (path.length > JournalFormat.MAX_PATH_BYTES) continue;
            int size = JournalFormat.recordSize(JournalFormat.registerPayloadLength(path));
            if (chunk.remaining() < size) {
                position += flush(target, chunk, position);
                if (chunk.capacity() < size) chunk = ByteBuffer.allocate(size);
            }
            JournalFormat.putRegister(chunk, path, e.kind(), e.identity(), crc);
            bytesOfLive += size;
        }
        position += flush(target, chunk, position);
        if (position > Integer.MAX_VALUE / 4) throw new IOException("journal would exceed its size limit");
        long capacity = Math.max(INITIAL_CAPACITY, Integer.highestOneBit((int) position) * 4L);
        zeroFill(target, position, capacity);
        headerLength = header.length;
        liveBytes = bytesOfLive;
        return (int) position;
    }

    private void grow(long wanted) throws IOException {
        if (wanted > Integer.MAX_VALUE) throw new IOException("journal would exceed its size limit");
        long capacity = Math.max(wanted, INITIAL_CAPACITY);
        int position = map.position();
        zeroFill(channel, map.capacity(), capacity);
        map = channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity);
        map.position(position);
        refreshStatus();
    }

    private void install(FileChannel fresh, FileLock freshLock, int position) throws IOException {
        channel = fresh;
        fileLock = freshLock;
        map = fresh.map(FileChannel.MapMode.READ_WRITE, 0, fresh.size());
        map.position(position);
        refreshStatus();
    }

    private void refreshStatus() {
        status = "open: " + file + " (" + map.capacity() / 1024 + " KiB)";
    }

    private static long flush(FileChannel target, ByteBuffer chunk, long position) throws IOException {
        chunk.flip();
        long written = 0;
        while (chunk.hasRemaining()) written += target.write(chunk, position + written);
        chunk.clear();
        return written;
    }

    /** Writes real zeros (not a sparse extension) so the blocks exist before they are mapped. */
    private static void zeroFill(FileChannel target, long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
        long position = from;
        while (position < to) {
            zeros.clear();
            zeros.limit((int) Math.min(CHUNK, to - position));
            while (zeros.hasRemaining()) position += target.write(zeros, position);
        }
    }

    private FileChannel createFirstFree() throws IOException {
        for (int n = instance; ; n++) {
            Path candidate = dir.resolve(fileName(owner, n));
            try {
                FileChannel channel = create(candidate);
                file = candidate;
                return channel;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (n - instance >= 100) throw taken;
            }
        }
    }

    /** A new journal file, readable and writable by its owner only (it lists the host's paths). */
    private static FileChannel create(Path path) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(path, options);
        }
    }

    private static FileLock lockOrClose(FileChannel channel) throws IOException {
        FileLock l;
        try {
            l = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (l == null) {
            channel.close();
            throw new IOException("another process holds the lock on a journal file this process just created");
        }
        return l;
    }

    private void fail(String what, Throwable e) {
        errors.incrementAndGet();
        if (state == State.FAILED) return;
        state = State.FAILED;
        status = "failed: " + what + " (" + e + ")";
        if (warned) return;
        warned = true;
        LOG.warn("tempguard: journal {}: {} ({}); temp paths stay tracked in memory and are still deleted at exit, "
                + "but would leak if this JVM were killed", file, what, e.toString());
        // Never leave a stale list behind (it could name paths released since): cut the log back to its header.
        // The lock is kept, so no sweeper takes this journal for an orphan while the JVM lives. (If an
        // interrupt closed the channel, the lock is gone; the sweeper's second check, pid and start
        // time, still sees this JVM alive, and the next retry replaces the file with a locked one.)
        if (channel != null && headerLength > 0) {
            map = null;
            try {
                if (channel.isOpen()) {
                    channel.truncate(headerLength);
                } else {
                    try (FileChannel again = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        again.truncate(headerLength);
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // a header-only journal is the goal; if even truncating fails, the lock still protects it
            }
        }
    }

    private void refuse(String why) {
        errors.incrementAndGet();
        refused = true;
        live.clear(); // nothing will ever be written: keep no copy
        state = State.FAILED;
        status = "off: " + why;
        LOG.warn("tempguard: journal off: {}; temp paths are still tracked and deleted at exit, "
                + "but would leak if this JVM were killed", why);
    }

    private void closeChannel() {
        if (channel == null) return;
        try {
            channel.close(); // releases the lock too
        } catch (IOException ignored) {
            // nothing left to do with it
        }
        channel = null;
        fileLock = null;
        map = null;
    }
}
