package io.tempguard.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The attribute reads tempguard makes, in one place, all without following links: a symbolic
 * link is described as the link itself, never as its target. Each is one system call
 * ({@code statx}/{@code fstatat} with {@code AT_SYMLINK_NOFOLLOW}, or {@code fstat} on a handle).
 */
public final class FsAttributes {

    /** The attributes of {@code path} itself (an {@code lstat}): a link is not followed. */
    public static BasicFileAttributes lstat(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The identity of {@code path} itself, a link not followed. */
    public static FileIdentity identity(Path path) throws IOException {
        return FileIdentity.of(lstat(path));
    }

    /** The attributes of the entry {@code name} (a relative name) of the open directory {@code dir}. */
    static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
    }

    /** The attributes of the open directory itself (an {@code fstat} of its handle, immune to renames). */
    static BasicFileAttributes fstat(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    private FsAttributes() {
    }
}
