package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads a journal: its header and the paths it still lists (registered and not unregistered since).
 * Never throws on bad content: a header it cannot read, or a file too large to be a journal, makes
 * the journal unreadable; past a bad record, reading resumes at the next valid one within the log's
 * region (or, in a file without the writer's layout, the log ends there), and the valid records
 * before it still count. The file is streamed, never read whole.
 */
public final class JournalReader {

    /** A path a journal lists, with the identity it had when registered. */
    public static final class Listed {
        private final Path path;
        private final PathKind kind;
        private final FileIdentity identity;

        Listed(Path path, PathKind kind, FileIdentity identity) {
            this.path = path;
            this.kind = kind;
            this.identity = identity;
        }

        public Path path() { return path; }

        public PathKind kind() { return kind; }

        public FileIdentity identity() { return identity; }
    }

    /** What a journal holds. */
    public static final class Contents {
        private final ProcessIdentity owner;
        private final List<JournalRoot> roots;
        private final Collection<Listed> listed;
        private final String problem;

        Contents(ProcessIdentity owner, List<JournalRoot> roots, Collection<Listed> listed, String problem) {
            this.owner = owner;
            this.roots = roots;
            this.listed = listed;
            this.problem = problem;
        }

        /** The writer; null when the header could not be read. */
        public ProcessIdentity owner() { return owner; }

        /** The roots' paths. */
        public List<Path> roots() {
            List<Path> paths = new ArrayList<>(roots.size());
            for (JournalRoot r : roots) paths.add(r.path());
            return paths;
        }

        /** The roots with the identities the journal recorded for them (none in version 2). */
        public List<JournalRoot> recordedRoots() { return roots; }

        public Collection<Listed> listed() { return listed; }

        /** Why reading stopped early (torn or corrupt record), or why nothing was readable; null if clean. */
        public String problem() { return problem; }

        /** True when not even the header could be read: the file is garbage or of another format. */
        public boolean unreadable() { return owner == null; }
    }

    /**
     * Largest file read as a journal. A writer's two regions stay below 1 GiB together (see
     * JournalWriter's region limit); anything larger, sparse or not, is garbage and is never read.
     */
    public static final long MAX_FILE_SIZE = Integer.MAX_VALUE;
    /** Largest record payload: a REGISTER of a path of {@link JournalFormat#MAX_PATH_BYTES}. */
    static final int MAX_PAYLOAD = 1 + 1 + 8 + 8 + 8 + 2 + JournalFormat.MAX_PATH_BYTES;
    /** The read buffer: holds the largest record; memory use does not grow with the file. */
    private static final int BUFFER = 128 * 1024;

    /**
     * Reads the journal in {@code channel}, streaming it through a fixed-size buffer: memory grows
     * with the paths still listed, never with the file's size or the records of paths released since.
     */
    public static Contents read(FileChannel channel) throws IOException {
        return read(ChannelInput.of(channel), channel.size());
    }

    /** Reads a journal held in memory (tests). */
    static Contents parse(ByteBuffer bytes) {
        try {
            return read(ChannelInput.of(bytes), bytes.limit());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Contents read(ChannelInput.Source channel, long size) throws IOException {
        if (size < 8) return unreadable("file too short (" + size + " bytes) for a journal header");
        if (size > MAX_FILE_SIZE) {
            return unreadable("file too large (" + size + " bytes; a journal is at most " + MAX_FILE_SIZE + ")");
        }
        ByteBuffer start = ByteBuffer.allocate(10);
        readFully(channel, start, 0);
        start.flip();
        int headerLength = start.remaining() == 10 ? start.getInt(6) : -1;
        if (headerLength < 40 || headerLength > JournalFormat.MAX_HEADER || headerLength + 8L > size) {
            if (start.remaining() == 10 && !Arrays.equals(Arrays.copyOf(start.array(), 4), JournalFormat.MAGIC)) {
                return unreadable("not a tempguard journal (bad magic)");
            }
            return unreadable("bad header length " + headerLength + " (accepted: 40 to " + JournalFormat.MAX_HEADER
                    + " bytes, within the file's " + size + ")");
        }
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.superblockOffset(headerLength) + 8);
        readFully(channel, header, 0);
        header.flip();
        Header parsed = parseHeader(header, size);
        if (parsed.problem != null) return unreadable(parsed.problem);
        Map<Path, Listed> live = new LinkedHashMap<>();
        ChannelInput in = new ChannelInput(channel, size, parsed.logStart, BUFFER);
        long regionEnd = parsed.millisOnly ? -1 : JournalRegions.activeRegionEnd(headerLength, parsed.logStart, size);
        String problem = readRecords(in, regionEnd, live, parsed.millisOnly);
        return new Contents(parsed.owner, Collections.unmodifiableList(parsed.roots), live.values(), problem);
    }

    /** The writer named in the header of the journal in {@code channel}; null if the header is unreadable. */
    public static ProcessIdentity readOwner(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 40) return null;
        ByteBuffer header = ByteBuffer.allocate((int) Math.min(size, JournalFormat.MAX_HEADER + 8L));
        readFully(ChannelInput.of(channel), header, 0);
        header.flip();
        Header parsed = parseHeader(header, size);
        return parsed.problem == null ? parsed.owner : null;
    }

    /** What the header says, or why it cannot be trusted. */
    private static final class Header {
        ProcessIdentity owner;
        final List<JournalRoot> roots = new ArrayList<>();
        boolean millisOnly;
        int logStart;
        String problem;

        static Header bad(String why) {
            Header h = new Header();
            h.problem = why;
            return h;
        }
    }

    /** Parses the header and superblock, all of which {@code buf} holds. */
    private static Header parseHeader(ByteBuffer buf, long fileSize) {
        Header h = new Header();
        try {
            byte[] magic = new byte[4];
            buf.get(magic);
            if (!Arrays.equals(magic, JournalFormat.MAGIC)) return Header.bad("not a tempguard journal (bad magic)");
            short version = buf.getShort();
            if (version != JournalFormat.VERSION && version != JournalFormat.VERSION_MILLIS) {
                return Header.bad("unsupported journal version " + version + " (this tempguard reads versions "
                        + JournalFormat.VERSION_MILLIS + " and " + JournalFormat.VERSION + ")");
            }
            h.millisOnly = version == JournalFormat.VERSION_MILLIS;
            int headerLength = buf.getInt();
            CRC32 crc = new CRC32();
            crc.update(buf.array(), 0, headerLength - 4);
            if ((int) crc.getValue() != buf.getInt(headerLength - 4)) return Header.bad("header checksum mismatch");
            h.owner = new ProcessIdentity(buf.getLong(), buf.getLong());
            buf.getLong(); // created
            int rootCount = buf.getShort() & 0xFFFF;
            for (int i = 0; i < rootCount; i++) {
                Path root = decodePath(buf);
                if (root == null || !root.isAbsolute() || root.normalize().getParent() == null) {
                    return Header.bad("header lists an invalid root");
                }
                h.roots.add(h.millisOnly ? JournalRoot.withoutIdentity(root.normalize()) : rootIdentity(root, buf));
            }
            if (buf.position() > headerLength - 4) return Header.bad("header roots overrun its length");
            int superblock = JournalFormat.superblockOffset(headerLength);
            h.logStart = JournalFormat.logStart(buf.getLong(superblock));
            if (h.logStart < superblock + 8 || h.logStart >= fileSize) {
                return Header.bad("bad superblock (log start " + h.logStart + " outside " + (superblock + 8) + " to "
                        + fileSize + ")");
            }
            return h;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return Header.bad("truncated header");
        }
    }

    private static JournalRoot rootIdentity(Path root, ByteBuffer buf) {
        boolean wasLink = (buf.get() & JournalFormat.ROOT_WAS_LINK) != 0;
        long device = buf.getLong();
        long inode = buf.getLong();
        long born = buf.getLong();
        FileIdentity id = device == FileIdentity.UNKNOWN ? null : new FileIdentity(device, inode, born);
        return new JournalRoot(root.normalize(), id, wasLink);
    }

    private static void readFully(ChannelInput.Source channel, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) return;
        }
    }

    /**
     * Applies the records from the log start on. A record cut short, failing its checksum or not
     * understood is damage. When the file has the writer's layout ({@code regionEnd} known), reading
     * resumes at the next offset of the active region where a whole record passes its checksum, and
     * bytes that are not zero after the end mark are damage too, so one bad record does not lose the
     * records after it. Otherwise the log ends at the damage. The records before it count either way.
     */
    private static String readRecords(ChannelInput in, long regionEnd, Map<Path, Listed> live, boolean millisOnly)
            throws IOException {
        boolean mayResume = regionEnd >= 0;
        CRC32 crc = new CRC32();
        int count = 0;
        Damage damage = null;
        boolean inDamage = false;
        while ((!mayResume || in.position() + 4 <= regionEnd) && in.require(4)) {
            long at = in.position();
            int length = in.buffer().getInt(in.buffer().position());
            String bad;
            long resumeFrom = at + 1;
            if (length == 0) {
                if (!mayResume) break; // the zero-filled tail: end of log
                long nonZero = in.skipZeros(regionEnd);
                if (nonZero < 0) break; // nothing but zeros up to the region's end: end of log
                bad = "(an end mark) is followed by non-zero bytes at offset " + nonZero;
                resumeFrom = Math.max(at + 1, nonZero - 3); // a record's length has a non-zero byte
            } else {
                bad = readRecord(in, length, regionEnd, crc, live, millisOnly);
            }
            if (bad == null) {
                count++;
                if (inDamage) damage.resumed(at);
                inDamage = false;
                continue;
            }
            if (damage == null) {
                damage = new Damage("record " + (count + 1) + " at offset " + at + " " + bad, count);
            } else if (!inDamage) {
                damage.laterSpans++;
            }
            inDamage = true;
            if (!mayResume) break;
            in.seek(resumeFrom);
        }
        return damage == null ? null : damage.describe(mayResume, count);
    }

    /** Reads and applies the record of {@code length} at the read position; null, or what is wrong with it. */
    private static String readRecord(ChannelInput in, int length, long regionEnd, CRC32 crc, Map<Path, Listed> live,
                                     boolean millisOnly) throws IOException {
        long recordEnd = in.position() + 4 + length + 4;
        if (length < 3 || length > MAX_PAYLOAD || (regionEnd >= 0 && recordEnd > regionEnd)
                || !in.require(4 + length + 4)) {
            return "is cut short or corrupt (length " + length + ")";
        }
        ByteBuffer buf = in.buffer();
        int payloadStart = buf.position() + 4;
        crc.reset();
        ByteBuffer payload = buf.duplicate();
        payload.position(payloadStart).limit(payloadStart + length);
        crc.update(payload);
        if ((int) crc.getValue() != buf.getInt(payloadStart + length)) return "fails its checksum (torn write?)";
        ByteBuffer record = buf.duplicate();
        record.position(payloadStart).limit(payloadStart + length);
        if (!apply(record.slice(), live, millisOnly)) return "has an unknown type or bad path";
        buf.position(payloadStart + length + 4);
        return null;
    }

    /** The first damage in a log, and how reading went on past it. */
    private static final class Damage {
        private final String first;
        private final int recordsBefore;
        private long resumedAt = -1;
        int laterSpans;

        Damage(String first, int recordsBefore) {
            this.first = first;
            this.recordsBefore = recordsBefore;
        }

        void resumed(long at) {
            if (resumedAt < 0) resumedAt = at;
        }

        String describe(boolean mayResume, int recordsInAll) {
            String s = first + "; " + recordsBefore + " records before it were read";
            if (!mayResume) return s;
            if (resumedAt < 0) return s + "; no valid record follows it in the active region";
            s += "; reading resumed at offset " + resumedAt + ", where " + (recordsInAll - recordsBefore)
                    + " more records were read";
            return laterSpans == 0 ? s : s + " (" + laterSpans + " more damaged spans skipped)";
        }
    }

    private static boolean apply(ByteBuffer record, Map<Path, Listed> live, boolean millisOnly) {
        try {
            byte type = record.get();
            if (type == JournalFormat.REGISTER) {
                PathKind kind = record.get() == 1 ? PathKind.DIRECTORY : PathKind.FILE;
                long device = record.getLong();
                long inode = record.getLong();
                long born = record.getLong();
                FileIdentity identity = millisOnly ? FileIdentity.ofMillis(device, inode, born)
                        : new FileIdentity(device, inode, born);
                Path path = decodePath(record);
                if (path == null || !path.isAbsolute()) return false;
                live.put(path, new Listed(path, kind, identity));
                return true;
            }
            if (type == JournalFormat.UNREGISTER) {
                Path path = decodePath(record);
                if (path == null) return false;
                live.remove(path);
                return true;
            }
            return false;
        } catch (BufferUnderflowException e) {
            return false;
        }
    }

    private static Path decodePath(ByteBuffer buf) {
        int length = buf.getShort() & 0xFFFF;
        if (length == 0 || length > buf.remaining()) return null;
        ByteBuffer bytes = buf.slice();
        bytes.limit(length);
        buf.position(buf.position() + length);
        String ascii = asciiText(bytes);
        if (ascii != null) return toPath(ascii);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
            return Paths.get(s);
        } catch (CharacterCodingException | InvalidPathException e) {
            return null;
        }
    }

    /**
     * The text of {@code bytes} if every byte is ASCII (and not NUL), else null: nearly every path
     * is, and decoding it needs no decoder of its own (a new strict decoder per record cost more
     * than the rest of reading it). Other bytes go through the strict UTF-8 decoder.
     */
    private static String asciiText(ByteBuffer bytes) {
        if (!bytes.hasArray()) return null;
        byte[] array = bytes.array();
        int from = bytes.arrayOffset() + bytes.position();
        int to = from + bytes.remaining();
        for (int i = from; i < to; i++) {
            if (array[i] <= 0) return null;
        }
        return new String(array, from, to - from, StandardCharsets.US_ASCII);
    }

    private static Path toPath(String s) {
        try {
            return Paths.get(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Contents unreadable(String why) {
        return new Contents(null, Collections.<JournalRoot>emptyList(), Collections.<Listed>emptyList(), why);
    }

    private JournalReader() {
    }
}
