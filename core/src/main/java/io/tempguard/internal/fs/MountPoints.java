package io.tempguard.internal.fs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The mount points that lie inside the managed roots, read from {@code /proc/self/mountinfo}.
 *
 * <p>WHY: the walk's device check cannot see a bind mount of a directory of the same file system
 * (same {@code st_dev}), and the JDK offers neither a mount ID nor the statx mount-root bit. So a
 * snapshot of the mount table names every mount point under the roots, and records the identity
 * (device and inode) of the root each one shows: an lstat of a mount point describes the root of
 * what is mounted there. A directory or file is then refused when its path is such a mount point
 * or its own identity is that of a mounted root, which holds even if its name was swapped.
 *
 * <p>Covered: every mount that existed when the snapshot was read ({@link SafeDeleter} reads one
 * per {@link SafeDeleter.Job}: a cleanup run, one journal's sweep), whatever its device. Not
 * covered: a mount of the same file system made after the snapshot and before the walk reads
 * that entry (a mount of another file system is still refused by the device check); the walk's handle check
 * still refuses a mount made between its stat of an entry and its opening, and a mount point it
 * only meets when an unlink or rmdir fails (EBUSY) is reported as a mount point.
 */
final class MountPoints {
    static final String LEFT_IN_PLACE = "mount point; left in place";
    private static final Path MOUNTINFO = Paths.get("/proc/self/mountinfo");
    /** Field 5 (index 4) of a mountinfo line is the mount point, relative to the process's root. */
    private static final int MOUNT_POINT_FIELD = 4;
    private static final MountPoints NONE = new MountPoints(Collections.<Path>emptySet(), Collections.<DevIno>emptySet());

    private final Set<Path> paths;
    private final Set<DevIno> mountedRoots;

    private MountPoints(Set<Path> paths, Set<DevIno> mountedRoots) {
        this.paths = paths;
        this.mountedRoots = mountedRoots;
    }

    /**
     * The mount points strictly inside {@code roots}, read now. Where there is no mountinfo (not
     * Linux), none: the walk's device check is then all there is.
     */
    static MountPoints under(Roots roots) {
        Set<Path> paths = new HashSet<>();
        Set<DevIno> mountedRoots = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(MOUNTINFO, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                Path mountPoint = mountPoint(line);
                if (mountPoint == null || !roots.contains(mountPoint)) continue;
                paths.add(mountPoint);
                try {
                    FileIdentity root = FsAttributes.identity(mountPoint);
                    if (root.isPortable()) mountedRoots.add(new DevIno(root.device(), root.inode()));
                } catch (IOException | SecurityException e) {
                    // Unmounted meanwhile, or not ours to stat: the path alone still refuses it.
                }
            }
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        return paths.isEmpty() ? NONE : new MountPoints(paths, mountedRoots);
    }

    /** The mount point a mountinfo line names, octal escapes ({@code \040} for a space) decoded; null if malformed. */
    static Path mountPoint(String line) {
        String[] fields = line.split(" ");
        if (fields.length <= MOUNT_POINT_FIELD || !fields[MOUNT_POINT_FIELD].startsWith("/")) return null;
        try {
            return Paths.get(unescape(fields[MOUNT_POINT_FIELD])).normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The kernel writes space, tab, newline and backslash in a path as {@code \ooo} (three octal digits). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) return field;
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) return false;
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') return false;
        }
        return true;
    }

    /** Whether nothing under the roots is mounted on (then the walk skips the per-entry check). */
    boolean isEmpty() {
        return paths.isEmpty();
    }

    /**
     * Whether the entry at {@code realPath} (symbolic links resolved; null if unknown) with identity
     * {@code id} is a mount point, or the root of a mount seen through another name.
     */
    boolean isMountPoint(Path realPath, FileIdentity id) {
        if (realPath != null && paths.contains(realPath)) return true;
        return id.isPortable() && mountedRoots.contains(new DevIno(id.device(), id.inode()));
    }

    @Override
    public String toString() {
        return paths.toString();
    }

    /** A device and inode pair: a file's identity without its birth time. */
    private static final class DevIno {
        final long device;
        final long inode;

        DevIno(long device, long inode) {
            this.device = device;
            this.inode = inode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DevIno && ((DevIno) o).device == device && ((DevIno) o).inode == inode;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(device) * 31 + Long.hashCode(inode);
        }
    }
}
