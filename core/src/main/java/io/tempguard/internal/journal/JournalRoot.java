package io.tempguard.internal.journal;

import io.tempguard.internal.fs.FileIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A root as a journal records it: the path, and (from format version 3) the identity of the
 * directory it named when the journal was written, and whether the path itself was a symbolic
 * link then (a temp directory configured through a link, e.g. macOS's {@code /tmp}). A sweep
 * refuses a root that has since become a link or another directory: what the journal lists under
 * it is not what lies there now.
 */
public final class JournalRoot {
    private final Path path;
    private final FileIdentity identity;
    private final boolean wasLink;

    JournalRoot(Path path, FileIdentity identity, boolean wasLink) {
        this.path = path;
        this.identity = identity;
        this.wasLink = wasLink;
    }

    /** A root from a version-2 journal: no identity was recorded. */
    static JournalRoot withoutIdentity(Path path) {
        return new JournalRoot(path, null, false);
    }

    /** The root as it is on disk now (a missing or unreadable root gets no identity). */
    static JournalRoot ofCurrent(Path root) {
        Path path = root.toAbsolutePath().normalize();
        try {
            BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean link = own.isSymbolicLink();
            BasicFileAttributes target = link ? Files.readAttributes(path, BasicFileAttributes.class) : own;
            FileIdentity id = FileIdentity.of(target);
            return new JournalRoot(path, id.isPortable() ? id : null, link);
        } catch (IOException | RuntimeException e) {
            return new JournalRoot(path, null, false);
        }
    }

    public Path path() { return path; }

    /** The identity recorded for the directory, or null (version-2 journal, or unknown when written). */
    public FileIdentity identity() { return identity; }

    /** Whether the root's path was itself a symbolic link when the journal was written. */
    public boolean wasLink() { return wasLink; }

    @Override
    public String toString() {
        return path + (identity == null ? "" : " (" + identity + (wasLink ? ", through a link" : "") + ")");
    }
}
