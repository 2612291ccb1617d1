package io.tempguard.internal.fs;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a path was when tempguard started tracking it: device and inode (the file key) plus the
 * birth time. Cleanup compares it with what is on disk now and refuses to delete a path whose
 * name has since been given to another file.
 *
 * <p>The birth time is kept at the precision the file system gives (nanoseconds on ext4, xfs,
 * btrfs): a file system that reuses a freed inode number at once (ext4 does) hands the same
 * device and inode to a new file made in the same millisecond, and only the nanoseconds tell
 * the two apart. Identities read from an older journal carry milliseconds only
 * ({@link #ofMillis}); those are compared at millisecond precision.
 *
 * <p>The device and inode are parsed out of the file key so that identities survive outside the
 * JVM (in the crash journal) and can be compared by another process.
 */
public final class FileIdentity {
    /** HotSpot's Unix file key prints as {@code (dev=fe00,ino=2146329)}, dev in hex. */
    private static final Pattern UNIX_KEY = Pattern.compile("\\(dev=([0-9a-fA-F]+),ino=(\\d+)\\)");
    private static final long NANOS_PER_MILLI = 1_000_000L;
    public static final long UNKNOWN = -1;

    private final long device;
    private final long inode;
    private final long birthTimeNanos;
    /** Only milliseconds are known (an identity from a version-2 journal). */
    private final boolean millisOnly;
    private final Object fileKey;

    /** An identity with a birth time in nanoseconds since the epoch. */
    public FileIdentity(long device, long inode, long birthTimeNanos) {
        this(device, inode, birthTimeNanos, false, null);
    }

    private FileIdentity(long device, long inode, long birthTimeNanos, boolean millisOnly, Object fileKey) {
        this.device = device;
        this.inode = inode;
        this.birthTimeNanos = birthTimeNanos;
        this.millisOnly = millisOnly;
        this.fileKey = fileKey;
    }

    /** An identity whose birth time is known to the millisecond only (journal format version 2). */
    public static FileIdentity ofMillis(long device, long inode, long birthTimeMillis) {
        return new FileIdentity(device, inode, birthTimeMillis * NANOS_PER_MILLI, true, null);
    }

    /** The identity of the file these attributes (read without following links) describe. */
    public static FileIdentity of(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        long born = attrs.creationTime().to(TimeUnit.NANOSECONDS);
        if (key != null) {
            String text = key.toString();
            FileIdentity parsed = parseUnixKey(text, born);
            if (parsed != null) return parsed;
            Matcher m = UNIX_KEY.matcher(text);
            if (m.matches()) {
                return new FileIdentity(Long.parseUnsignedLong(m.group(1), 16), Long.parseLong(m.group(2)), born);
            }
        }
        return new FileIdentity(UNKNOWN, UNKNOWN, born, false, key);
    }

    private static final String DEV_PREFIX = "(dev=";
    private static final String INO_PREFIX = ",ino=";

    /**
     * {@code (dev=<hex>,ino=<decimal>)} read by hand: a deletion walk reads one identity per entry,
     * and the regular expression cost more than the system call. Null when the text has another
     * shape (the regular expression then decides).
     */
    static FileIdentity parseUnixKey(String text, long born) {
        int comma = text.indexOf(',');
        int end = text.length() - 1;
        if (!text.startsWith(DEV_PREFIX) || comma < 0 || !text.startsWith(INO_PREFIX, comma) || end < 0
                || text.charAt(end) != ')') {
            return null;
        }
        int devFrom = DEV_PREFIX.length();
        int inoFrom = comma + INO_PREFIX.length();
        if (comma == devFrom || end == inoFrom) return null;
        long device = 0;
        for (int i = devFrom; i < comma; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || (device >>> 60) != 0) return null;
            device = (device << 4) | digit;
        }
        long inode = 0;
        for (int i = inoFrom; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || inode > (Long.MAX_VALUE - (c - '0')) / 10) return null;
            inode = inode * 10 + (c - '0');
        }
        return new FileIdentity(device, inode, born);
    }

    /** Device number, or {@link #UNKNOWN} on platforms without Unix file keys. */
    public long device() { return device; }

    public long inode() { return inode; }

    /** Birth time in nanoseconds since the epoch (a multiple of a million where {@link #isMillisOnly()}). */
    public long birthTimeNanos() { return birthTimeNanos; }

    /** Whether the birth time is known to the millisecond only. */
    public boolean isMillisOnly() { return millisOnly; }

    /** Whether device and inode are known, so the identity can be written to the journal and compared across processes. */
    public boolean isPortable() { return device != UNKNOWN && inode != UNKNOWN; }

    /** Whether {@code current} lies on the same device as this identity (false when unknown). */
    public boolean sameDevice(FileIdentity current) {
        return device != UNKNOWN && device == current.device;
    }

    /**
     * Whether {@code current}, read from disk now, is still the file this identity was taken of.
     *
     * @param compareBirthTime true only where the file system reports a real birth time; where the
     *                         JDK substitutes the last-modified time, a write would look like a new file
     */
    public boolean matches(FileIdentity current, boolean compareBirthTime) {
        if (isPortable() && current.isPortable()) {
            if (device != current.device || inode != current.inode) return false;
        } else if (fileKey != null && current.fileKey != null) {
            if (!fileKey.equals(current.fileKey)) return false;
        } else {
            // No key to compare on this platform: the birth time is all we have.
            compareBirthTime = true;
        }
        return !compareBirthTime || sameBirthTime(current);
    }

    private boolean sameBirthTime(FileIdentity current) {
        if (millisOnly || current.millisOnly) {
            return Math.floorDiv(birthTimeNanos, NANOS_PER_MILLI) == Math.floorDiv(current.birthTimeNanos, NANOS_PER_MILLI);
        }
        return birthTimeNanos == current.birthTimeNanos;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FileIdentity)) return false;
        FileIdentity that = (FileIdentity) o;
        return device == that.device && inode == that.inode && birthTimeNanos == that.birthTimeNanos
                && millisOnly == that.millisOnly && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, inode, birthTimeNanos, millisOnly, fileKey);
    }

    @Override
    public String toString() {
        String born = millisOnly ? (birthTimeNanos / NANOS_PER_MILLI) + "ms" : birthTimeNanos + "ns";
        return isPortable()
                ? "dev=" + Long.toHexString(device) + ",ino=" + inode + ",born=" + born
                : "key=" + fileKey + ",born=" + born;
    }
}
