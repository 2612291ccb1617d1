package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;
import io.tempguard.internal.registry.Entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The log inside one journal file: where its two regions lie, which one is active, where the log
 * ends. It encodes records with {@link JournalFormat} into reusable direct buffers and writes them
 * with positional writes; whoever holds it serialises the calls (the writer's lock).
 */
final class JournalLog {
    private static final int CHUNK = 64 * 1024;

    private final JournalFile file;
    private final int headerLength;
    private final int regionSize;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
    private ByteBuffer record = ByteBuffer.allocateDirect(1024);
    /**
     * UNREGISTER records appended but not yet written, which belong at {@link #pendingStart}
     * ({@link #end} already counts them). The next record is written with them in one write, and
     * any other write first writes these, so the order on disk is the order of the calls.
     */
    private final ByteBuffer pending = ByteBuffer.allocateDirect(CHUNK);
    private long pendingStart;
    private int activeStart;
    private long end;
    /** Up to where the inactive region holds old records: what the next switch must zero. */
    private long inactiveDirtyEnd;

    private JournalLog(JournalFile file, int headerLength, int regionSize) {
        this.file = file;
        this.headerLength = headerLength;
        this.regionSize = regionSize;
        this.activeStart = JournalFormat.firstRegion(headerLength);
        this.inactiveDirtyEnd = activeStart + regionSize; // a fresh file's second region holds only zeros
    }

    /**
     * Writes header, superblock and the {@code live} entries into the fresh file {@code target}, and
     * zeros up to the end of two regions of {@code region} bytes (past {@code zeroedUpTo}, where
     * the file holds zeros already).
     */
    static JournalLog writeFresh(JournalFile target, ProcessIdentity owner, List<Path> roots, int region,
                                 long zeroedUpTo, Collection<Entry> live) throws IOException {
        byte[] header = JournalFormat.header(owner, System.currentTimeMillis(), roots);
        JournalLog log = new JournalLog(target, header.length, region);
        log.chunk.put(header);
        while (log.chunk.position() < JournalFormat.superblockOffset(header.length)) log.chunk.put((byte) 0);
        log.chunk.putLong(JournalFormat.superblock(log.activeStart));
        log.end = log.writeLive(0, live);
        if (log.end + 4 > log.activeStart + (long) region) throw new IOException("live entries do not fit the new region");
        long size = log.fileSize();
        long zeroFrom = Math.max(log.end, zeroedUpTo);
        if (zeroFrom < size) target.zeroFill(zeroFrom, size);
        return log;
    }

    JournalFile file() { return file; }

    int regionSize() { return regionSize; }

    long fileSize() { return JournalRegions.fileSize(headerLength, regionSize); }

    /**
     * Why this log's file no longer works, or null: deleted, replaced, shorter than written, or
     * truncated and written again (later records extend a truncated file, sparse, with no header
     * or superblock). One lstat, one fstat, one 8-byte read.
     */
    String fault() {
        String fault = file.fault(fileSize());
        if (fault != null) return fault;
        ByteBuffer superblock = recordBuffer(8);
        superblock.limit(8);
        try {
            file.read(superblock, JournalFormat.superblockOffset(headerLength));
        } catch (IOException e) {
            return "the file cannot be read (" + e + ")";
        }
        boolean intact = superblock.position() == 8 && superblock.getLong(0) == JournalFormat.superblock(activeStart);
        return intact ? null : "the file was truncated or overwritten (its superblock is gone)";
    }

    /** Whether {@code size} more bytes and the zero end mark fit the active region. */
    boolean hasRoom(int size) {
        return activeStart + regionSize - end >= size + 4;
    }

    /** Once a quarter of the active region is left, the writer makes room ahead of need. */
    boolean lowOnRoom() {
        return activeStart + regionSize - end < regionSize / 4;
    }

    /** An UNREGISTER record, written with the next write of the log at the latest (see {@link #pending}). */
    void appendUnregisterDeferred(byte[] path) throws IOException {
        int size = JournalFormat.recordSize(JournalFormat.unregisterPayloadLength(path));
        if (pending.position() > 0 && pending.remaining() < size) flushPending();
        if (pending.remaining() < size) {
            appendUnregister(path); // longer than the buffer: on its own
            return;
        }
        if (pending.position() == 0) pendingStart = end;
        JournalFormat.putUnregister(pending, path, crc);
        end += size;
    }

    /** Writes the deferred UNREGISTER records, if any. */
    void flushPending() throws IOException {
        if (pending.position() == 0) return;
        pending.flip();
        try {
            file.write(pending, pendingStart);
        } finally {
            pending.clear();
        }
    }

    void appendRegister(byte[] path, PathKind kind, FileIdentity identity) throws IOException {
        JournalFormat.putRegister(recordBuffer(JournalFormat.recordSize(JournalFormat.registerPayloadLength(path))),
                path, kind, identity, crc);
        append();
    }

    void appendUnregister(byte[] path) throws IOException {
        JournalFormat.putUnregister(recordBuffer(JournalFormat.recordSize(JournalFormat.unregisterPayloadLength(path))),
                path, crc);
        append();
    }

    /**
     * In-place compaction: writes the {@code live} entries into the inactive region, zeroes what
     * is left there of older records, then makes it the log with one 8-byte write into the
     * superblock. A kill before that write leaves the old log in force, after it the new one.
     */
    void switchRegion(Collection<Entry> live) throws IOException {
        flushPending();
        int first = JournalFormat.firstRegion(headerLength);
        int other = activeStart == first ? first + regionSize : first;
        chunk.clear();
        long logEnd = writeLive(other, live);
        if (logEnd < inactiveDirtyEnd) file.zeroFill(logEnd, inactiveDirtyEnd);
        ByteBuffer superblock = recordBuffer(8);
        superblock.putLong(JournalFormat.superblock(other)).flip();
        file.write(superblock, JournalFormat.superblockOffset(headerLength));
        inactiveDirtyEnd = end;
        activeStart = other;
        end = logEnd;
    }

    /** Empties the log (a zero length at its start), so it cannot list anything stale; quietly. */
    void emptyQuietly() {
        try {
            ByteBuffer endMark = recordBuffer(4);
            endMark.putInt(0).flip();
            file.write(endMark, activeStart);
        } catch (IOException | RuntimeException ignored) {
            // an empty log is the goal; if even that fails, the lock still protects the journal
        }
    }

    private ByteBuffer recordBuffer(int size) {
        if (record.capacity() < size) record = ByteBuffer.allocateDirect(Math.max(size, record.capacity() * 2));
        record.clear();
        return record;
    }

    private void append() throws IOException {
        record.flip();
        int size = record.remaining();
        if (pending.position() > 0 && pending.remaining() >= size) {
            // The held-back removals end where this record begins: one write for all of them.
            pending.put(record);
            end += size;
            flushPending();
            return;
        }
        flushPending();
        file.write(record, end);
        end += size;
    }

    /** Writes what {@link #chunk} holds at {@code position}, then every live entry after it; returns the end. */
    private long writeLive(long position, Collection<Entry> live) throws IOException {
        long at = position;
        for (Entry e : live) {
            byte[] path = e.pathText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int size = JournalFormat.recordSize(JournalFormat.registerPayloadLength(path));
            if (chunk.remaining() < size) at += flush(at);
            if (chunk.remaining() >= size) {
                JournalFormat.putRegister(chunk, path, e.kind(), e.identity(), crc);
            } else { // a path longer than the chunk: on its own
                JournalFormat.putRegister(recordBuffer(size), path, e.kind(), e.identity(), crc);
                record.flip();
                file.write(record, at);
                at += size;
            }
        }
        return at + flush(at);
    }

    private int flush(long position) throws IOException {
        chunk.flip();
        int bytes = chunk.remaining();
        file.write(chunk, position);
        chunk.clear();
        return bytes;
    }
}
