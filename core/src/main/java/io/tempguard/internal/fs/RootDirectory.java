package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens a root directory, the handle every deletion walk starts from, without being led
 * elsewhere by a symbolic link: the path is {@code lstat}ed (it must be a directory, not a link),
 * opened, and the opened handle must be that same directory, so a name swapped for a link between
 * the two is caught. Opening the root by path, rather than through its parent, needs only search
 * permission on the directories above it, as any file access does.
 */
public final class RootDirectory {
    /** Thrown when the root is no longer the plain directory it was; the message says how. */
    public static final class ReplacedException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        ReplacedException(Path root, String reason) {
            super(root.toString(), null, reason);
        }
    }

    private RootDirectory() {
    }

    /**
     * The open root {@code path}; with {@code expected} non-null, it must also be that directory
     * (device and inode), as recorded when tracking began.
     *
     * @throws UnsupportedOperationException where the platform has no {@link SecureDirectoryStream}
     */
    public static SecureDirectoryStream<Path> open(Path path, FileIdentity expected) throws IOException {
        BasicFileAttributes own = FsAttributes.lstat(path);
        if (own.isSymbolicLink()) throw new ReplacedException(path, "the root is now a symbolic link");
        if (!own.isDirectory()) throw new ReplacedException(path, "the root is no longer a directory");
        DirectoryStream<Path> stream = Files.newDirectoryStream(path);
        if (!(stream instanceof SecureDirectoryStream)) {
            stream.close();
            throw new UnsupportedOperationException("no SecureDirectoryStream on this platform");
        }
        SecureDirectoryStream<Path> dir = (SecureDirectoryStream<Path>) stream;
        try {
            FileIdentity opened = FileIdentity.of(FsAttributes.fstat(dir));
            if (!FileIdentity.of(own).matches(opened, false)) {
                throw new ReplacedException(path, "the root was replaced while it was opened");
            }
            if (expected != null && !expected.matches(opened, false)) {
                throw new ReplacedException(path, "the root is another directory now (was " + expected + ", now "
                        + opened + ")");
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }
}
