package io.tempguard.internal.journal;

import io.tempguard.internal.OwnOperations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The per-user state directory that holds journals. Journals say what to delete, so only a
 * directory that this user owns and nobody else can write is trusted: one owned by another user,
 * writable by group or others, or that is a symbolic link is refused with a message saying so.
 */
public final class JournalDirectory {
    /** Thrown when the directory cannot be used; the message says why and what to do. */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private JournalDirectory() {
    }

    /** Creates the directory owner-only if missing, then checks it can be trusted. */
    public static Path prepare(Path dir) throws IOException {
        // tempguard's own directory, often inside a root: the agent must not see it as a host creation
        // (capture would count it uncaptured, or track it with a rule matching its name).
        OwnOperations.enter();
        try {
            return prepareOwn(dir);
        } finally {
            OwnOperations.exit();
        }
    }

    private static Path prepareOwn(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
            try {
                Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // another JVM created it meanwhile: verify below like any existing directory
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(abs);
            }
        }
        verify(abs);
        return abs;
    }

    /** Checks an existing directory: a real directory, owned by this user, not writable by others. */
    public static void verify(Path dir) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (basic.isSymbolicLink()) {
            throw new RefusedException(dir + " is a symbolic link; refusing it as the journal directory");
        }
        if (!basic.isDirectory()) throw new RefusedException(dir + " is not a directory");
        PosixFileAttributes posix;
        try {
            posix = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return; // no owners or modes to check on this file system
        }
        Integer owner = uidOf(dir);
        Integer self = currentUid();
        if (owner != null && self != null && !owner.equals(self)) {
            throw new RefusedException(dir + " is owned by another user (uid " + owner + ", this process runs as uid "
                    + self + "); refusing journals there. Use the journalDir option to give this user its own directory");
        }
        Set<PosixFilePermission> perms = posix.permissions();
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new RefusedException(dir + " is writable by other users (mode "
                    + PosixFilePermissions.toString(perms) + "); refusing journals there. Run 'chmod 700 " + dir
                    + "' or use the journalDir option");
        }
    }

    /** The owner uid of a file, or null where the platform has no unix attributes. */
    static Integer uidOf(Path path) throws IOException {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * This process's effective uid, or null where it cannot be told (then owners are not checked).
     * Not the owner of {@code /proc/self}: that is a symbolic link, owned by root whoever looks at
     * it, so reading it made every process believe it ran as root and refuse its own directory.
     */
    static Integer currentUid() {
        return CurrentUid.VALUE;
    }

    /** Looked up once, on first use: a process's effective uid does not change under a JVM. */
    private static final class CurrentUid {
        static final Integer VALUE = lookUpUid();
    }

    private static Integer lookUpUid() {
        Path status = Paths.get("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                Integer uid = effectiveUid(Files.readAllLines(status, StandardCharsets.UTF_8));
                if (uid != null) return uid;
            } catch (IOException | RuntimeException e) {
                // fall back below
            }
        }
        return uidFromJdk();
    }

    /**
     * The effective uid in the lines of {@code /proc/<pid>/status}: its "Uid:" line lists the
     * real, effective, saved and file-system uids; null if there is no such line.
     */
    static Integer effectiveUid(List<String> statusLines) {
        for (String line : statusLines) {
            if (!line.startsWith("Uid:")) continue;
            String[] fields = line.substring(4).trim().split("\\s+");
            if (fields.length < 2) return null;
            try {
                // as an int, like the file system's "unix:uid" (a uid above 2^31 wraps the same way)
                return (int) Long.parseLong(fields[1]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Without {@code /proc} (not Linux): the JDK's own {@code UnixSystem} (module jdk.security.auth),
     * looked up reflectively because it may be absent from a trimmed runtime. It reports the real
     * uid, which equals the effective one unless the JVM runs set-uid; null where it is missing.
     */
    private static Integer uidFromJdk() {
        try {
            Class<?> unixSystem = Class.forName("com.sun.security.auth.module.UnixSystem", true,
                    ClassLoader.getPlatformClassLoader());
            Object system = unixSystem.getConstructor().newInstance();
            long uid = (Long) unixSystem.getMethod("getUid").invoke(system);
            return (int) uid;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code file} is owned by this process's user (true where that cannot be told). */
    public static boolean ownedBySelf(Path file) throws IOException {
        Integer owner = uidOf(file);
        Integer self = currentUid();
        return owner == null || self == null || owner.equals(self);
    }
}
