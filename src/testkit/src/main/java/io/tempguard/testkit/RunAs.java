package io.tempguard.testkit;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The user a child JVM runs as. Root hides bugs (chmod does not stop it, and code that works out
 * the current user can be wrong only for everyone else), so the journal, crash and console
 * scenarios run once as the user running the tests and once as an unprivileged user, through
 * {@code setpriv}. That second run needs root to switch users: without it, it is skipped visibly.
 */
public enum RunAs {
    /** The user Maven runs as (root in CI). */
    CURRENT_USER,
    /** uid/gid 65534 (nobody/nogroup), with no supplementary groups. */
    UNPRIVILEGED;

    public static final int UNPRIVILEGED_UID = 65534;
    public static final int UNPRIVILEGED_GID = 65534;
    private static final Path SETPRIV = Paths.get("/usr/bin/setpriv");

    /** Skips the calling test, with a reason, where this user cannot be had on this machine. */
    public void assumeAvailable() {
        if (this == CURRENT_USER) return;
        Assumptions.assumeTrue(isRoot(), "SKIPPED: running as an unprivileged user needs root to switch users");
        Assumptions.assumeTrue(Files.isExecutable(SETPRIV), "SKIPPED: /usr/bin/setpriv (util-linux) is missing");
    }

    /** What goes before the {@code java} command to start it as this user. */
    public List<String> commandPrefix() {
        if (this == CURRENT_USER) return List.of();
        return List.of(SETPRIV.toString(), "--reuid=" + UNPRIVILEGED_UID, "--regid=" + UNPRIVILEGED_GID,
                "--clear-groups");
    }

    /**
     * A fresh owner-only directory in /tmp that this user owns, to serve as a child's
     * {@code java.io.tmpdir}: directories under JUnit's {@code @TempDir} are root's and mode 700,
     * so another user could not even enter them. The caller deletes it when done.
     */
    public Path ownedTempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if (this == UNPRIVILEGED) {
            Files.setAttribute(dir, "unix:uid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:gid", UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
        }
        return dir;
    }

    /**
     * {@code parent/name}, created and owned by this user: for a child's tmpdir or journal directory
     * inside a JUnit {@code @TempDir} (which JUnit deletes afterwards, whoever owns what is inside).
     * For {@link #UNPRIVILEGED}, {@code parent} is opened to others (o+rx), as the user could not
     * reach the directory otherwise (the sweep opens each directory on the way to a root: x alone
     * is not enough for that).
     */
    public Path ownedDirectory(Path parent, String name) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        if (this == UNPRIVILEGED) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(parent, LinkOption.NOFOLLOW_LINKS);
            perms.add(PosixFilePermission.OTHERS_READ);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(parent, perms);
            Files.setAttribute(dir, "unix:uid", UNPRIVILEGED_UID, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dir, "unix:gid", UNPRIVILEGED_GID, LinkOption.NOFOLLOW_LINKS);
        }
        return dir;
    }

    /** Whether the tests run with effective uid 0 (the "Uid:" line of /proc/self/status: real, effective, ...). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return "0".equals(line.substring(4).trim().split("\\s+")[1]);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: treat as unprivileged, so root-only tests skip
        }
        return false;
    }
}
