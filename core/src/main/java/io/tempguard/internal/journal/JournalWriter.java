package io.tempguard.internal.journal;

import io.tempguard.internal.log.Logs;
import io.tempguard.internal.registry.Entry;
import io.tempguard.internal.RemovalBatch;
import io.tempguard.internal.registry.Registry;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps this process's journal: every path the registry starts or stops tracking is appended, in
 * the order it happened, to a file this process holds an exclusive lock on for its whole life. The
 * kernel drops the lock when the process dies, however it dies; a sweeper that can take the lock
 * knows the owner is gone and deletes what the journal still lists. The file I/O is
 * {@link JournalFile}'s; this class decides what is written where.
 *
 * <p>Cost on the host's path: one encoded record, written under a short lock with one positional
 * write (one system call into the page cache) before the creation returns; no fsync (the page cache
 * survives the death of the process). No memory mapping: a mapped file raises SIGBUS in the host
 * when someone truncates it. A removal is held back and written with the next record, so a host
 * that creates and deletes temp files in turn pays one write per pair, not two; the maintenance
 * pass writes what is still held back within {@link #CHECK_INTERVAL}. Holding a removal back is
 * safe: until it is written the journal lists a path that is gone, which a sweep finds gone or, if
 * the name was given to another file meanwhile, refuses by its identity. A registration is never
 * held back.
 *
 * <p>Compaction happens in place: the file has two log regions; when the active one fills, the
 * live entries are written into the other and one 8-byte write moves the log start there (see
 * {@link JournalFormat}). Creating and deleting files is what costs a host on a real disk (a
 * journaling file system with online discard made every compaction by rename cost milliseconds),
 * so a new file is written and renamed over the journal only when the live entries outgrow a region
 * or shrink far below it ({@link JournalRegions}: the file stays proportional to the live set),
 * after a failure, and at exit. The maintenance thread makes room once a quarter of the region is
 * left, so the host's thread rarely does. Space is zero-filled when a file is written, so a full
 * disk shows up while growing, not while appending.
 *
 * <p>If the journal cannot be written, the host is not affected: paths stay tracked in memory, one
 * WARN is logged for the episode, the log is emptied (so it can never list something stale) and
 * {@link #healthy()} turns false. {@link #check()}, run by the maintenance thread every
 * {@link #CHECK_INTERVAL}, also notices a journal file that was deleted, replaced or truncated under
 * it, and recovers with a fresh file that re-records the live set, retrying on every pass.
 */
public final class JournalWriter implements Registry.Listener, RemovalBatch.Deferring {
    private static final Logger LOG = Logs.get(JournalWriter.class);
    /** Size of each of the two log regions of a new journal, and the step their size grows in. */
    static final int INITIAL_REGION = 32 * 1024;
    /** How often the maintenance thread checks the journal file (one lstat, one fstat). */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private enum State { NOT_OPEN, OPEN, FAILED, CLOSED }

    private final Path dir;
    private final int instance;
    private final ProcessIdentity owner;
    private final List<Path> roots;
    private final Executor background;
    private volatile Path file;
    /** What the journal says is live (see {@link JournaledEntries}); changed under {@link #lock}. */
    private final JournaledEntries live = new JournaledEntries();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong errors = new AtomicLong();
    /** The header's length depends on the roots only: the same for every file of this writer. */
    private final int headerLength;
    /** The open journal file's log; null before opening, after a deleted or replaced file, after close. */
    private JournalLog log;
    /** Bytes the REGISTER records of live entries take: what a compacted journal would hold. */
    private long liveBytes;
    private volatile State state = State.NOT_OPEN;
    private volatile String status = "not open yet";
    /** Set at exit with shutdown cleanup off: only paths marked for deletion at exit are recorded. */
    private boolean onlyDeleteAtExit;
    /** The directory was refused (wrong owner, writable by others): retrying cannot help. */
    private volatile boolean refused;
    /** Whether the first path tracked before the journal opened opens it (see openAtFirstPath); under the lock. */
    private boolean openAtFirstPath;
    /** A grow-ahead is queued on the background executor. */
    private final AtomicBoolean makingRoomAhead = new AtomicBoolean();
    private final Runnable makeRoomAhead = new Runnable() {
        @Override
        public void run() {
            lock.lock();
            try {
                if (state == State.OPEN && log.lowOnRoom()) compact(liveBytes + 4); // sized for the live set only
            } catch (IOException | RuntimeException e) {
                fail("cannot grow", e);
            } finally {
                makingRoomAhead.set(false);
                lock.unlock();
            }
        }
    };

    /**
     * @param instance   this manager's number within the process (0 for the first); a taken name
     *                   (another copy of tempguard in the same JVM, e.g. the agent's beside the host's
     *                   library) moves it to the next free number
     * @param background runs the compaction ahead of need, so the host's thread rarely waits for it
     */
    public JournalWriter(Path dir, int instance, ProcessIdentity owner, List<Path> roots, Executor background) {
        this.dir = dir.toAbsolutePath().normalize();
        this.instance = instance;
        this.file = this.dir.resolve(fileName(owner, instance));
        this.owner = owner;
        this.roots = roots;
        this.background = background;
        this.headerLength = JournalFormat.header(owner, 0, roots).length;
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
        try {
            if (state != State.NOT_OPEN) return;
            try {
                JournalDirectory.prepare(dir);
            } catch (JournalDirectory.RefusedException e) {
                refuse(e.getMessage());
                return;
            }
            JournalFile fresh = JournalFile.create(firstFreeName());
            try {
                install(JournalLog.writeFresh(fresh, owner, roots, JournalRegions.forLive(liveBytes), 0, live));
            } catch (IOException | RuntimeException e) {
                fresh.deleteAndClose();
                throw e;
            }
            state = State.OPEN;
            LOG.debug("tempguard: journal {} open", file);
        } catch (IOException | RuntimeException e) {
            fail("cannot create it", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the first path tracked before {@link #open()} open the journal, on the thread that
     * tracks it, before that call returns: a kill right after the host's first temp file still
     * leaves it journaled, however late the journal was to open otherwise.
     */
    public void openAtFirstPath() {
        lock.lock();
        try {
            openAtFirstPath = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void attachedTo(Collection<Entry> entries) {
        live.readFrom(entries); // before any entry: the registry attaches its listener first
    }

    @Override
    public void added(Entry entry) {
        if (refused || state == State.CLOSED) return;
        lock.lock();
        try {
            if (refused || state == State.CLOSED) return;
            if (onlyDeleteAtExit && !entry.deleteAtExit()) return;
            byte[] path = entry.pathText().getBytes(StandardCharsets.UTF_8);
            if (path.length > JournalFormat.MAX_PATH_BYTES) return; // tracked in memory only
            int size = JournalFormat.recordSize(JournalFormat.registerPayloadLength(path));
            if (live.add(entry)) liveBytes += size;
            if (state != State.OPEN) { // open() or a recovery writes what is live
                if (state == State.NOT_OPEN && openAtFirstPath) {
                    openAtFirstPath = false;
                    open(); // writes this entry with the others: live holds it
                }
                return;
            }
            ensureRoom(size);
            log.appendRegister(path, entry.kind(), entry.identity());
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
            byte[] path = entry.pathText().getBytes(StandardCharsets.UTF_8);
            if (path.length > JournalFormat.MAX_PATH_BYTES) return;
            if (live.remove(entry)) {
                liveBytes -= JournalFormat.recordSize(JournalFormat.registerPayloadLength(path));
            } else if (onlyDeleteAtExit) {
                return; // not in the narrowed journal
            }
            if (state != State.OPEN) return;
            int size = JournalFormat.recordSize(JournalFormat.unregisterPayloadLength(path));
            ensureRoom(size);
            // Held back: written with the next record (the host's next creation: one write for both),
            // when a bulk cleanup's batch ends, or by the next maintenance pass, within a second.
            log.appendUnregisterDeferred(path);
            RemovalBatch batch = RemovalBatch.current();
            if (batch != null) batch.defer(this);
            askForRoomAheadIfLow();
        } catch (IOException | RuntimeException e) {
            fail("cannot append", e);
        } finally {
            lock.unlock();
        }
    }

    /** Writes the removal records a {@link RemovalBatch} held back. */
    @Override
    public void writeDeferred() {
        lock.lock();
        try {
            if (state == State.OPEN && log != null) log.flushPending();
        } catch (IOException | RuntimeException e) {
            fail("cannot append", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * At exit with shutdown cleanup off, before the paths the host handed to File.deleteOnExit are
     * deleted: from now on the journal lists only those ({@link Entry#deleteAtExit()}), so a sweep
     * after an exit cut short deletes nothing the host meant to keep. One file written and renamed
     * over the journal, so a crash sees either the old list or the new one.
     */
    public void keepOnlyDeleteAtExit() {
        lock.lock();
        try {
            if (state == State.CLOSED) return;
            onlyDeleteAtExit = true;
            List<Entry> notMarked = new java.util.ArrayList<>();
            for (Entry e : live) if (!e.deleteAtExit()) notMarked.add(e);
            for (Entry e : notMarked) {
                live.remove(e);
                liveBytes -= JournalFormat.recordSize(JournalFormat.registerPayloadLength(
                        e.pathText().getBytes(StandardCharsets.UTF_8)));
            }
            if (state == State.OPEN) replaceFile(JournalRegions.forLive(liveBytes + 4));
        } catch (IOException | RuntimeException e) {
            fail("cannot narrow to the File.deleteOnExit paths", e);
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
        try {
            if (state == State.CLOSED) return;
            if (state == State.OPEN && keepWhatIsStillTracked && !live.isEmpty()) {
                replaceFile(JournalRegions.forLive(liveBytes));
                LOG.info("tempguard: journal {} kept: it lists the paths that could not be deleted, for a later sweep", file);
            } else if (log != null) {
                log.file().deleteAndClose();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("tempguard: could not finish journal {}: {}", file, e.toString());
        } finally {
            state = State.CLOSED;
            status = "closed";
            if (log != null) log.file().close();
            log = null;
            lock.unlock();
        }
    }

    /**
     * One maintenance pass: writes the removals held back since the last write; recovers a failed
     * journal with a fresh file, or else fails the journal
     * if its file was deleted, replaced or truncated under it (to be recovered on the next pass, so
     * the failure shows in {@link #healthy()} for a pass). The host's calls wait for none of the
     * slow part: the new file is zero-filled (where a full disk fails it) without the lock.
     */
    public void check() {
        if (refused) return;
        if (state == State.FAILED) {
            recover();
            return;
        }
        lock.lock();
        try {
            if (state == State.OPEN) {
                try {
                    log.flushPending();
                } catch (IOException | RuntimeException e) {
                    fail("cannot append", e);
                    return;
                }
                String fault = log.fault();
                if (fault != null) {
                    fail(fault, null);
                    if (log.file().atPath() != JournalFile.AtPath.SAME_FILE) {
                        log.file().close(); // no longer under the journal's name: its lock protects nothing
                        log = null;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void recover() {
        Path target; int region;
        lock.lock();
        try {
            if (state != State.FAILED || refused) return;
            target = recoveryTarget();
            region = JournalRegions.forLive(liveBytes + INITIAL_REGION); // room for what comes meanwhile
        } catch (IOException | RuntimeException e) {
            stillFailing(e);
            return;
        } finally {
            lock.unlock();
        }
        JournalFile spare = null;
        long prepared = JournalRegions.fileSize(headerLength, region);
        try {
            JournalDirectory.prepare(dir); // someone may have removed the directory too
            spare = JournalFile.create(JournalFile.spareOf(target));
            spare.zeroFill(0, prepared); // without the lock: a full disk fails here, the host never waits
        } catch (IOException | RuntimeException e) {
            if (spare != null) spare.deleteAndClose();
            stillFailing(e);
            return;
        }
        lock.lock();
        try {
            if (state != State.FAILED) {
                spare.deleteAndClose();
                return;
            }
            region = Math.max(region, JournalRegions.forLive(liveBytes));
            JournalLog next = JournalLog.writeFresh(spare, owner, roots, region, prepared, live);
            if (JournalFile.exists(target) && (log == null || log.file().atPath() != JournalFile.AtPath.SAME_FILE)) {
                throw new IOException(target + " was taken by another file meanwhile");
            }
            spare.moveTo(target);
            if (log != null) log.file().close();
            install(next);
            state = State.OPEN;
            LOG.info("tempguard: journal {} works again ({} live paths recorded)", file, live.size());
        } catch (IOException | RuntimeException e) {
            spare.deleteAndClose();
            stillFailing(e);
        } finally {
            lock.unlock();
        }
    }

    private void stillFailing(Throwable e) { // already WARNed for this episode
        errors.incrementAndGet();
        LOG.debug("tempguard: journal {} still failing: {}", file, e.toString());
    }

    /** The own name while it still leads to the own file or nowhere, else the first free name. */
    private Path recoveryTarget() throws IOException {
        if (log != null && log.file().atPath() != JournalFile.AtPath.OTHER_FILE) return log.file().path();
        return firstFreeName();
    }

    private Path firstFreeName() throws IOException {
        for (int n = instance; n < instance + 100; n++) {
            Path candidate = dir.resolve(fileName(owner, n));
            if (!JournalFile.exists(candidate)) return candidate; // a race to it: create() refuses it
        }
        throw new IOException("no free journal name in " + dir);
    }

    /** After an append: once a quarter is left, the background thread makes room. */
    private void askForRoomAheadIfLow() {
        if (log.lowOnRoom() && makingRoomAhead.compareAndSet(false, true)) {
            try {
                background.execute(makeRoomAhead);
            } catch (RuntimeException rejected) {
                makingRoomAhead.set(false); // shutting down: the inline path still works
            }
        }
    }

    /** Room for {@code size} more bytes: compaction in place if the live entries fit, else a resized file. */
    private void ensureRoom(int size) throws IOException {
        if (!log.hasRoom(size)) compact(liveBytes + size + 4);
    }

    /** Compacts for {@code needed} bytes of records: in place while they fit the region, else into a resized file. */
    private void compact(long needed) throws IOException {
        if (JournalRegions.compactsInPlace(needed, log.regionSize())) {
            log.switchRegion(live);
        } else {
            replaceFile(JournalRegions.forLive(needed));
        }
    }

    /**
     * Writes the live entries into a new locked file with regions of {@code region} bytes and
     * renames it over the journal: for growing, shrinking and the last word at exit.
     */
    private void replaceFile(int region) throws IOException {
        JournalFile old = log.file();
        if (old.atPath() != JournalFile.AtPath.SAME_FILE) throw new IOException(old.fault(0));
        JournalFile fresh = JournalFile.create(JournalFile.spareOf(old.path()));
        try {
            JournalLog next = JournalLog.writeFresh(fresh, owner, roots, region, 0, live);
            // The new file is locked before it takes the journal's name: a sweeper never sees it unlocked.
            fresh.moveTo(old.path());
            old.close(); // the old inode: its lock goes with it
            install(next);
        } catch (IOException | RuntimeException e) {
            fresh.deleteAndClose();
            throw e;
        }
    }

    private void install(JournalLog fresh) {
        log = fresh;
        file = fresh.file().path();
        status = "open: " + file + " (" + fresh.fileSize() / 1024 + " KiB, two "
                + fresh.regionSize() / 1024 + " KiB regions)";
    }

    /** Fails the journal: one WARN for the episode (it ends when {@link #check()} recovers it). */
    private void fail(String what, Throwable e) {
        errors.incrementAndGet();
        if (state == State.FAILED) return;
        state = State.FAILED;
        String cause = e == null ? "" : " (" + e + ")";
        status = "failed: " + what + cause;
        LOG.warn("tempguard: journal {}: {}{}; temp paths stay tracked in memory and are still deleted at exit, "
                + "but would leak if this JVM were killed, until a fresh journal can be written", file, what, cause);
        // Never leave a stale list behind (it could name paths released since): empty the log. The
        // lock is kept, so no sweeper takes this journal for an orphan while the JVM lives.
        if (log != null) log.emptyQuietly();
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
}
