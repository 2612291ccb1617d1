package io.tempguard.internal.fs;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a path was when tempguard started tracking it: device and inode (the file key) plus the
 * creation time. Cleanup compares it with what is on disk now and refuses to delete a path whose
 * name has since been given to another file.
 *
 * <p>The device and inode are parsed out of the file key so that identities survive outside the
 * JVM (in the crash journal) and can be compared by another process.
 */
public final class FileIdentity {
    /** HotSpot's Unix file key prints as {@code (dev=fe00,ino=2146329)}, dev in hex. */
    private static final Pattern UNIX_KEY = Pattern.compile("\\(dev=([0-9a-fA-F]+),ino=(\\d+)\\)");
    public static final long UNKNOWN = -1;

    private final long device;
    private final long inode;
    private final long creationTimeMillis;
    private final Object fileKey;

    public FileIdentity(long device, long inode, long creationTimeMillis) {
        this(device, inode, creationTimeMillis, null);
    }

    private FileIdentity(long device, long inode, long creationTimeMillis, Object fileKey) {
        this.device = device;
        this.inode = inode;
        this.creationTimeMillis = creationTimeMillis;
        this.fileKey = fileKey;
    }

    /** The identity of the file these attributes (read without following links) describe. */
    public static FileIdentity of(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        long created = attrs.creationTime().toMillis();
        if (key != null) {
            Matcher m = UNIX_KEY.matcher(key.toString());
            if (m.matches()) {
                return new FileIdentity(Long.parseUnsignedLong(m.group(1), 16), Long.parseLong(m.group(2)), created, null);
            }
        }
        return new FileIdentity(UNKNOWN, UNKNOWN, created, key);
    }

    /** Device number, or {@link #UNKNOWN} on platforms without Unix file keys. */
    public long device() { return device; }

    public long inode() { return inode; }

    public long creationTimeMillis() { return creationTimeMillis; }

    /** Whether device and inode are known, so the identity can be written to the journal and compared across processes. */
    public boolean isPortable() { return device != UNKNOWN && inode != UNKNOWN; }

    /** Whether {@code current} lies on the same device as this identity (false when unknown). */
    public boolean sameDevice(FileIdentity current) {
        return device != UNKNOWN && device == current.device;
    }

    /**
     * Whether {@code current}, read from disk now, is still the file this identity was taken of.
     *
     * @param compareCreationTime true only where the file system reports a real birth time; where the
     *                            JDK substitutes the last-modified time, a write would look like a new file
     */
    public boolean matches(FileIdentity current, boolean compareCreationTime) {
        if (isPortable() && current.isPortable()) {
            if (device != current.device || inode != current.inode) return false;
        } else if (fileKey != null && current.fileKey != null) {
            if (!fileKey.equals(current.fileKey)) return false;
        } else {
            // No key to compare on this platform: the creation time is all we have.
            compareCreationTime = true;
        }
        return !compareCreationTime || creationTimeMillis == current.creationTimeMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FileIdentity)) return false;
        FileIdentity that = (FileIdentity) o;
        return device == that.device && inode == that.inode && creationTimeMillis == that.creationTimeMillis
                && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(device, inode, creationTimeMillis, fileKey);
    }

    @Override
    public String toString() {
        return isPortable()
                ? "dev=" + Long.toHexString(device) + ",ino=" + inode + ",created=" + creationTimeMillis
                : "key=" + fileKey + ",created=" + creationTimeMillis;
    }
}
