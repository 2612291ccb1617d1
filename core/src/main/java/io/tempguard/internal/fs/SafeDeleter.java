package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Predicate;

/**
 * Deletes one tracked path with the safety rules every deletion in tempguard follows:
 * <ul>
 *   <li>It walks from the root by directory handle ({@link SecureDirectoryStream}, i.e. {@code openat}
 *       with {@code O_NOFOLLOW}), so a parent directory swapped for a symbolic link cannot lead it
 *       outside the root, and it never follows a link: a link is removed, its target left alone.</li>
 *   <li>It refuses a path whose identity (device, inode, birth time) no longer matches the one
 *       recorded when tracking began.</li>
 *   <li>It never enters or removes a mount point, whatever its device: a directory on another device,
 *       or a mount point named in the mount table ({@link MountPoints}, read once per {@link Job}
 *       when its first directory is walked, so bind mounts of the same file system count too), is
 *       left in place with its parents, and the rest of the tree still goes.</li>
 * </ul>
 * Files tracked one by one in the same directory are deleted as a group
 * ({@link #deleteSiblings}): the root and the parents are opened once for the group rather than
 * once per file, and each file gets the same checks as on its own.
 * A dry run walks the same way and reports what would be deleted. Where the platform offers no
 * {@code SecureDirectoryStream}, nothing is deleted and the path is reported as skipped: the
 * guarantees above cannot be kept there.
 */
public final class SafeDeleter {
    /** Deeper trees than this are left in place (each level holds a directory handle open). */
    static final int MAX_DEPTH = 256;

    /** For dry runs: nothing is deleted, so there is nothing to be told. */
    public static final DeletionListener IGNORE = new DeletionListener() {
        @Override
        public void deleted(Path path) {
        }

        @Override
        public boolean wantsEntriesOf(Path directory) {
            return false;
        }
    };


    private final Roots roots;
    private final BirthTimeSupport birthTimes;

    public SafeDeleter(Roots roots, BirthTimeSupport birthTimes) {
        this.roots = roots;
        this.birthTimes = birthTimes;
    }

    /**
     * Deletes {@code path} (absolute, normalized) if it still is the file {@code expected} describes.
     *
     * @param onDeleted told of every path removed (not in a dry run): the tracked one, each directory
     *                  inside it, and each file inside a directory it {@linkplain
     *                  DeletionListener#wantsEntriesOf wants the files of}
     */
    public DeleteOutcome delete(Path path, FileIdentity expected, boolean dryRun, DeletionListener onDeleted) {
        return delete(path, expected, dryRun, onDeleted, DirectoryWalk.COUNT_ALL, new Job());
    }

    /** As {@link #delete(Path, FileIdentity, boolean, DeletionListener)}, one path of the bulk deletion {@code job}. */
    public DeleteOutcome delete(Path path, FileIdentity expected, boolean dryRun, DeletionListener onDeleted, Job job) {
        return delete(path, expected, dryRun, onDeleted, DirectoryWalk.COUNT_ALL, job);
    }

    /**
     * One bulk deletion (a cleanup run, one journal's sweep): the mount table is read once for the
     * whole job, when its first directory is about to be walked, not once per tracked directory.
     * WHY: a read of {@code /proc/self/mountinfo} cost more than deleting a small directory. What a
     * snapshot cannot see (a mount made later) the walk still meets through its device check, its
     * handle check and the unlink/rmdir failure (EBUSY), as {@link MountPoints} describes. Thread-safe.
     */
    public static final class Job {
        private MountPoints mounts;

        synchronized MountPoints mounts(Roots roots) {
            if (mounts == null) mounts = MountPoints.under(roots);
            return mounts;
        }
    }

    /**
     * Deletes files that share one parent directory, each if it still is the file {@code expected}
     * describes at the same index. The root and each directory down to the parent are opened once
     * (by handle, links not followed, the root's identity checked), and each file then gets exactly
     * the checks {@link #delete} gives it; an entry that is a directory after all is walked as
     * {@link #delete} would.
     *
     * @param paths absolute, normalized paths whose {@link Path#getParent()} is the same directory
     * @return one outcome per path, in order
     */
    public DeleteOutcome[] deleteSiblings(List<Path> paths, List<FileIdentity> expected, boolean dryRun,
                                          DeletionListener onDeleted, Job job) {
        DeleteOutcome[] outcomes = new DeleteOutcome[paths.size()];
        if (paths.isEmpty()) return outcomes;
        Path parentPath = paths.get(0).getParent();
        int memberDepth = paths.get(0).getNameCount();
        for (Path path : paths) {
            // The same as comparing getParent(), without a new Path per member.
            if (path.getNameCount() != memberDepth || !path.startsWith(parentPath)) {
                throw new IllegalArgumentException(path + " is not in " + parentPath + " like the rest of its group");
            }
        }
        Roots.Location location = roots.locate(paths.get(0));
        DeleteOutcome refused = null;
        SecureDirectoryStream<Path> parent = null;
        if (location == null) {
            refused = DeleteOutcome.skipped("outside the managed roots " + roots);
        } else {
            try {
                parent = openParent(location);
            } catch (IOException | UnsupportedOperationException e) {
                refused = parentRefusal(location, e);
            }
        }
        try {
            Path realParent = location == null ? null : realParent(location);
            for (int i = 0; i < outcomes.length; i++) {
                Path path = paths.get(i);
                outcomes[i] = refused != null ? refused
                        : deleteChild(parent, path.getFileName(), path, realParent, expected.get(i), dryRun, onDeleted,
                        DirectoryWalk.COUNT_ALL, job);
            }
        } finally {
            if (parent != null) closeQuietly(parent);
        }
        return outcomes;
    }

    private DeleteOutcome delete(Path path, FileIdentity expected, boolean dryRun, DeletionListener onDeleted,
                                 Predicate<Path> countedElsewhere, Job job) {
        Roots.Location location = roots.locate(path);
        if (location == null) return DeleteOutcome.skipped("outside the managed roots " + roots);
        SecureDirectoryStream<Path> parent;
        try {
            parent = openParent(location);
        } catch (IOException | UnsupportedOperationException e) {
            return parentRefusal(location, e);
        }
        try {
            return deleteChild(parent, location.relative().getFileName(), path, realParent(location), expected, dryRun,
                    onDeleted, countedElsewhere, job);
        } finally {
            closeQuietly(parent);
        }
    }

    /** What becomes of a path whose parent cannot be opened from the root. */
    private static DeleteOutcome parentRefusal(Roots.Location location, Exception e) {
        if (e instanceof NoSuchFileException) return DeleteOutcome.alreadyGone();
        if (e instanceof UnsupportedOperationException) {
            return DeleteOutcome.skipped("this platform offers no SecureDirectoryStream; cannot delete without following links");
        }
        return DeleteOutcome.skipped("a parent directory is no longer a plain directory inside "
                + location.root() + " (" + describe((IOException) e) + ")");
    }

    /** The located path's parent with links resolved: the spelling the mount table uses. */
    private static Path realParent(Roots.Location location) {
        Path parent = location.relative().getParent();
        return parent == null ? location.root().real() : location.root().real().resolve(parent);
    }

    /**
     * Bytes of regular files at and under {@code path}, walked with the same rules as a delete;
     * files inside for which {@code countedElsewhere} is true (tracked on their own) are left out.
     * -1 if the path cannot be measured (gone, replaced, refused).
     */
    public long measure(Path path, FileIdentity expected, Predicate<Path> countedElsewhere) {
        DeleteOutcome outcome = delete(path, expected, true, IGNORE, countedElsewhere, new Job());
        return outcome.status() == DeleteOutcome.Status.DELETED ? outcome.bytes() : -1;
    }

    private SecureDirectoryStream<Path> openParent(Roots.Location location) throws IOException {
        SecureDirectoryStream<Path> current = RootDirectory.open(location.root().real(), location.root().identity());
        Path relative = location.relative();
        try {
            for (int i = 0; i < relative.getNameCount() - 1; i++) {
                SecureDirectoryStream<Path> next = current.newDirectoryStream(relative.getName(i), LinkOption.NOFOLLOW_LINKS);
                closeQuietly(current);
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            closeQuietly(current);
            throw e;
        }
    }

    /** @param realParent the parent with links resolved: where the mount table's spelling of the entry starts */
    private DeleteOutcome deleteChild(SecureDirectoryStream<Path> parent, Path name, Path path, Path realParent,
                                      FileIdentity expected, boolean dryRun, DeletionListener onDeleted,
                                      Predicate<Path> countedElsewhere, Job job) {
        BasicFileAttributes attrs;
        try {
            attrs = FsAttributes.lstat(parent, name);
        } catch (NoSuchFileException e) {
            return DeleteOutcome.alreadyGone();
        } catch (IOException e) {
            return DeleteOutcome.failed(0, "cannot read attributes: " + describe(e));
        }
        FileIdentity current = FileIdentity.of(attrs);
        // The mount table costs a read of /proc, so only a directory, which the walk may enter, needs the
        // job's snapshot up front; a tracked file asks only when something is odd (a file cannot hold a mount).
        MountPoints mounts = attrs.isDirectory() ? job.mounts(roots) : null;
        // The mount table's spelling of the entry; a plain file needs it only when something went wrong.
        Path realPath = mounts != null ? realParent.resolve(name) : null;
        if (mounts != null && mounts.isMountPoint(realPath, current)) {
            return DeleteOutcome.failed(0, MountPoints.LEFT_IN_PLACE);
        }
        if (!expected.matches(current, birthTimes.reliable(current.device(), parent))) {
            if (mountPointNow(realParent.resolve(name), current)) return DeleteOutcome.failed(0, MountPoints.LEFT_IN_PLACE);
            return DeleteOutcome.skipped("identity changed since it was tracked (was " + expected + ", now " + current
                    + "): the name belongs to another file");
        }
        if (mounts == null) {
            long size = attrs.isRegularFile() ? attrs.size() : 0;
            try {
                if (!dryRun) {
                    parent.deleteFile(name);
                    onDeleted.deleted(path);
                }
                return DeleteOutcome.deleted(size);
            } catch (NoSuchFileException e) {
                return DeleteOutcome.alreadyGone();
            } catch (IOException e) {
                // A bind-mounted file cannot be unlinked (EBUSY): say why rather than the errno text.
                return DeleteOutcome.failed(0, mountPointNow(realParent.resolve(name), current)
                        ? MountPoints.LEFT_IN_PLACE : describe(e));
            }
        }
        DirectoryWalk walk = new DirectoryWalk(roots, current.device(), mounts, dryRun, onDeleted, countedElsewhere);
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            // The name could have been swapped between the stat above and this open: check the handle itself.
            FileIdentity opened = FileIdentity.of(FsAttributes.fstat(dir));
            if (mounts.isMountPoint(null, opened)) {
                return DeleteOutcome.failed(0, MountPoints.LEFT_IN_PLACE);
            }
            if (!expected.matches(opened, false)) {
                return DeleteOutcome.skipped("identity changed while opening the directory");
            }
            walk.deleteContents(dir, path, realPath, 1);
        } catch (NoSuchFileException e) {
            return DeleteOutcome.alreadyGone();
        } catch (IOException e) {
            walk.fail(path, describe(e));
        }
        if (walk.firstProblem() != null) {
            return DeleteOutcome.failed(walk.bytes(), walk.firstProblem());
        }
        try {
            if (!dryRun) {
                parent.deleteDirectory(name);
                onDeleted.deleted(path);
            }
            return DeleteOutcome.deleted(walk.bytes());
        } catch (NoSuchFileException e) {
            return DeleteOutcome.deleted(walk.bytes());
        } catch (IOException e) {
            if (mountPointNow(realPath, current)) return DeleteOutcome.failed(walk.bytes(), MountPoints.LEFT_IN_PLACE);
            return DeleteOutcome.failed(walk.bytes(), "cannot delete directory: " + describe(e));
        }
    }

    /** Whether {@code realPath} is a mount point by a mount table read now: asked only when a delete went wrong. */
    private boolean mountPointNow(Path realPath, FileIdentity id) {
        return DirectoryWalk.mountPointNow(roots, realPath, id);
    }

    /** "Operation not permitted" rather than the exception's full path-laden message. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            if (reason != null) return reason;
            return e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a directory handle: nothing to recover
        }
    }
}
