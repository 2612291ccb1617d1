package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/**
 * Deletes a directory's contents depth first, never leaving its device and never entering or
 * removing a mount point, collecting the first problem. Each entry costs one {@code lstat} (its
 * type, and its size for the bytes freed) and the unlink; a directory's device and mount checks
 * use that same read, and its handle gets one more (fstat) before anything inside it is deleted.
 * A file's mount check is the kernel's ({@link #deleteFile}). One walk serves one
 * {@link SafeDeleter#delete} of a tracked directory, which has checked the directory itself.
 */
final class DirectoryWalk {
    /** Counts every file's bytes as freed (no file inside the tree is counted on its own). */
    static final Predicate<Path> COUNT_ALL = new Predicate<Path>() {
        @Override
        public boolean test(Path path) {
            return false;
        }
    };

    private static final String OTHER_FILE_SYSTEM = "mount point of another file system; left in place";

    private final Roots roots;
    private final long device;
    private final MountPoints mounts;
    private final boolean dryRun;
    private final DeletionListener onDeleted;
    private final Predicate<Path> countedElsewhere;
    private long bytes;
    private int problems;
    private String firstProblem;

    DirectoryWalk(Roots roots, long device, MountPoints mounts, boolean dryRun, DeletionListener onDeleted,
                  Predicate<Path> countedElsewhere) {
        this.roots = roots;
        this.device = device;
        this.mounts = mounts;
        this.dryRun = dryRun;
        this.onDeleted = onDeleted;
        this.countedElsewhere = countedElsewhere;
    }

    /** The bytes the deleted files held (or, in a dry run, would free). */
    long bytes() { return bytes; }

    /** The first problem, as "path: reason"; null if none. */
    String firstProblem() { return firstProblem; }

    /** Whether {@code realPath} is a mount point by a mount table read now: asked only when a delete went wrong. */
    static boolean mountPointNow(Roots roots, Path realPath, FileIdentity id) {
        return MountPoints.under(roots).isMountPoint(realPath, id);
    }

    void fail(Path path, String reason) {
        problems++;
        if (firstProblem == null) firstProblem = path + ": " + reason;
    }

    /** @param realDir {@code dirPath} with links resolved: the spelling the mount table uses */
    void deleteContents(SecureDirectoryStream<Path> dir, Path dirPath, Path realDir, int depth) {
        boolean reportFiles = onDeleted.wantsEntriesOf(dirPath);
        for (Path entry : dir) {
            Path name = entry.getFileName();
            BasicFileAttributes attrs;
            try {
                attrs = FsAttributes.lstat(dir, name);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                fail(dirPath.resolve(name), "cannot read attributes: " + SafeDeleter.describe(e));
                continue;
            }
            if (!dryRun && !attrs.isDirectory()) {
                deleteFile(dir, name, dirPath, realDir, attrs, reportFiles);
                continue;
            }
            Path full = dirPath.resolve(name);
            FileIdentity id = FileIdentity.of(attrs);
            if (device != FileIdentity.UNKNOWN && id.device() != device) {
                fail(full, OTHER_FILE_SYSTEM);
                continue;
            }
            if (!mounts.isEmpty() && mounts.isMountPoint(realDir.resolve(name), id)) {
                fail(full, MountPoints.LEFT_IN_PLACE);
                continue;
            }
            if (attrs.isDirectory()) {
                deleteDirectory(dir, name, full, realDir.resolve(name), id, depth);
            } else if (attrs.isRegularFile() && !countedElsewhere.test(full)) {
                bytes += attrs.size(); // a dry run: what the unlink would free
            }
        }
    }

    /**
     * Unlinks a non-directory entry without first working out its identity or asking the mount
     * table. WHY that is as safe: {@code unlinkat} removes a link itself, never its target, and the
     * kernel refuses to unlink a mount point (EBUSY) whatever its device, so for an entry the walk
     * will not enter those checks are the kernel's own. Only when the unlink fails does the walk
     * look closer, to say why. The entry's full path is built only when someone is to be told.
     */
    private void deleteFile(SecureDirectoryStream<Path> dir, Path name, Path dirPath, Path realDir,
                            BasicFileAttributes attrs, boolean report) {
        try {
            dir.deleteFile(name);
        } catch (NoSuchFileException e) {
            return; // removed meanwhile: fine
        } catch (IOException e) {
            fail(dirPath.resolve(name), whyUnlinkFailed(dir, name, realDir.resolve(name), e));
            return;
        }
        Path full = report || countedElsewhere != COUNT_ALL ? dirPath.resolve(name) : null;
        if (report) onDeleted.deleted(full);
        if (attrs.isRegularFile() && (full == null || !countedElsewhere.test(full))) bytes += attrs.size();
    }

    /** The reason an unlink failed: a mount point (of this or another file system), or the errno's text. */
    private String whyUnlinkFailed(SecureDirectoryStream<Path> dir, Path name, Path real, IOException e) {
        FileIdentity id;
        try {
            id = FileIdentity.of(FsAttributes.lstat(dir, name));
        } catch (IOException again) {
            return SafeDeleter.describe(e);
        }
        if (device != FileIdentity.UNKNOWN && id.device() != device) return OTHER_FILE_SYSTEM;
        return mountPointNow(roots, real, id) ? MountPoints.LEFT_IN_PLACE : SafeDeleter.describe(e);
    }

    private void deleteDirectory(SecureDirectoryStream<Path> dir, Path name, Path full, Path real, FileIdentity id,
                                 int depth) {
        if (depth >= SafeDeleter.MAX_DEPTH) {
            fail(full, "more than " + SafeDeleter.MAX_DEPTH + " levels deep; left in place");
            return;
        }
        int problemsBefore = problems;
        try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            // Something mounted, or another directory renamed in, since the stat: the handle tells.
            FileIdentity opened = FileIdentity.of(FsAttributes.fstat(sub));
            if (opened.device() != id.device() || opened.inode() != id.inode()) {
                fail(full, "replaced while deleting; left in place");
                return;
            }
            deleteContents(sub, full, real, depth + 1);
        } catch (NoSuchFileException e) {
            return;
        } catch (NotDirectoryException e) {
            fail(full, "replaced by a non-directory while deleting");
            return;
        } catch (IOException e) {
            fail(full, SafeDeleter.describe(e));
            return;
        }
        if (problems != problemsBefore || dryRun) return; // a failure inside: rmdir would only fail again
        try {
            dir.deleteDirectory(name);
            onDeleted.deleted(full);
        } catch (NoSuchFileException e) {
            // removed meanwhile: fine
        } catch (IOException e) {
            // EBUSY: mounted after the snapshot (and emptied if it was the same file system; see MountPoints).
            fail(full, mountPointNow(roots, real, id) ? MountPoints.LEFT_IN_PLACE : "cannot delete directory: " + SafeDeleter.describe(e));
        }
    }
}
