package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Deletes one tracked path with the safety rules every deletion in tempguard follows:
 * <ul>
 *   <li>It walks from the root by directory handle ({@link SecureDirectoryStream}, i.e. {@code openat}
 *       with {@code O_NOFOLLOW}), so a parent directory swapped for a symbolic link cannot lead it
 *       outside the root, and it never follows a link: a link is removed, its target left alone.</li>
 *   <li>It refuses a path whose identity (device, inode, birth time) no longer matches the one
 *       recorded when tracking began.</li>
 *   <li>It never crosses onto another file system: a mount point inside a directory is left in place.</li>
 * </ul>
 * A dry run walks the same way and reports what would be deleted. Where the platform offers no
 * {@code SecureDirectoryStream}, nothing is deleted and the path is reported as skipped: the
 * guarantees above cannot be kept there.
 */
public final class SafeDeleter {
    /** Deeper trees than this are left in place (each level holds a directory handle open). */
    static final int MAX_DEPTH = 256;

    /** For dry runs: nothing is deleted, so there is nothing to be told. */
    public static final Consumer<Path> IGNORE = new Consumer<Path>() {
        @Override
        public void accept(Path path) {
        }
    };

    private static final Predicate<Path> COUNT_ALL = new Predicate<Path>() {
        @Override
        public boolean test(Path path) {
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
     * @param onDeleted told of every path removed, the tracked one and each inside it (not in a dry run)
     */
    public DeleteOutcome delete(Path path, FileIdentity expected, boolean dryRun, Consumer<Path> onDeleted) {
        return delete(path, expected, dryRun, onDeleted, COUNT_ALL);
    }

    private DeleteOutcome delete(Path path, FileIdentity expected, boolean dryRun, Consumer<Path> onDeleted,
                                 Predicate<Path> countedElsewhere) {
        Roots.Location location = roots.locate(path);
        if (location == null) return DeleteOutcome.skipped("outside the managed roots " + roots);
        SecureDirectoryStream<Path> parent;
        try {
            parent = openParent(location);
        } catch (NoSuchFileException e) {
            return DeleteOutcome.alreadyGone();
        } catch (UnsupportedOperationException e) {
            return DeleteOutcome.skipped("this platform offers no SecureDirectoryStream; cannot delete without following links");
        } catch (IOException e) {
            return DeleteOutcome.skipped("a parent directory is no longer a plain directory inside "
                    + location.root() + " (" + describe(e) + ")");
        }
        try {
            return deleteChild(parent, location.relative().getFileName(), path, expected, dryRun, onDeleted,
                    countedElsewhere);
        } finally {
            closeQuietly(parent);
        }
    }

    /**
     * Bytes of regular files at and under {@code path}, walked with the same rules as a delete;
     * files inside for which {@code countedElsewhere} is true (tracked on their own) are left out.
     * -1 if the path cannot be measured (gone, replaced, refused).
     */
    public long measure(Path path, FileIdentity expected, Predicate<Path> countedElsewhere) {
        DeleteOutcome outcome = delete(path, expected, true, IGNORE, countedElsewhere);
        return outcome.status() == DeleteOutcome.Status.DELETED ? outcome.bytes() : -1;
    }

    private SecureDirectoryStream<Path> openParent(Roots.Location location) throws IOException {
        DirectoryStream<Path> rootStream = Files.newDirectoryStream(location.root().real());
        if (!(rootStream instanceof SecureDirectoryStream)) {
            closeQuietly(rootStream);
            throw new UnsupportedOperationException();
        }
        SecureDirectoryStream<Path> current = (SecureDirectoryStream<Path>) rootStream;
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

    private DeleteOutcome deleteChild(SecureDirectoryStream<Path> parent, Path name, Path path, FileIdentity expected,
                                      boolean dryRun, Consumer<Path> onDeleted, Predicate<Path> countedElsewhere) {
        BasicFileAttributes attrs;
        try {
            attrs = readAttributes(parent, name);
        } catch (NoSuchFileException e) {
            return DeleteOutcome.alreadyGone();
        } catch (IOException e) {
            return DeleteOutcome.failed(0, "cannot read attributes: " + describe(e));
        }
        FileIdentity current = FileIdentity.of(attrs);
        if (!expected.matches(current, birthTimes.reliable(current.device(), parent))) {
            return DeleteOutcome.skipped("identity changed since it was tracked (was " + expected + ", now " + current
                    + "): the name belongs to another file");
        }
        if (!attrs.isDirectory()) {
            long size = attrs.isRegularFile() ? attrs.size() : 0;
            try {
                if (!dryRun) {
                    parent.deleteFile(name);
                    onDeleted.accept(path);
                }
                return DeleteOutcome.deleted(size);
            } catch (NoSuchFileException e) {
                return DeleteOutcome.alreadyGone();
            } catch (IOException e) {
                return DeleteOutcome.failed(0, describe(e));
            }
        }
        Walk walk = new Walk(current.device(), dryRun, onDeleted, countedElsewhere);
        try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            // The name could have been swapped between the stat above and this open: check the handle itself.
            FileIdentity opened = FileIdentity.of(dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes());
            if (!expected.matches(opened, false)) {
                return DeleteOutcome.skipped("identity changed while opening the directory");
            }
            walk.deleteContents(dir, path, 1);
        } catch (NoSuchFileException e) {
            return DeleteOutcome.alreadyGone();
        } catch (IOException e) {
            walk.fail(path, describe(e));
        }
        if (walk.firstProblem != null) {
            return DeleteOutcome.failed(walk.bytes, walk.firstProblem);
        }
        try {
            if (!dryRun) {
                parent.deleteDirectory(name);
                onDeleted.accept(path);
            }
            return DeleteOutcome.deleted(walk.bytes);
        } catch (NoSuchFileException e) {
            return DeleteOutcome.deleted(walk.bytes);
        } catch (IOException e) {
            return DeleteOutcome.failed(walk.bytes, "cannot delete directory: " + describe(e));
        }
    }

    /** Deletes a directory's contents depth first, never leaving its device, collecting the first problem. */
    private static final class Walk {
        final long device;
        final boolean dryRun;
        final Consumer<Path> onDeleted;
        final Predicate<Path> countedElsewhere;
        long bytes;
        int problems;
        String firstProblem;

        Walk(long device, boolean dryRun, Consumer<Path> onDeleted, Predicate<Path> countedElsewhere) {
            this.device = device;
            this.dryRun = dryRun;
            this.onDeleted = onDeleted;
            this.countedElsewhere = countedElsewhere;
        }

        void fail(Path path, String reason) {
            problems++;
            if (firstProblem == null) firstProblem = path + ": " + reason;
        }

        void deleteContents(SecureDirectoryStream<Path> dir, Path dirPath, int depth) {
            for (Path entry : dir) {
                Path name = entry.getFileName();
                Path full = dirPath.resolve(name);
                BasicFileAttributes attrs;
                try {
                    attrs = readAttributes(dir, name);
                } catch (NoSuchFileException e) {
                    continue;
                } catch (IOException e) {
                    fail(full, "cannot read attributes: " + describe(e));
                    continue;
                }
                FileIdentity id = FileIdentity.of(attrs);
                if (device != FileIdentity.UNKNOWN && id.device() != device) {
                    fail(full, "mount point of another file system; left in place");
                    continue;
                }
                if (attrs.isDirectory()) {
                    deleteDirectory(dir, name, full, depth);
                } else {
                    try {
                        if (!dryRun) {
                            dir.deleteFile(name);
                            onDeleted.accept(full);
                        }
                        if (attrs.isRegularFile() && !countedElsewhere.test(full)) bytes += attrs.size();
                    } catch (NoSuchFileException e) {
                        // removed meanwhile: fine
                    } catch (IOException e) {
                        fail(full, describe(e));
                    }
                }
            }
        }

        private void deleteDirectory(SecureDirectoryStream<Path> dir, Path name, Path full, int depth) {
            if (depth >= MAX_DEPTH) {
                fail(full, "more than " + MAX_DEPTH + " levels deep; left in place");
                return;
            }
            int problemsBefore = problems;
            try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                deleteContents(sub, full, depth + 1);
            } catch (NoSuchFileException e) {
                return;
            } catch (NotDirectoryException e) {
                fail(full, "replaced by a non-directory while deleting");
                return;
            } catch (IOException e) {
                fail(full, describe(e));
                return;
            }
            if (problems != problemsBefore || dryRun) return; // a failure inside: rmdir would only fail again
            try {
                dir.deleteDirectory(name);
                onDeleted.accept(full);
            } catch (NoSuchFileException e) {
                // removed meanwhile: fine
            } catch (IOException e) {
                fail(full, "cannot delete directory: " + describe(e));
            }
        }
    }

    private static BasicFileAttributes readAttributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
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
