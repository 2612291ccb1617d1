package io.tempguard.internal.journal;

import io.tempguard.PathKind;
import io.tempguard.internal.fs.FileIdentity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The journal's on-disk layout: an append-only log that survives the death of its writer the moment
 * a record is in the kernel's page cache (it is written with positional writes, never fsynced).
 *
 * <pre>
 * header:     "TGJ1" | u16 version | u32 header length | i64 pid | i64 process start (epoch ms)
 *             | i64 created (epoch ms) | u16 root count | root... | u32 CRC32
 * root:       version 3: u16 length, UTF-8 path | u8 flags (1 = the path was a symbolic link)
 *                        | i64 device | i64 inode | i64 birth time (epoch ns) of the directory it named
 *                        (device -1: not known when written)
 *             version 2: u16 length, UTF-8 path (no identity)
 * superblock: at the header length rounded up to 8: i64 = (log start &lt;&lt; 32) | (~log start &amp; 0xFFFFFFFF)
 * log:        records from the log start until a zero length
 * record:     u32 payload length (0 = end of log) | payload | u32 CRC32 of payload
 * payload:    u8 type = REGISTER | u8 kind | i64 device | i64 inode | i64 birth time (epoch ns; ms in version 2) | u16 length, UTF-8 path
 *             u8 type = UNREGISTER | u16 length, UTF-8 path
 * </pre>
 *
 * The writer keeps two equal regions after the superblock and logs into one of them; to compact it
 * writes the live entries into the other region and then moves the log start there with a single
 * 8-byte store (its own complement makes a garbage value detectable). So compaction creates and
 * deletes no file, and a kill at any instant leaves either the old log or the new one.
 * Space after the last record is zero-filled, so a reader stops at a zero length followed by
 * zeros up to the region's end; a record cut short or damaged fails its checksum, and the reader
 * resumes at the next record that passes its own, within the active region only (the other one
 * holds the log from before the last compaction).
 */
public final class JournalFormat {
    static final byte[] MAGIC = {'T', 'G', 'J', '1'};
    /**
     * Version 3 records birth times in nanoseconds and each root's identity; version 2 (still
     * read) birth times in milliseconds and roots by path only.
     */
    static final short VERSION = 3;
    static final short VERSION_MILLIS = 2;
    static final byte REGISTER = 1;
    static final byte UNREGISTER = 2;
    /** Largest path the journal records; longer ones are tracked in memory only. */
    static final int MAX_PATH_BYTES = 65_535;
    /** Largest header (roots) accepted when reading: guards against garbage lengths. */
    static final int MAX_HEADER = 1 << 20;
    public static final String SUFFIX = ".tgj";
    public static final String PREFIX = "journal-";
    /** Appended to a journal's name while its replacement is written (then renamed over it). */
    public static final String COMPACT_SUFFIX = ".compact";
    /** Appended to the name of a journal that could not be read, set aside for inspection. */
    public static final String CORRUPT_SUFFIX = ".corrupt";

    /** Where the superblock of a journal with a header of {@code headerLength} bytes lies. */
    static int superblockOffset(int headerLength) {
        return (headerLength + 7) & ~7;
    }

    /** Where the first region (the log of a fresh journal) starts. */
    static int firstRegion(int headerLength) {
        return superblockOffset(headerLength) + 8;
    }

    /** The superblock value that makes {@code logStart} the start of the log. */
    static long superblock(int logStart) {
        return ((long) logStart << 32) | (~logStart & 0xFFFFFFFFL);
    }

    /** The log start a superblock value names, or -1 if the value is not a valid superblock. */
    static int logStart(long superblock) {
        int start = (int) (superblock >>> 32);
        int check = (int) superblock;
        return check == ~start && start > 0 ? start : -1;
    }

    /** Size of a record (length prefix and checksum included) for a payload of {@code payloadLength}. */
    static int recordSize(int payloadLength) {
        return 4 + payloadLength + 4;
    }

    static int registerPayloadLength(byte[] path) {
        return 1 + 1 + 8 + 8 + 8 + 2 + path.length;
    }

    static int unregisterPayloadLength(byte[] path) {
        return 1 + 2 + path.length;
    }

    static byte[] pathBytes(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a REGISTER record at the buffer's position. */
    static void putRegister(ByteBuffer buf, byte[] path, PathKind kind, FileIdentity identity, CRC32 crc) {
        int start = buf.position();
        buf.putInt(registerPayloadLength(path));
        int payload = buf.position();
        buf.put(REGISTER);
        buf.put((byte) (kind == PathKind.DIRECTORY ? 1 : 0));
        buf.putLong(identity.device());
        buf.putLong(identity.inode());
        buf.putLong(identity.birthTimeNanos());
        buf.putShort((short) path.length);
        buf.put(path);
        putChecksum(buf, payload, crc);
        assert buf.position() - start == recordSize(registerPayloadLength(path));
    }

    /** Writes an UNREGISTER record at the buffer's position. */
    static void putUnregister(ByteBuffer buf, byte[] path, CRC32 crc) {
        buf.putInt(unregisterPayloadLength(path));
        int payload = buf.position();
        buf.put(UNREGISTER);
        buf.putShort((short) path.length);
        buf.put(path);
        putChecksum(buf, payload, crc);
    }

    private static void putChecksum(ByteBuffer buf, int payloadStart, CRC32 crc) {
        crc.reset();
        ByteBuffer payload = buf.duplicate();
        payload.position(payloadStart).limit(buf.position());
        crc.update(payload);
        buf.putInt((int) crc.getValue());
    }

    /** Bytes each version-3 root carries after its path: flags, device, inode, birth time. */
    static final int ROOT_IDENTITY_BYTES = 1 + 8 + 8 + 8;
    static final byte ROOT_WAS_LINK = 1;

    /**
     * The header bytes for a journal of {@code owner} recording {@code roots}, each with the
     * identity of the directory it names now (a live writer's header).
     */
    static byte[] header(ProcessIdentity owner, long createdMillis, List<Path> roots) {
        List<JournalRoot> current = new ArrayList<>(roots.size());
        for (Path root : roots) current.add(JournalRoot.ofCurrent(root));
        return headerOf(owner, createdMillis, current);
    }

    /** The header bytes recording {@code roots} with the identities they already carry (a rewrite). */
    static byte[] headerOf(ProcessIdentity owner, long createdMillis, List<JournalRoot> roots) {
        int length = 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4;
        byte[][] encoded = new byte[roots.size()][];
        for (int i = 0; i < roots.size(); i++) {
            encoded[i] = pathBytes(roots.get(i).path());
            length += 2 + encoded[i].length + ROOT_IDENTITY_BYTES;
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        buf.put(MAGIC).putShort(VERSION).putInt(length)
                .putLong(owner.pid()).putLong(owner.startMillis()).putLong(createdMillis)
                .putShort((short) roots.size());
        for (int i = 0; i < roots.size(); i++) {
            JournalRoot root = roots.get(i);
            FileIdentity id = root.identity();
            buf.putShort((short) encoded[i].length).put(encoded[i]);
            buf.put(root.wasLink() ? ROOT_WAS_LINK : 0);
            buf.putLong(id == null ? FileIdentity.UNKNOWN : id.device());
            buf.putLong(id == null ? FileIdentity.UNKNOWN : id.inode());
            buf.putLong(id == null ? 0 : id.birthTimeNanos());
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    private JournalFormat() {
    }
}
