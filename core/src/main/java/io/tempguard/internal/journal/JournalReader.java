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
 * Never throws on bad content: a header it cannot read makes the journal unreadable; a bad record
 * ends the log there, and the valid records before it still count.
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
        private final List<Path> roots;
        private final Collection<Listed> listed;
        private final String problem;

        Contents(ProcessIdentity owner, List<Path> roots, Collection<Listed> listed, String problem) {
            this.owner = owner;
            this.roots = roots;
            this.listed = listed;
            this.problem = problem;
        }

        /** The writer; null when the header could not be read. */
        public ProcessIdentity owner() { return owner; }

        public List<Path> roots() { return roots; }

        public Collection<Listed> listed() { return listed; }

        /** Why reading stopped early (torn or corrupt record), or why nothing was readable; null if clean. */
        public String problem() { return problem; }

        /** True when not even the header could be read: the file is garbage or of another format. */
        public boolean unreadable() { return owner == null; }
    }

    public static Contents read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) return unreadable("file too short (" + size + " bytes) for a journal header");
        if (size > Integer.MAX_VALUE) return unreadable("file too large (" + size + " bytes)");
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // read it all
        }
        buf.flip();
        return parse(buf);
    }

    static Contents parse(ByteBuffer buf) {
        ProcessIdentity owner;
        List<Path> roots = new ArrayList<>();
        boolean millisOnly;
        try {
            byte[] magic = new byte[4];
            buf.get(magic);
            if (!Arrays.equals(magic, JournalFormat.MAGIC)) return unreadable("not a tempguard journal (bad magic)");
            short version = buf.getShort();
            if (version != JournalFormat.VERSION && version != JournalFormat.VERSION_MILLIS) {
                return unreadable("unsupported journal version " + version + " (this tempguard reads versions "
                        + JournalFormat.VERSION_MILLIS + " and " + JournalFormat.VERSION + ")");
            }
            millisOnly = version == JournalFormat.VERSION_MILLIS;
            int headerLength = buf.getInt();
            if (headerLength < 40 || headerLength > JournalFormat.MAX_HEADER || headerLength > buf.limit()) {
                return unreadable("bad header length " + headerLength);
            }
            CRC32 crc = new CRC32();
            crc.update(buf.array(), 0, headerLength - 4);
            if ((int) crc.getValue() != buf.getInt(headerLength - 4)) return unreadable("header checksum mismatch");
            owner = new ProcessIdentity(buf.getLong(), buf.getLong());
            buf.getLong(); // created
            int rootCount = buf.getShort() & 0xFFFF;
            for (int i = 0; i < rootCount; i++) {
                Path root = decodePath(buf);
                if (root == null || !root.isAbsolute() || root.normalize().getParent() == null) {
                    return unreadable("header lists an invalid root");
                }
                roots.add(root.normalize());
            }
            int superblock = JournalFormat.superblockOffset(headerLength);
            if (superblock + 8 > buf.limit()) return unreadable("no superblock after the header");
            int logStart = JournalFormat.logStart(buf.getLong(superblock));
            if (logStart < superblock + 8 || logStart > buf.limit()) return unreadable("bad superblock");
            buf.position(logStart);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return unreadable("truncated header");
        }
        Map<Path, Listed> live = new LinkedHashMap<>();
        String problem = readRecords(buf, live, millisOnly);
        return new Contents(owner, Collections.unmodifiableList(roots), live.values(), problem);
    }

    private static String readRecords(ByteBuffer buf, Map<Path, Listed> live, boolean millisOnly) {
        CRC32 crc = new CRC32();
        int count = 0;
        while (buf.remaining() >= 4) {
            int recordStart = buf.position();
            int length = buf.getInt();
            if (length == 0) return null; // the zero-filled tail: end of log
            if (length < 3 || length > buf.remaining() - 4) {
                return "record " + (count + 1) + " at offset " + recordStart + " is cut short or corrupt (length "
                        + length + "); " + count + " records before it were read";
            }
            crc.reset();
            ByteBuffer payload = buf.duplicate();
            payload.limit(buf.position() + length);
            crc.update(payload);
            int expected = buf.getInt(buf.position() + length);
            if ((int) crc.getValue() != expected) {
                return "record " + (count + 1) + " at offset " + recordStart + " fails its checksum (torn write?); "
                        + count + " records before it were read";
            }
            ByteBuffer record = buf.slice();
            record.limit(length);
            buf.position(buf.position() + length + 4);
            if (!apply(record, live, millisOnly)) {
                return "record " + (count + 1) + " at offset " + recordStart + " has an unknown type or bad path; "
                        + count + " records before it were read";
            }
            count++;
        }
        return null;
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

    private static Contents unreadable(String why) {
        return new Contents(null, Collections.<Path>emptyList(), Collections.<Listed>emptyList(), why);
    }

    private JournalReader() {
    }
}
