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
 * system call, no fsync (the page cache survives the death of the process).
 *
 * <p>Compaction happens in place: the file has two log regions; when the active one fills, the
 * live entries are written into the other and one 8-byte store moves the log start there (see
 * {@link JournalFormat}). Creating and deleting files is what costs a host on a real disk (a
 * journaling file system with online discard made every compaction by rename cost milliseconds),
 * so a new file is written and renamed over the journal only when the live entries outgrow a region
 * or shrink far below it, after a failure, and at exit. The maintenance thread makes room once a
 * quarter of the region is left, so the host's thread rarely does. Space is zero-filled before it
 * is mapped, so a full disk shows up as an error while growing, never as a SIGBUS.
 *
 * <p>If the journal cannot be written, the host is not affected: paths stay tracked in memory, a
 * WARN is logged once, the log is emptied (so it can never list something stale) and
 * {@link #healthy()} turns false; the maintenance thread retries with a fresh file.
 */
public final class JournalWriter implements Registry.Listener {
    private static final Logger LOG = Logs.get(JournalWriter.class);
    /** Size of each of the two log regions of a new journal. */
    static final int INITIAL_REGION = 32 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final byte[] ZEROS = new byte[4096];
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
    /** Size of each log region, and where the active one starts; the log ends at the map's position. */
    private int regionSize;
    private int activeStart;
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
                if (state == State.OPEN && lowOnRoom()) ensureRoom(regionSize / 4);
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
            int region = regionFor(liveBytes);
            install(fresh, freshLock, writeFresh(fresh, region), region);
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
                replaceFile(regionFor(liveBytes));
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
            replaceFile(regionFor(liveBytes));
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
        return activeStart + regionSize - map.position() < regionSize / 4;
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

    /**
     * Makes room for {@code size} more bytes (and the zero end mark) in the active region:
     * compacts in place when the live entries fit comfortably, else writes a journal with regions
     * sized for them. Runs on the caller's thread only when the background fell behind.
     */
    private void ensureRoom(int size) throws IOException {
        if (activeStart + regionSize - map.position() >= size + 4) return;
        boolean interrupted = Thread.interrupted();
        try {
            long needed = liveBytes + size + 4;
            boolean fitsInPlace = needed * 2 <= regionSize;
            boolean farTooBig = regionSize > INITIAL_REGION && needed * 8 < regionSize;
            if (fitsInPlace && !farTooBig) {
                switchRegion();
            } else {
                replaceFile(regionFor(needed));
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

    /** A region size that holds {@code bytes} four times over: room to log before the next compaction. */
    private static int regionFor(long bytes) throws IOException {
        long region = INITIAL_REGION;
        while (region < bytes * 4) region *= 2;
        if (region > Integer.MAX_VALUE / 4) throw new IOException("journal would exceed its size limit");
        return (int) region;
    }

    /**
     * In-place compaction: clears the inactive region, writes the live entries into it, then makes
     * it the log with one 8-byte store into the superblock. A kill before that store leaves the old
     * log in force, after it the new one: never a mix.
     */
    private void switchRegion() {
        int first = JournalFormat.firstRegion(headerLength);
        int other = activeStart == first ? first + regionSize : first;
        ByteBuffer target = map.duplicate();
        target.position(other).limit(other + regionSize);
        while (target.hasRemaining()) target.put(ZEROS, 0, Math.min(ZEROS.length, target.remaining()));
        target.position(other);
        for (Entry e : live.values()) {
            JournalFormat.putRegister(target, JournalFormat.pathBytes(e.path()), e.kind(), e.identity(), crc);
        }
        map.putLong(JournalFormat.superblockOffset(headerLength), JournalFormat.superblock(other));
        activeStart = other;
        map.position(target.position());
    }

    /**
     * Writes the live entries into a new locked file with regions of {@code region} bytes and
     * renames it over the journal: for growing, shrinking, recovering and the last word at exit.
     */
    private void replaceFile(int region) throws IOException {
        Path next = dir.resolve(file.getFileName() + ".compact");
        OwnOperations.enter();
        try {
            Files.deleteIfExists(next);
            FileChannel fresh = create(next);
            FileLock freshLock = lockOrClose(fresh);
            int position;
            try {
                position = writeFresh(fresh, region);
                // The new file is locked before it takes the journal's name: a sweeper never sees it unlocked.
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                fresh.close();
                Files.deleteIfExists(next);
                throw e;
            }
            closeChannel(); // the old inode: its lock goes with it
            install(fresh, freshLock, position, region);
        } finally {
            OwnOperations.exit();
        }
    }

    /**
     * Writes header, superblock and live entries through {@code target}, zero-filling the rest of
     * two regions of {@code region} bytes; returns the end of the log.
     */
    private int writeFresh(FileChannel target, int region) throws IOException {
        byte[] header = JournalFormat.header(owner, System.currentTimeMillis(), roots);
        int superblock = JournalFormat.superblockOffset(header.length);
        int first = JournalFormat.firstRegion(header.length);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        chunk.put(header);
        while (chunk.position() < superblock) chunk.put((byte) 0);
        chunk.putLong(JournalFormat.superblock(first));
        long position = 0;
        long bytesOfLive = 0;
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
        if (position + 4 > first + (long) region) throw new IOException("live entries do not fit the new region");
        zeroFill(target, position, first + 2L * region);
        headerLength = header.length;
        liveBytes = bytesOfLive;
        return (int) position;
    }

    private void install(FileChannel fresh, FileLock freshLock, int position, int region) throws IOException {
        channel = fresh;
        fileLock = freshLock;
        regionSize = region;
        activeStart = JournalFormat.firstRegion(headerLength);
        map = fresh.map(FileChannel.MapMode.READ_WRITE, 0, fresh.size());
        map.position(position);
        refreshStatus();
    }

    private void refreshStatus() {
        status = "open: " + file + " (" + map.capacity() / 1024 + " KiB, two " + regionSize / 1024 + " KiB regions)";
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
        // Never leave a stale list behind (it could name paths released since): empty the log. The
        // lock is kept, so no sweeper takes this journal for an orphan while the JVM lives. (If an
        // interrupt closed the channel, the lock is gone; the sweeper's second check, pid and start
        // time, still sees this JVM alive, and the retry replaces the file with a locked one.)
        try {
            if (map != null) {
                map.putInt(activeStart, 0);
            } else if (channel != null && headerLength > 0) {
                try (FileChannel again = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    again.write(ByteBuffer.allocate(4), activeStart);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an empty log is the goal; if even that fails, the lock still protects the journal
        }
        map = null;
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
